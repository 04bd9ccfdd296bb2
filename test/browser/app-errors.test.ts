// <ml-app> error paths a user can meet on a busy server: a full queue, and the app working again once it drains.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../components/app/app.js';
import type { MlApp } from '../../components/app/app.js';
import type { MlErrorEvent } from '../../components/base/events.js';
import { connect, type Job, type JobEvent } from '../../src/client/index.js';
import { ORIGIN, click, control, deepAll, type, valueOf, waitFor } from './app-helpers.js';

/** Reads a job's events until one of type `until` arrives (without ending the job). */
async function until(job: Job, until: JobEvent['type']): Promise<void> {
  const it = job[Symbol.asyncIterator]();
  for (;;) {
    const { value, done } = await it.next();
    if (done) throw new Error(`job ended before "${until}"`);
    if (value.type === until) return;
    if (value.type === 'error' || value.type === 'complete') throw new Error(`job ended before "${until}": ${JSON.stringify(value)}`);
  }
}

describe('<ml-app> with /progress/ when its queue is full', () => {
  it('Run shows "queue is full" inside the element, fires ml-error queue_full, and works again once the queue drains', async () => {
    // Other users: one long job running and four short ones waiting behind it (the demo app's limit).
    const others = await connect(`${ORIGIN}/progress/`);
    const jobs: Job[] = [];
    try {
      const running = others.submit('/slow', [100]);
      jobs.push(running);
      await until(running, 'started');
      for (let i = 0; i < 4; i++) {
        const waiting = others.submit('/slow', [1]);
        jobs.push(waiting);
        await until(waiting, 'queued');
      }
      // The server really refuses a sixth job (else the rest of this test would only time out).
      const refused = await others.predict('/slow', [1]).catch((e: { code?: string }) => e.code);
      expect(refused, 'the demo app refuses a job beyond its queue limit').to.equal('queue_full');

      const holder = await fixture<HTMLDivElement>(html`<div></div>`);
      holder.innerHTML = `<ml-app eager src="${ORIGIN}/progress/"></ml-app>`;
      const el = holder.querySelector<MlApp>('ml-app')!;
      await oneEvent(el, 'ml-render');
      await type(control(el, 'number', 'Steps'), '1');
      const errors: MlErrorEvent[] = [];
      el.addEventListener('ml-error', (e) => errors.push(e));
      const stages: string[] = [];
      el.addEventListener('ml-status', (e) => stages.push(e.status.stage));
      await click(control(el, 'button', 'Run'));
      await waitFor(() => errors.length || stages.includes('queued'), 'ml-error fired');
      expect(stages, 'the job was refused, not queued').not.to.include('queued');
      expect(errors.map((e) => e.code)).to.deep.equal(['queue_full']);

      // The user reads why, inside the app's own box.
      const toast = await waitFor(() => el.shadowRoot!.querySelector<HTMLElement>('.toast.error'), 'error toast');
      expect(toast.getAttribute('role')).to.equal('alert');
      expect(toast.textContent!.replace(/\s+/g, ' ')).to.match(/queue is full/i);
      expect(el.contains(toast) || el.shadowRoot!.contains(toast)).to.be.true;
      const log = control(el, 'textbox', 'Log');
      expect(valueOf(log)).to.equal('');

      // The queue drains: the long job is cancelled and the four short ones finish.
      await running.cancel();
      const rest = await Promise.all(jobs.slice(1).map((j) => j.result));
      expect(rest).to.deep.equal(Array(4).fill(['step 1/1 done']));

      // The same button works again, and no new error was reported.
      await click(control(el, 'button', 'Run'));
      await waitFor(() => valueOf(log) === 'step 1/1 done', `the run after the queue drained finished (log "${valueOf(log)}")`);
      expect(errors).to.have.length(1);
      const failed = deepAll(el, 'ml-status-tracker').filter((t) => t.shadowRoot!.querySelector('[part=error]'));
      expect(failed, 'no output still shows an error').to.have.length(0);
    } finally {
      await Promise.all(jobs.map((j) => j.cancel().catch(() => undefined)));
      others.close();
    }
  });
});
