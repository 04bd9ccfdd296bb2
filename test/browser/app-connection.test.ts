// <ml-app> when its session stream drops mid-job and cannot be re-established: a readable error inside the
// element, ml-error connection_lost, nothing uncaught, and the app works again once the server does.
// The app is scripted by web-test-runner.config.mjs (lostConnectionApp) on the test page's own origin.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../components/app/app.js';
import type { MlApp } from '../../components/app/app.js';
import type { MlErrorEvent } from '../../components/base/events.js';
import { click, control, deepAll, type, valueOf, waitFor } from './app-helpers.js';

const APP = `${location.origin}/__scripted/lost/`;
const setMode = (mode: 'drop' | 'work') => fetch(`${APP}__mode`, { method: 'POST', body: mode });

describe('<ml-app> when the connection is lost mid-job', () => {
  const uncaught: unknown[] = [];
  const onError = (e: ErrorEvent) => uncaught.push(e.error ?? e.message);
  const onRejection = (e: PromiseRejectionEvent) => uncaught.push(e.reason);
  before(() => {
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
  });
  after(async () => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
    await setMode('drop');
  });

  it('shows "connection lost" in the element and its output tracker, fires ml-error connection_lost, then works again', async () => {
    await setMode('drop');
    const el = await fixture<MlApp>(html`<ml-app eager src=${APP}></ml-app>`);
    await oneEvent(el, 'ml-render');
    const errors: MlErrorEvent[] = [];
    el.addEventListener('ml-error', (e) => errors.push(e));
    const stages: string[] = [];
    el.addEventListener('ml-status', (e) => stages.push(e.status.stage));

    const output = control(el, 'textbox', 'Output');
    await type(control(el, 'textbox', 'Input'), 'hi');
    await click(control(el, 'button', 'Echo'));
    // The stream said the job started, then dropped; three reconnects get 503 (about 2 s of backoff).
    await waitFor(() => errors.length, 'ml-error fired', 8000);
    expect(stages, 'the job had started before the stream dropped').to.include('running');
    expect(errors.map((e) => e.code)).to.deep.equal(['connection_lost']);

    // The user reads why, inside the app's own box.
    const toast = await waitFor(() => el.shadowRoot!.querySelector<HTMLElement>('.toast.error'), 'error toast');
    expect(toast.getAttribute('role')).to.equal('alert');
    expect(toast.textContent!.replace(/\s+/g, ' ')).to.match(/lost the connection/i);
    // The output that was waiting for the job shows the error too, and kept its (empty) value.
    const failed = deepAll(el, 'ml-status-tracker').filter((t) => t.shadowRoot!.querySelector('[part=error]'));
    expect(failed, 'one output tracker shows an error').to.have.length(1);
    expect(valueOf(output)).to.equal('');

    // The server works again: the same button gets a result, with no new error.
    await setMode('work');
    await type(control(el, 'textbox', 'Input'), 'again');
    await click(control(el, 'button', 'Echo'));
    await waitFor(() => valueOf(output) === 'echo: again', `the next run finished (output "${valueOf(output)}")`);
    expect(errors).to.have.length(1);
    await waitFor(
      () => !deepAll(el, 'ml-status-tracker').some((t) => t.shadowRoot!.querySelector('[part=error]')),
      'no output still shows an error',
    );
    expect(uncaught, 'nothing thrown uncaught').to.deep.equal([]);
  });
});
