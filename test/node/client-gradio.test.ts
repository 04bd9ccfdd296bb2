// Our client against a real Gradio app (test/fixtures/gradio_app.py): State, streaming, files, queue, progress,
// gr.Info, gr.Error, cancel. Optional: skipped (with the reason printed) when no Python with gradio is available
// (`python3 -m venv .venv-interop && .venv-interop/bin/pip install gradio gradio_client`, or set ML_PYTHON, e.g. to
// a Python with `gradio==4.44.1` to check the Gradio 4 layout without /gradio_api).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { connect, type Client, type FileData, type JobEvent } from '../../src/client/index.js';
import { findPython } from './python.js';

const { python, reason } = findPython('gradio');
if (!python) console.log(`# client-gradio skipped: ${reason}`);

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

async function events(it: AsyncIterable<JobEvent>): Promise<JobEvent[]> {
  const out: JobEvent[] = [];
  for await (const e of it) out.push(e);
  return out;
}
const of = <T extends JobEvent['type']>(evs: JobEvent[], type: T) => evs.filter((e): e is Extract<JobEvent, { type: T }> => e.type === type);

describe('the client against a real Gradio app', { skip: python ? false : reason, timeout: 120_000 }, () => {
  let gradio: ChildProcess;
  let url: string;
  let client: Client;
  before(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}/`;
    gradio = spawn(python!, [path.resolve('test/fixtures/gradio_app.py')], {
      env: { ...process.env, PORT: String(port), GRADIO_ANALYTICS_ENABLED: 'False' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    gradio.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d).slice(-4000)));
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        if ((await fetch(url + 'config')).ok) break;
      } catch {}
      if (Date.now() > deadline || gradio.exitCode !== null) throw new Error(`Gradio did not start:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    client = await connect(url);
  });
  after(() => {
    client?.close();
    gradio?.kill('SIGTERM');
  });

  test('reads the config and /info: prefix (none before Gradio 5), protocol, parameters and defaults', () => {
    assert.equal(client.apiPrefix, client.config.version!.startsWith('4.') ? '' : '/gradio_api');
    assert.equal(client.config.protocol, 'sse_v3');
    const greet = client.viewApi().endpoints.find((e) => e.name === '/greet')!;
    assert.deepEqual(greet.parameters.map((p) => [p.name, p.type, p.hasDefault, p.default]), [
      ['name', 'string', false, undefined],
      ['intensity', 'number', true, 1],
    ]);
    assert.deepEqual(greet.returns.map((r) => r.component), ['Textbox'], 'the State output is not listed');
  });

  test('predict by keyword and position keeps the session State between calls', async () => {
    const [a] = (await client.predict('/greet', { name: 'Ada' })) as [string];
    const [b] = (await client.predict('/greet', ['Grace', 3])) as [string];
    const n = Number(/call (\d+)/.exec(a)![1]);
    assert.equal(a, `Hello, Ada! (call ${n})`);
    assert.equal(b, `Hello, Grace!!! (call ${n + 1})`);
  });

  test('a generator streams its values, then completes', async () => {
    const evs = await events(client.submit('/chat', { message: 'hey' }));
    assert.deepEqual(of(evs, 'data').map((e) => e.values[0]), ['You', 'You said', 'You said hey']);
    assert.deepEqual(of(evs, 'complete')[0].values, ['You said hey']);
  });

  test('a Blob is uploaded and the returned file downloads from its absolute URL', async () => {
    const [file] = (await client.predict('/echo_file', [new File(['hello file'], 'a.txt', { type: 'text/plain' })])) as [FileData];
    assert.equal(file.orig_name, 'a.txt');
    assert.ok(file.url!.startsWith(`${client.root}${client.apiPrefix}/file=`), file.url!);
    assert.equal(await (await client.fetchFile(file)).text(), 'hello file');
  });

  test('a second job waits in the queue; progress and gr.Info arrive as events', async () => {
    const order: string[] = [];
    const record = async (name: string, job: AsyncIterable<JobEvent>) => {
      const evs: JobEvent[] = [];
      for await (const e of job) (evs.push(e), order.push(`${name}:${e.type}`));
      return evs;
    };
    const first = record('first', client.submit('/slow', [3]));
    while (!order.includes('first:started')) await new Promise((r) => setTimeout(r, 10));
    const [firstEvents, secondEvents] = await Promise.all([first, record('second', client.submit('/slow', { steps: 1 }))]);
    // Gradio throttles progress (latest wins), so the count varies; the steps only go forward.
    const steps = of(firstEvents, 'progress').map((e) => e.levels[0]);
    assert.ok(steps.length >= 2);
    assert.deepEqual([steps[0].index, steps[0].length, steps[0].desc], [0, 3, 'Working']);
    steps.forEach((p, i) => i && assert.ok(p.index! > steps[i - 1].index!));
    assert.deepEqual(of(firstEvents, 'log').map((e) => [e.level, e.message]), [['info', 'Finished 3 steps.']]);
    // The second job is told it is waiting, and starts only when the first is done (concurrency 1).
    assert.equal(typeof of(secondEvents, 'queued')[0].rank, 'number');
    assert.ok(order.indexOf('second:queued') < order.indexOf('first:complete'));
    assert.ok(order.indexOf('second:started') > order.indexOf('first:log'), order.join(' '));
    assert.deepEqual(of(secondEvents, 'complete')[0].values, ['done 1']);
  });

  test('gr.Error becomes app_error with its title; cancel ends a running job', async () => {
    // Gradio 4 has no error titles and sends the message as repr() (quoted).
    const v4 = client.config.version!.startsWith('4.');
    await assert.rejects(client.predict('/fail', ['x']), { code: 'app_error', message: v4 ? `"Cannot handle 'x'"` : "Cannot handle 'x'", title: v4 ? null : 'Bad input' });
    const job = client.submit('/slow', [20]);
    const seen: JobEvent[] = [];
    for await (const e of job) {
      seen.push(e);
      if (e.type === 'progress') await job.cancel();
    }
    assert.deepEqual(seen.at(-1), { type: 'error', code: 'cancelled', title: null, message: 'The job was cancelled.' });
    assert.deepEqual(await client.predict('/slow', [1]), ['done 1'], 'the queue is free again');
  });
});
