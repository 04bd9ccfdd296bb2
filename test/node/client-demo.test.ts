// The client against our real demo server (every event type): hello, chat streaming, image upload,
// queue position and progress with a second job waiting, logs, cancel and app errors.
import { after, before, test as nodeTest, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { startDemoServer, type DemoServer } from '../../demo/server.js';
import { connect, type FileData, type JobEvent } from '../../src/client/index.js';

/** Every test fails after 30 s instead of hanging the run. */
const test = (name: string, fn: (t: TestContext) => void | Promise<void>) => nodeTest(name, { timeout: 30_000 }, fn);

let demo: DemoServer;
before(async () => {
  demo = await startDemoServer({ port: 0, host: '127.0.0.1' });
});
after(() => demo.close());

async function events(it: AsyncIterable<JobEvent>): Promise<JobEvent[]> {
  const out: JobEvent[] = [];
  for await (const e of it) out.push(e);
  return out;
}
const of = <T extends JobEvent['type']>(evs: JobEvent[], type: T) => evs.filter((e): e is Extract<JobEvent, { type: T }> => e.type === type);

test('/hello/ greet: predict by keyword (default intensity) and by position', async () => {
  const client = await connect(demo.url + 'hello/');
  assert.equal(client.apiPrefix, '/gradio_api');
  assert.deepEqual(await client.predict('/greet', { name: 'Ada' }), ['Hello, Ada!']);
  assert.deepEqual(await client.predict('/greet', ['Grace', 3]), ['Hello, Grace!!!']);
  const evs = await events(client.submit('/greet', { name: 'Lin', intensity: 2 }));
  assert.deepEqual(evs.map((e) => e.type), ['queued', 'started', 'complete']);
  const done = evs[2] as Extract<JobEvent, { type: 'complete' }>;
  assert.deepEqual(done.values, ['Hello, Lin!!']);
  assert.equal(typeof done.duration, 'number');
  client.close();
});

test('/chat/ chat: the reply streams word by word as growing data events, then completes', async () => {
  const client = await connect(demo.url + 'chat/');
  const evs = await events(client.submit('/chat', { message: 'hi there' }));
  const data = of(evs, 'data').map((e) => e.values[0] as string);
  assert.ok(data.length > 10, `${data.length} data events`);
  for (let i = 1; i < data.length; i++) assert.ok(data[i].startsWith(data[i - 1]), 'each value extends the previous one');
  assert.ok(new Set(data).size > 10, 'many distinct steps');
  assert.match(data[0], /^You /);
  const final = of(evs, 'complete')[0].values[0] as string;
  assert.equal(final, data.at(-1));
  assert.match(final, /You said \*\*hi there\*\*/);
  client.close();
});

test('/image/ filter: a PNG is uploaded (with progress), filtered, and the output file downloads', async () => {
  const client = await connect(demo.url + 'image/');
  const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: { r: 200, g: 30, b: 30 } } }).png().toBuffer();
  const seen: [number, number][] = [];
  const [uploaded] = await client.upload([new File([new Uint8Array(png)], 'red.png', { type: 'image/png' })], { onProgress: (l, t) => seen.push([l, t]) });
  assert.equal(uploaded.orig_name, 'red.png');
  assert.deepEqual(seen.at(-1), [png.length, png.length]);
  const [out] = (await client.predict('/filter', { image: uploaded, filter: 'grayscale' })) as [{ url: string; path: string }];
  assert.ok(out.url.startsWith(client.root + '/gradio_api/file='), out.url);
  const res = await client.fetchFile(out);
  assert.equal(res.headers.get('content-type'), 'image/png');
  const { data, info } = await sharp(new Uint8Array(await res.arrayBuffer())).raw().toBuffer({ resolveWithObject: true });
  assert.equal(info.width, 4);
  assert.ok(data[0] === data[1] && data[1] === data[2], 'grayscale pixels');
  // A Blob anywhere in the input is uploaded by submit itself.
  const [inverted] = (await client.predict('/filter', [new Blob([new Uint8Array(png)], { type: 'image/png' }), 'invert'])) as [FileData];
  const px = await sharp(new Uint8Array(await (await client.fetchFile(inverted)).arrayBuffer())).raw().toBuffer();
  assert.deepEqual([px[0], px[1], px[2]], [55, 225, 225]);
  client.close();
});

test('/progress/ slow: a second job sees its queue position, then both report progress and a log line', async () => {
  const client = await connect(demo.url + 'progress/');
  const first = client.submit('/slow', [4]);
  const firstEvents: JobEvent[] = [];
  const it = first[Symbol.asyncIterator]();
  for (;;) {
    const { value } = await it.next();
    firstEvents.push(value);
    if (value.type === 'started') break;
  }
  const second = events(client.submit('/slow', { steps: 2 }));
  for (let r = await it.next(); !r.done; r = await it.next()) firstEvents.push(r.value);
  const secondEvents = await second;

  const queued = of(secondEvents, 'queued')[0];
  assert.equal(queued.rank, 0, 'first in line behind the running job');
  assert.ok(queued.queueSize >= 1);
  assert.ok(secondEvents.findIndex((e) => e.type === 'started') > secondEvents.indexOf(queued));
  for (const [evs, n] of [[firstEvents, 4], [secondEvents, 2]] as const) {
    const progress = of(evs, 'progress').map((e) => e.levels[0]);
    assert.deepEqual(progress.map((p) => p.index), [...Array(n + 1).keys()]);
    assert.equal(progress[0].length, n);
    assert.equal(progress[0].unit, 'steps');
    assert.deepEqual(of(evs, 'log').map((e) => [e.level, e.message]), [['info', `Finished ${n} steps.`]]);
    assert.equal(evs.at(-1)!.type, 'complete');
  }
  // The second started only after the first finished (concurrency 1), with an ETA from the first run.
  assert.equal(typeof of(secondEvents, 'started')[0].eta, 'number');
  client.close();
});

test('/progress/ slow: cancel stops a running job and frees the queue; a bad value is an app error', async () => {
  const client = await connect(demo.url + 'progress/');
  const job = client.submit('/slow', [50]);
  const seen: JobEvent[] = [];
  for await (const e of job) {
    seen.push(e);
    if (e.type === 'progress' && e.levels[0].index === 1) await job.cancel();
  }
  const last = seen.at(-1)!;
  assert.equal(last.type, 'error');
  assert.equal((last as { code: string }).code, 'cancelled');
  assert.ok(of(seen, 'progress').length < 10, 'it stopped early');
  // The slot is free again: a short job runs at once.
  assert.deepEqual(await client.predict('/slow', [1]), ['step 1/1 done']);

  const evs = await events(client.submit('/slow', [0]));
  const err = evs.at(-1) as Extract<JobEvent, { type: 'error' }>;
  assert.deepEqual([err.type, err.code, err.message, err.title, err.visible], ['error', 'app_error', 'Steps must be between 1 and 100.', 'Invalid steps', true]);
  await assert.rejects(client.predict('/slow', [500]), { code: 'app_error', title: 'Invalid steps' });
  client.close();
});

test('bad calls to the demo get clear errors', async () => {
  const client = await connect(demo.url + 'hello/');
  await assert.rejects(client.predict('/greet', { nom: 'x' }), { code: 'bad_request', message: '/greet has no parameter "nom". Parameters: name, intensity.' });
  await assert.rejects(client.predict('/nope'), { code: 'not_found', message: /No endpoint "\/nope" in .*Endpoints: "\/greet"/ });
  await assert.rejects(connect(demo.url + 'no-such-app/'), { code: 'not_found' });
  client.close();
});
