// The client against scripted Gradio 4.x-style (root paths) and 6.x-style (/gradio_api) apps.
import { test as nodeTest, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type JobEvent } from '../../src/client/index.js';
import { scriptedApp, type FakeJob } from '../fixtures/scripted-app.js';
import { gradio4, gradio6 } from '../fixtures/recorded-apps.js';
import { schemaType } from '../../src/protocol/api-info.js';

/** Every test fails after 30 s instead of hanging the run. */
const test = (name: string, fn: (t: TestContext) => void | Promise<void>) => nodeTest(name, { timeout: 30_000 }, fn);

/** A script in the spirit of the apps: greet says hello, chat streams words as diffs, filter echoes the image. */
async function run(job: FakeJob) {
  job.send({ msg: 'process_starts', eta: null });
  if (job.fnIndex === 0) {
    const [name, , intensity] = job.data as [string, null, number];
    return job.complete([`Hello, ${name}${'!'.repeat(intensity)}`, null]);
  }
  if (job.fnIndex === 1) {
    const out = (d: unknown) => ({ msg: 'process_generating', output: { data: [d], is_generating: true }, success: true });
    job.send(out([[job.data[0], 'one']]));
    job.send(out([['append', [0, 1], ' two']]));
    job.send(out([['append', [0, 1], ' three']]));
    return job.complete([[[job.data[0], 'one two three']]]);
  }
  if (job.fnIndex === 2) {
    const f = job.data[0] as { path: string };
    return job.complete([{ path: f.path, url: null, orig_name: 'out.png', meta: { _type: 'gradio.FileData' } }]);
  }
  job.complete(job.data);
}

for (const [label, recorded, prefix] of [
  ['Gradio 4.x (no api_prefix)', gradio4, ''],
  ['Gradio 6.x (/gradio_api)', gradio6, '/gradio_api'],
] as const) {
  test(`${label}: predict by keyword fills defaults and State, and uses the app's path layout`, async (t) => {
    const app = await scriptedApp({ prefix, config: recorded.config, info: recorded.info, run });
    t.after(() => app.close());
    const client = await connect(app.url);
    assert.equal(client.apiPrefix, prefix);
    assert.deepEqual(await client.predict('/greet', { name: 'Ada' }), ['Hello, Ada!!']);
    assert.deepEqual(await client.predict('greet', ['Bob', 3]), ['Hello, Bob!!!']);
    assert.deepEqual(await client.predict(0, ['Cy', null, 1], { raw: true }), ['Hello, Cy!', null]);
    assert.deepEqual(app.joins[0].data, ['Ada', null, 2], 'State slot is null, intensity defaulted');
    assert.ok(app.log.includes(`POST ${prefix}/queue/join`));
    assert.ok(app.log.some((l) => l.startsWith(`GET ${prefix}/queue/data?session_hash=${client.sessionHash}`)));
    assert.ok(app.log.includes(`GET ${prefix}/info`));
    assert.equal(app.joins[0].session_hash, client.sessionHash);
    assert.equal(app.headers[app.log.indexOf(`POST ${prefix}/queue/join`)]['x-gradio-user'], 'api');
    client.close();
  });

  test(`${label}: a generator streams data events with diffs applied, then complete`, async (t) => {
    const app = await scriptedApp({ prefix, config: recorded.config, info: recorded.info, run });
    t.after(() => app.close());
    const client = await connect(app.url);
    const events: JobEvent[] = [];
    for await (const ev of client.submit('/chat', { message: 'hi' })) events.push(ev);
    assert.deepEqual(events.map((e) => e.type), ['queued', 'started', 'data', 'data', 'data', 'complete']);
    assert.deepEqual(events.filter((e) => e.type === 'data').map((e) => (e as { values: unknown[] }).values[0]), [
      [['hi', 'one']],
      [['hi', 'one two']],
      [['hi', 'one two three']],
    ]);
    assert.deepEqual(events[0], { type: 'queued', rank: 0, queueSize: 1, eta: null });
    client.close();
  });

  test(`${label}: Blob and bytes inputs are uploaded first and outputs get absolute file URLs`, async (t) => {
    const app = await scriptedApp({ prefix, config: recorded.config, info: recorded.info, run });
    t.after(() => app.close());
    const client = await connect(app.url);
    const png = new File([new Uint8Array([137, 80, 78, 71])], 'cat.png', { type: 'image/png' });
    const [out] = (await client.predict('/filter', { image: png })) as [{ path: string; url: string }];
    assert.deepEqual(app.uploads[0], [{ name: 'cat.png', size: 4, type: 'image/png' }]);
    const sent = app.joins[0].data as [{ path: string; orig_name: string; meta: unknown }, string];
    assert.equal(sent[0].orig_name, 'cat.png');
    assert.deepEqual(sent[0].meta, { _type: 'gradio.FileData' });
    assert.equal(sent[1], 'invert');
    assert.equal(out.url, `${app.url}${prefix}/file=${out.path}`);
    assert.equal(await (await client.fetchFile(out)).text(), `file ${out.path}`);
    await client.predict('/filter', [new Uint8Array([1, 2, 3]), 'grayscale']);
    assert.deepEqual(app.uploads[1], [{ name: 'blob', size: 3, type: 'application/octet-stream' }]);
    client.close();
  });

  test(`${label}: viewApi lists public endpoints with names, types and defaults`, async (t) => {
    const app = await scriptedApp({ prefix, config: recorded.config, info: recorded.info, run });
    t.after(() => app.close());
    const client = await connect(app.url);
    const api = client.viewApi();
    const greet = api.endpoints.find((e) => e.name === '/greet')!;
    assert.deepEqual(greet.parameters.map((p) => [p.name, p.type, p.hasDefault, p.default]), [
      ['name', 'string', false, undefined],
      ['intensity', 'number', true, 2],
    ]);
    assert.equal(api.endpoints.find((e) => e.name === '/chat')!.generator, true);
    assert.equal(api.endpoints.find((e) => e.name === '/filter')!.parameters[0].type, 'FileData');
    assert.equal(api.endpoints.find((e) => e.name === '/filter')!.parameters[1].type, '"grayscale" | "invert"');
    assert.ok(!api.endpoints.some((e) => e.name === '/secret'));
    client.close();
  });
}

test('without /info, viewApi and keyword calls fall back to component labels', async (t) => {
  const app = await scriptedApp({ prefix: '/gradio_api', config: gradio6.config, info: null, run });
  t.after(() => app.close());
  const client = await connect(app.url);
  assert.equal(client.apiInfo, null);
  const greet = client.viewApi().endpoints.find((e) => e.name === '/greet')!;
  assert.deepEqual(greet.parameters.map((p) => [p.name, p.component, p.default]), [['name', 'Textbox', ''], ['intensity', 'Slider', 2]]);
  assert.deepEqual(await client.predict('/greet', { name: 'Ada' }), ['Hello, Ada!!']);
  client.close();
});

test('a queue:false endpoint is called through /run without the queue', async (t) => {
  const app = await scriptedApp({ config: gradio4.config, info: gradio4.info, run });
  t.after(() => app.close());
  const client = await connect(app.url);
  assert.deepEqual(await client.predict('/echo_direct', ['x']), ['x']);
  assert.ok(app.log.includes('POST /run/echo_direct'));
  assert.equal(app.joins.length, 0);
  client.close();
});

test('schema types read well in a "Use via API" page', () => {
  assert.equal(schemaType({ type: 'integer' }), 'number');
  assert.equal(schemaType({ anyOf: [{ type: 'string' }, { type: 'null' }] }), 'string | null');
  assert.equal(schemaType({ type: 'array', items: { type: 'string' } }), 'string[]');
  assert.equal(schemaType({ type: 'array', items: { enum: ['a', 'b'] } }), '("a" | "b")[]');
  assert.equal(schemaType({ const: 'x' }), '"x"');
  assert.equal(schemaType({ type: 'object', properties: { path: {}, meta: {} } }), 'FileData');
  assert.equal(schemaType({ properties: { a: {} } }), 'object');
  assert.equal(schemaType(undefined), 'any');
});
