// Every route of the protocol against the demo server and small apps, as a client sees them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { applyDiff, type DiffOp } from '../../src/protocol/index.js';
import { AppError, Blocks, button, number, state, textbox } from '../../src/server/index.js';
import { startDemoServer, type DemoServer } from '../../demo/server.js';
import { messages, postJson, readSse, runQueued, serve, type Running } from './server-helpers.js';

let demo: DemoServer;
let hello: string;
before(async () => {
  process.env.ML_QUIET = '1';
  demo = await startDemoServer({ port: 0 });
  hello = `${demo.url}hello`;
});
after(() => demo.close());

const DEP_FIELDS = ['id', 'targets', 'inputs', 'outputs', 'backend_fn', 'js', 'queue', 'api_name', 'api_description', 'api_visibility',
  'scroll_to_output', 'show_progress', 'show_progress_on', 'batch', 'max_batch_size', 'cancels', 'types', 'collects_event_data',
  'trigger_after', 'trigger_only_on_success', 'trigger_only_on_failure', 'trigger_mode', 'rendered_in', 'render_id', 'connection',
  'time_limit', 'stream_every', 'event_specific_args', 'component_prop_inputs', 'js_implementation'];

describe('GET /config', { timeout: 60_000 }, () => {
  test('describes the hello Interface the way Gradio does', async () => {
    const c = await (await fetch(`${hello}/config`)).json();
    assert.equal(c.protocol, 'sse_v3');
    assert.equal(c.api_prefix, '/gradio_api');
    assert.equal(c.mode, 'interface');
    assert.equal(c.title, 'Hello');
    assert.equal(c.root, hello);
    assert.ok(Number.isSafeInteger(c.app_id) && c.app_id > 0);
    assert.equal(c.max_file_size, 10 * 1024 * 1024);
    const byLabel = (l: string) => c.components.find((x: any) => x.props.label === l);
    assert.equal(byLabel('Name').type, 'textbox');
    assert.deepEqual([byLabel('Intensity').props.minimum, byLabel('Intensity').props.maximum, byLabel('Intensity').props.step, byLabel('Intensity').props.value], [1, 5, 1, 1]);
    assert.equal(byLabel('Greeting').type, 'textbox');
    const buttons = c.components.filter((x: any) => x.type === 'button').map((x: any) => x.props.value);
    assert.deepEqual(buttons.sort(), ['Clear', 'Submit']);
    const greet = c.dependencies.find((d: any) => d.api_name === 'greet');
    assert.equal(greet.id, 0);
    for (const f of DEP_FIELDS) assert.ok(f in greet, `dependency field ${f}`);
    assert.deepEqual(greet.inputs, [byLabel('Name').id, byLabel('Intensity').id]);
    assert.deepEqual(greet.outputs, [byLabel('Greeting').id]);
    const submit = c.components.find((x: any) => x.props.value === 'Submit');
    assert.deepEqual(greet.targets[0], [submit.id, 'click']);
    assert.deepEqual(greet.types, { generator: false, cancel: false });
    // Every id in layout and dependencies exists among components.
    const ids = new Set(c.components.map((x: any) => x.id));
    const walk = (n: any): void => {
      if (n.id !== c.layout.id) assert.ok(ids.has(n.id), `layout id ${n.id}`);
      n.children?.forEach(walk);
    };
    walk(c.layout);
    for (const d of c.dependencies) for (const i of [...d.inputs, ...d.outputs]) assert.ok(ids.has(i));
  });

  test('lays out an Interface: inputs column with Clear and Submit, outputs column, examples below', async () => {
    const c = await (await fetch(`${hello}/config`)).json();
    const type = (id: number) => c.components.find((x: any) => x.id === id);
    const rowNode = c.layout.children.find((n: any) => type(n.id)?.type === 'row');
    assert.equal(rowNode.children.length, 2);
    const [left, right] = rowNode.children;
    assert.equal(type(left.id).type, 'column');
    const flat = (n: any): number[] => [n.id, ...(n.children ?? []).flatMap(flat)];
    const leftLabels = flat(left).map((id) => type(id)?.props.label ?? type(id)?.props.value);
    assert.ok(leftLabels.includes('Name') && leftLabels.includes('Intensity') && leftLabels.includes('Submit') && leftLabels.includes('Clear'));
    assert.ok(flat(left).some((id) => type(id)?.type === 'form'), 'inputs wrapped in a form');
    assert.ok(flat(right).map((id) => type(id)?.props.label).includes('Greeting'));
    const last = c.layout.children[c.layout.children.length - 1];
    assert.equal(type(last.id).type, 'dataset');
    assert.deepEqual(type(last.id).props.samples[0], ['Ada', 1]);
  });

  test('root follows X-Forwarded-Host / X-Forwarded-Proto', async () => {
    const c = await (await fetch(`${hello}/config`, { headers: { 'x-forwarded-host': 'apps.example.com', 'x-forwarded-proto': 'https' } })).json();
    assert.equal(c.root, 'https://apps.example.com/hello');
  });

  test('root includes the sub-path an app is mounted under, and a configured rootPath wins', async () => {
    const app = Blocks(() => void textbox({ label: 'x' }));
    const s = await serve(app, '/deep/sub');
    try {
      const c = await (await fetch(`${s.url}/config`)).json();
      assert.equal(c.root, s.url);
      const info = await fetch(`${s.url}/gradio_api/info`);
      assert.equal(info.status, 200);
    } finally {
      await s.close();
    }
    const proxied = Blocks({ rootPath: 'https://public.example.org/app' }, () => void textbox({ label: 'x' }));
    const p = await serve(proxied);
    try {
      assert.equal((await (await fetch(`${p.url}/config`)).json()).root, 'https://public.example.org/app');
    } finally {
      await p.close();
    }
  });

  test('a Blocks app with State asks for the heartbeat and keeps State out of the API', async () => {
    const c = await (await fetch(`${demo.url}showcase/config`)).json();
    assert.equal(c.mode, 'blocks');
    assert.equal(c.connect_heartbeat, true);
    const types = new Set(c.components.map((x: any) => x.type));
    for (const t of ['tabs', 'tabitem', 'row', 'column', 'accordion', 'state', 'dataset']) assert.ok(types.has(t), t);
    const shown = [...types].filter((t) => !['tabs', 'tabitem', 'row', 'column', 'accordion', 'state', 'form', 'group'].includes(t as string));
    assert.ok(shown.length >= 12, `component types: ${shown.join(', ')}`);
    const chained = c.dependencies.find((d: any) => d.trigger_after !== null);
    assert.ok(chained, 'a .then() chain');
    const st = c.components.find((x: any) => x.type === 'state');
    assert.equal(st.skip_api, true);
    const dd = c.components.find((x: any) => x.props.label === 'Language');
    assert.deepEqual(dd.props.choices[0], ['English', 'English']);
  });
});

describe('GET /gradio_api/info', { timeout: 60_000 }, () => {
  test('names parameters after labels, with types and defaults', async () => {
    const info = await (await fetch(`${hello}/gradio_api/info?serialize=False`)).json();
    assert.deepEqual(Object.keys(info).sort(), ['named_endpoints', 'unnamed_endpoints']);
    const greet = info.named_endpoints['/greet'];
    assert.deepEqual(greet.parameters.map((p: any) => p.parameter_name), ['name', 'intensity']);
    assert.deepEqual(greet.parameters.map((p: any) => p.component), ['Textbox', 'Slider']);
    assert.equal(greet.parameters[1].parameter_default, 1);
    assert.deepEqual(greet.returns.map((r: any) => r.label), ['Greeting']);
    assert.equal(Object.keys(info.named_endpoints).length, 1, 'helpers (clear, examples) stay private');
  });

  test('the chat endpoint takes a single "message" string (history State is hidden)', async () => {
    const info = await (await fetch(`${demo.url}chat/gradio_api/info`)).json();
    assert.deepEqual(info.named_endpoints['/chat'].parameters.map((p: any) => [p.parameter_name, p.type.type]), [['message', 'string']]);
  });
});

describe('POST /gradio_api/queue/join and the session stream', { timeout: 60_000 }, () => {
  test('a call streams estimation, process_starts, process_completed, close_stream', async () => {
    const { msgs, headers, eventId } = await runQueued(hello, 0, ['Ada', 1]);
    assert.equal(headers.get('content-type'), 'text/event-stream; charset=utf-8');
    assert.equal(headers.get('x-accel-buffering'), 'no');
    assert.deepEqual(msgs.map((m) => m.msg), ['estimation', 'process_starts', 'process_completed', 'close_stream']);
    for (const m of msgs) assert.ok('event_id' in m);
    assert.equal(msgs[0].event_id, eventId);
    assert.equal(msgs[0].rank, 0);
    assert.deepEqual(msgs[2].output.data, ['Hello, Ada!']);
    assert.equal(msgs[2].success, true);
    assert.equal(msgs[2].output.is_generating, false);
    assert.equal(msgs[3].event_id, null);
  });

  test('a generator streams a full first value, then diffs that rebuild the final value', async () => {
    const { msgs } = await runQueued(`${demo.url}chat`, 0, ['hi', null]);
    const gen = msgs.filter((m) => m.msg === 'process_generating');
    assert.ok(gen.length >= 8, `${gen.length} chunks`);
    let value = gen[0].output.data[0];
    assert.equal(typeof value, 'string');
    for (const g of gen.slice(1)) {
      assert.ok(Array.isArray(g.output.data[0]), 'later chunks are diff ops');
      value = applyDiff(value, g.output.data[0] as DiffOp[]);
    }
    const done = msgs.find((m) => m.msg === 'process_completed')!;
    assert.equal(value, done.output.data[0]);
    assert.match(done.output.data[0], /\*\*hi\*\*/);
    assert.match(done.output.data[0], /```python\n[\s\S]+```/);
  });

  test('progress and log messages reach the stream', async () => {
    const { msgs } = await runQueued(`${demo.url}progress`, 0, [3]);
    const progress = msgs.filter((m) => m.msg === 'progress');
    assert.ok(progress.length >= 3);
    assert.deepEqual([progress[0].progress_data[0].index, progress[0].progress_data[0].length, progress[0].progress_data[0].unit], [0, 3, 'steps']);
    const log = msgs.find((m) => m.msg === 'log')!;
    assert.equal(log.level, 'info');
    assert.match(log.log, /3 steps/);
    assert.match(msgs.find((m) => m.msg === 'process_completed')!.output.data[0], /step 3\/3 done/);
  });

  test('State persists per session across calls and stays off the wire', async () => {
    const c = await (await fetch(`${demo.url}showcase/config`)).json();
    const dep = c.dependencies.find((d: any) => d.api_name === 'count');
    const base = `${demo.url}showcase`;
    const first = await runQueued(base, dep.id, [null], 'same-session');
    const second = await runQueued(base, dep.id, [null], 'same-session');
    const other = await runQueued(base, dep.id, [null], 'other-session');
    const out = (r: typeof first) => r.msgs.find((m) => m.msg === 'process_completed')!.output;
    assert.deepEqual(out(first).data, [null, 'Greeted **1** time in this session.']);
    assert.deepEqual(out(second).data[1], 'Greeted **2** times in this session.');
    assert.deepEqual(out(other).data[1], 'Greeted **1** time in this session.');
    assert.equal(out(first).changed_state_ids.length, 1);
  });

  test('malformed joins answer 4xx JSON with a detail saying what is wrong', async () => {
    const url = `${hello}/gradio_api/queue/join`;
    const cases: [unknown, number, RegExp][] = [
      ['{"data": [', 400, /Invalid JSON/],
      ['[1,2]', 400, /JSON object/],
      [{ data: ['Ada', 1], fn_index: 0 }, 400, /session_hash/i],
      [{ data: ['Ada', 1], session_hash: 's' }, 400, /fn_index/],
      [{ data: ['Ada', 1], fn_index: 99, session_hash: 's' }, 400, /Unknown fn_index 99/],
      [{ data: ['Ada', 1], fn_index: '0', session_hash: 's' }, 400, /integer/],
      [{ data: ['Ada'], fn_index: 0, session_hash: 's' }, 400, /takes 2 inputs \(name, intensity\) but 1 was given/],
      [{ data: 'Ada', fn_index: 0, session_hash: 's' }, 400, /list/],
      [{ data: [42, 1], fn_index: 0, session_hash: 's' }, 400, /Input 0 \(name\): expected a string/],
      [{ data: ['Ada', 'loud'], fn_index: 0, session_hash: 's' }, 400, /Input 1 \(intensity\): expected a number/],
      [{ data: ['Ada', 9], fn_index: 0, session_hash: 's' }, 400, /between 1 and 5/],
    ];
    for (const [body, status, detail] of cases) {
      const r = await postJson(url, body);
      assert.equal(r.status, status, JSON.stringify(body));
      assert.match(r.json.detail, detail, JSON.stringify(body));
    }
    const chatConfig = await (await fetch(`${demo.url}chat/config`)).json();
    const stop = chatConfig.dependencies.find((d: any) => !d.backend_fn);
    const js = await postJson(`${demo.url}chat/gradio_api/queue/join`, { data: [], fn_index: stop.id, session_hash: 's' });
    assert.equal(js.status, 400);
    assert.match(js.json.detail, /browser only/);
    const img = await postJson(`${demo.url}image/gradio_api/queue/join`, { data: [{}, 'invert'], fn_index: 0, session_hash: 's' });
    assert.equal(img.status, 400);
    assert.match(img.json.detail, /expected a file/);
    const radio = await postJson(`${demo.url}image/gradio_api/queue/join`, { data: [null, 'sepia'], fn_index: 0, session_hash: 's' });
    assert.match(radio.json.detail, /"sepia" is not one of the choices/);
    assert.equal((await fetch(`${hello}/config`)).status, 200, 'still serving');
  });

  test('a stream for an unknown session says session_not_found', async () => {
    const { events } = await readSse(`${hello}/gradio_api/queue/data?session_hash=nobody`);
    const [m] = messages(events);
    assert.equal(m.msg, 'unexpected_error');
    assert.equal(m.session_not_found, true);
    const missing = await fetch(`${hello}/gradio_api/queue/data`);
    assert.equal(missing.status, 400);
    assert.match((await missing.json()).detail, /session_hash/);
  });
});

describe('errors inside functions', { timeout: 60_000 }, () => {
  let s: Running;
  before(async () => {
    const app = Blocks({ quiet: true }, () => {
      const x = number({ label: 'x' });
      const out = textbox({ label: 'out' });
      button('a').click({ fn: function fails(v: number | null) { if (v === 1) throw new AppError('Nope, not 1', { title: 'Bad x', duration: 5 }); throw new Error('secret internals'); }, inputs: x, outputs: out });
      button('b').click({ fn: function wrongArity() { return ['a', 'b']; }, inputs: x, outputs: [out, out] });
    });
    s = await serve(app);
  });
  after(() => s.close());

  test('AppError shows its message and title; other errors stay hidden without showError', async () => {
    const a = (await runQueued(s.url, 0, [1])).msgs.find((m) => m.msg === 'process_completed')!;
    assert.equal(a.success, false);
    assert.deepEqual([a.output.error, a.output.title, a.output.duration, a.title], ['Nope, not 1', 'Bad x', 5, 'Bad x']);
    const b = (await runQueued(s.url, 0, [2])).msgs.find((m) => m.msg === 'process_completed')!;
    assert.equal(b.success, false);
    assert.equal(b.output.error, null);
  });

  test('with showError the message of any exception is shown', async () => {
    const app = Blocks({ showError: true, quiet: true }, () => {
      const out = textbox({ label: 'out' });
      button('a').click({ fn: () => { throw new Error('model exploded'); }, outputs: out });
    });
    const t = await serve(app);
    try {
      const m = (await runQueued(t.url, 0, [])).msgs.find((x) => x.msg === 'process_completed')!;
      assert.equal(m.output.error, 'model exploded');
    } finally {
      await t.close();
    }
  });
});

describe('/call, /run and the small routes', { timeout: 60_000 }, () => {
  test('curl flow: POST /call/greet then GET ends with event: complete', async () => {
    const r = await postJson(`${hello}/gradio_api/call/greet`, { data: ['Ada', 1] });
    assert.equal(r.status, 200);
    const { events } = await readSse(`${hello}/gradio_api/call/greet/${r.json.event_id}`);
    assert.deepEqual(events, [{ event: 'complete', data: '["Hello, Ada!"]' }]);
  });

  test('POST /call without a Content-Type header still parses JSON (plain curl -d)', async () => {
    const res = await fetch(`${hello}/gradio_api/call/greet`, { method: 'POST', body: '{"data":["Ada",2]}', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const { event_id } = await res.json();
    const { events } = await readSse(`${hello}/gradio_api/call/greet/${event_id}`);
    assert.equal(events.at(-1)!.data, '["Hello, Ada!!"]');
  });

  test('streaming /call sends full values as generating events, then complete', async () => {
    const r = await postJson(`${demo.url}chat/gradio_api/call/chat`, { data: ['hello'] });
    const { events } = await readSse(`${demo.url}chat/gradio_api/call/chat/${r.json.event_id}`);
    const gen = events.filter((e) => e.event === 'generating');
    assert.ok(gen.length >= 8);
    assert.equal(typeof JSON.parse(gen[1].data)[0], 'string', 'full values, not diffs');
    assert.equal(events.at(-1)!.event, 'complete');
  });

  test('/call/v2 takes named parameters; errors come as event: error', async () => {
    const r = await postJson(`${hello}/gradio_api/call/v2/greet`, { name: 'Lin', intensity: 2 });
    const { events } = await readSse(`${hello}/gradio_api/call/greet/${r.json.event_id}`);
    assert.equal(events.at(-1)!.data, '["Hello, Lin!!"]');
    const bad = await postJson(`${hello}/gradio_api/call/v2/greet`, { nam: 'x' });
    assert.equal(bad.status, 400);
    assert.match(bad.json.detail, /Unknown parameter nam; expected name, intensity/);
    const e = await postJson(`${demo.url}image/gradio_api/call/filter`, { data: [null, 'invert'] });
    const err = await readSse(`${demo.url}image/gradio_api/call/filter/${e.json.event_id}`);
    assert.equal(err.events.at(-1)!.event, 'error');
    assert.match(err.events.at(-1)!.data, /upload an image/);
  });

  test('unknown api names and event ids are reported', async () => {
    const r = await postJson(`${hello}/gradio_api/call/nope`, { data: [] });
    assert.equal(r.status, 404);
    assert.match(r.json.detail, /No endpoint named "\/nope". Valid endpoints are: \/greet/);
    const { events } = await readSse(`${hello}/gradio_api/call/greet/0123456789abcdef`);
    assert.deepEqual(events, [{ event: 'error', data: '"404: Not Found"' }]);
  });

  test('/run calls a function directly and answers its output', async () => {
    const r = await postJson(`${hello}/gradio_api/run/greet`, { data: ['Ada', 3], session_hash: 'x' });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.data, ['Hello, Ada!!!']);
    const c = await (await fetch(`${hello}/config`)).json();
    const clear = c.dependencies.find((d: any) => d.queue === false && d.backend_fn);
    const cleared = await postJson(`${hello}/gradio_api/run/predict`, { data: [], fn_index: clear.id, session_hash: 'x' });
    assert.equal(cleared.status, 200);
    assert.deepEqual(cleared.json.data.map((u: any) => u.value), ['', 1, '']);
  });

  test('app_id, queue/status, reset, cancel validation and heartbeat', async () => {
    const c = await (await fetch(`${hello}/config`)).json();
    assert.deepEqual(await (await fetch(`${hello}/gradio_api/app_id`)).json(), { app_id: c.app_id });
    const st = await (await fetch(`${hello}/gradio_api/queue/status`)).json();
    assert.deepEqual(st, { msg: 'estimation', event_id: null, rank: null, queue_size: 0, rank_eta: null });
    assert.deepEqual((await postJson(`${hello}/gradio_api/reset`, { event_id: 'x' })).json, { success: true });
    const bad = await postJson(`${hello}/gradio_api/cancel`, { session_hash: 'x' });
    assert.equal(bad.status, 400);
    assert.match(bad.json.detail, /event_id/);
    assert.deepEqual((await postJson(`${hello}/gradio_api/cancel`, { session_hash: 'x', fn_index: 0, event_id: 'gone' })).json, { success: true });
    const hb = await readSse(`${hello}/gradio_api/heartbeat/abc`, () => true);
    assert.equal(hb.events[0].data, 'ALIVE');
  });

  test('a browser opening an app root is sent to the page embedding it', async () => {
    const r = await fetch(`${demo.url}hello/`, { headers: { accept: 'text/html,*/*' }, redirect: 'manual' });
    assert.equal(r.status, 302);
    assert.equal(r.headers.get('location'), '/app.html?src=/hello/');
  });

  test('unknown API routes answer JSON 404', async () => {
    const r = await fetch(`${hello}/gradio_api/nothing/here`);
    assert.equal(r.status, 404);
    assert.match((await r.json()).detail, /No route GET/);
  });
});

describe('CORS', { timeout: 60_000 }, () => {
  test('preflights for JSON, x-gradio-user and Authorization pass; origins are reflected', async () => {
    const pre = await fetch(`${hello}/gradio_api/queue/join`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:9999', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-gradio-user,authorization' },
    });
    assert.ok(pre.status === 204 || pre.status === 200);
    assert.equal(pre.headers.get('access-control-allow-origin'), 'http://localhost:9999');
    assert.equal(pre.headers.get('access-control-allow-headers'), 'content-type,x-gradio-user,authorization');
    assert.match(pre.headers.get('access-control-allow-methods')!, /POST/);
    const get = await fetch(`${hello}/config`, { headers: { origin: 'https://elsewhere.example' } });
    assert.equal(get.headers.get('access-control-allow-origin'), 'https://elsewhere.example');
    assert.equal(get.headers.get('access-control-allow-credentials'), null, 'no credentials by default');
    assert.match(get.headers.get('vary')!, /Origin/);
  });

  test('an origin list restricts CORS', async () => {
    const app = Blocks({ cors: { origins: ['https://ok.example'] } }, () => void textbox({ label: 'x' }));
    const s = await serve(app);
    try {
      const ok = await fetch(`${s.url}/config`, { headers: { origin: 'https://ok.example' } });
      assert.equal(ok.headers.get('access-control-allow-origin'), 'https://ok.example');
      const no = await fetch(`${s.url}/config`, { headers: { origin: 'https://evil.example' } });
      assert.equal(no.headers.get('access-control-allow-origin'), null);
    } finally {
      await s.close();
    }
  });
});

test('app.launch() serves one app on its own port and closes cleanly', async () => {
  const app = Blocks({ title: 'Solo' }, () => {
    const a = textbox({ label: 'A' });
    const b = textbox({ label: 'B' });
    a.submit({ fn: function upper(x: string) { return x.toUpperCase(); }, inputs: a, outputs: b });
  });
  const running = await app.launch({ port: 0, quiet: true });
  try {
    assert.match(running.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const c = await (await fetch(`${running.url}config`)).json();
    assert.equal(c.title, 'Solo');
    const r = await postJson(`${running.url}gradio_api/run/upper`, { data: ['abc'] });
    assert.deepEqual(r.json.data, ['ABC']);
  } finally {
    await running.close();
  }
});

test('the State component type exists for handler authors', () => {
  // Types only: a handler's arguments follow its inputs.
  Blocks(() => {
    const n = number({ label: 'n' });
    const s = state<string[]>([]);
    button('go').click({ fn: (x: number | null, list: string[]) => [...list, String(x)], inputs: [n, s], outputs: s });
  });
});

test('a generator Interface has a hidden Stop button that cancels the run, with backend swaps of Submit and Stop', async () => {
  const { Interface } = await import('../../src/server/index.js');
  const app = Interface({
    fn: async function* count(n: number | null) {
      for (let i = 1; i <= (n ?? 3); i++) yield String(i);
    },
    inputs: [number({ label: 'N', value: 3 })],
    outputs: textbox({ label: 'Count' }),
    apiName: 'count',
  });
  const s = await serve(app);
  try {
    const c = await (await fetch(`${s.url}/config`)).json();
    const stop = c.components.find((x: any) => x.props.value === 'Stop');
    const submit = c.components.find((x: any) => x.props.value === 'Submit');
    assert.equal(stop.props.variant, 'stop');
    assert.equal(stop.props.visible, false);
    const predict = c.dependencies.find((d: any) => d.api_name === 'count');
    assert.deepEqual([predict.id, predict.types.generator], [0, true]);
    const cancel = c.dependencies.find((d: any) => d.targets.some((t: any) => t[0] === stop.id));
    assert.deepEqual([cancel.backend_fn, cancel.cancels, cancel.types.cancel], [false, [0], true]);
    const show = c.dependencies.find((d: any) => d.id !== 0 && d.targets.some((t: any) => t[0] === submit.id));
    const r = await postJson(`${s.url}/gradio_api/run/predict`, { data: [], fn_index: show.id, session_hash: 'x' });
    assert.deepEqual(r.json.data, [{ __type__: 'update', visible: false }, { __type__: 'update', visible: true }]);
    const after = c.dependencies.filter((d: any) => d.trigger_after === 0 || d.trigger_after === cancel.id);
    assert.equal(after.length, 2, 'Submit comes back after the run ends or is stopped');
  } finally {
    await s.close();
  }
});

test('select listeners collect the event data the page sends', async () => {
  const app = Blocks(() => {
    const t = textbox({ label: 'Words', value: 'a b c' });
    const out = textbox({ label: 'Picked' });
    t.select({ fn: function picked(_v: string, ctx) { return JSON.stringify(ctx.eventData); }, inputs: t, outputs: out });
  });
  const s = await serve(app);
  try {
    const c = await (await fetch(`${s.url}/config`)).json();
    assert.equal(c.dependencies[0].collects_event_data, true);
    const session = 'sel';
    await postJson(`${s.url}/gradio_api/queue/join`, { data: ['a b c'], fn_index: 0, session_hash: session, event_data: { index: [2, 3], value: 'b', selected: true } });
    const { events } = await readSse(`${s.url}/gradio_api/queue/data?session_hash=${session}`);
    const done = messages(events).find((m) => m.msg === 'process_completed')!;
    assert.deepEqual(JSON.parse(done.output.data[0]), { index: [2, 3], value: 'b', selected: true });
  } finally {
    await s.close();
  }
});

test('the chat page listener streams the conversation into the Chatbot as message diffs and clears the textbox', async () => {
  const base = `${demo.url}chat`;
  const c = await (await fetch(`${base}/config`)).json();
  const textboxId = c.components.find((x: any) => x.type === 'textbox' && x.props.visible !== false).id;
  const ui = c.dependencies.find((d: any) => d.targets.some((t: any) => t[0] === textboxId && t[1] === 'submit'));
  assert.equal(ui.api_visibility, 'undocumented');
  const history = [{ role: 'user', content: [{ type: 'text', text: 'earlier' }], metadata: null, options: null }];
  const { msgs } = await runQueued(base, ui.id, ['hello', history]);
  const gen = msgs.filter((m) => m.msg === 'process_generating');
  let chat: unknown = gen[0].output.data[0];
  for (const g of gen.slice(1)) chat = applyDiff(chat, g.output.data[0] as DiffOp[]);
  const done = msgs.find((m) => m.msg === 'process_completed')!;
  assert.deepEqual(chat, done.output.data[0]);
  const final = done.output.data[0] as any[];
  assert.deepEqual(final.map((m) => m.role), ['user', 'user', 'assistant']);
  assert.deepEqual(final[1].content, [{ type: 'text', text: 'hello' }]);
  assert.match(final[2].content[0].text, /\*\*hello\*\*/);
  assert.equal(done.output.data[1], '');
});

test('a listener streams whatever async iterable it returns; generator: true with a plain value still completes', async () => {
  const app = Blocks(() => {
    const out = textbox({ label: 'Out' });
    button('a').click({
      fn: function words() {
        return new ReadableStream<string>({ start(c) { c.enqueue('one'); c.enqueue('one two'); c.close(); } });
      },
      outputs: out,
      generator: true,
    });
    button('b').click({ fn: function plain() { return 'just this'; }, outputs: out, generator: true });
  });
  const s = await serve(app);
  try {
    const a = (await runQueued(s.url, 0, [])).msgs;
    assert.deepEqual(a.filter((m) => m.msg === 'process_generating').map((m) => m.output.data), [['one'], [[['append', [], ' two']]]]);
    assert.deepEqual(a.find((m) => m.msg === 'process_completed')!.output.data, ['one two']);
    const b = (await runQueued(s.url, 1, [])).msgs;
    assert.deepEqual(b.find((m) => m.msg === 'process_completed')!.output.data, ['just this']);
  } finally {
    await s.close();
  }
});

test('odd requests to every route get a 4xx JSON detail, never a 500 or a crash', async () => {
  const bodies = ['null', '[]', '"text"', '123', '{}', '{"data":{}}', '{"data":[{},{}],"fn_index":-1,"session_hash":{}}',
    '{"data":[null,null],"fn_index":0,"session_hash":"s","event_data":{"x":1}}', '{"data":["a",1],"fn_index":1.5,"session_hash":"s"}',
    '{"data":[["a"],{"b":2}],"fn_index":0,"session_hash":"' + 'x'.repeat(300) + '"}', '{"event_id":5}', '{"__proto__":{"polluted":1}}', '\u0000'];
  const routes = ['queue/join', 'call/greet', 'call/v2/greet', 'run/greet', 'cancel', 'reset', 'upload', 'run/nope', 'queue/data'];
  for (const route of routes) {
    for (const body of bodies) {
      const r = await fetch(`${hello}/gradio_api/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const text = await r.text();
      assert.ok(r.status < 500, `${route} ${body.slice(0, 40)} → ${r.status} ${text}`);
      if (r.status >= 400) assert.ok(typeof JSON.parse(text).detail === 'string', `${route} ${body.slice(0, 40)} → ${text}`);
    }
  }
  for (const q of ['?session_hash=', '?session_hash[]=a', '?session_hash=%E0%A4%A']) {
    const r = await fetch(`${hello}/gradio_api/queue/data${q}`);
    assert.ok(r.status < 500, q);
    await r.body?.cancel();
  }
  for (const p of ['file=%', 'file=', 'file=%E0%A4%A', 'heartbeat/%E0%A4%A', 'call/greet/%00']) {
    const r = await fetch(`${hello}/gradio_api/${p}`);
    assert.ok(r.status < 500 || r.status === 200, `${p} → ${r.status}`);
    await r.body?.cancel();
  }
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal((await fetch(`${hello}/config`)).status, 200);
});

test('closing the heartbeat connection frees the session State', async () => {
  const app = Blocks(() => {
    const n = state(0);
    const out = textbox({ label: 'Out' });
    button('inc').click({ fn: function inc(x: number) { return [x + 1, String(x + 1)]; }, inputs: n, outputs: [n, out] });
  });
  const s = await serve(app);
  try {
    await runQueued(s.url, 0, [null], 'hb');
    assert.equal(app.stateSessions, 1);
    const ctl = new AbortController();
    await readSse(`${s.url}/gradio_api/heartbeat/hb`, () => true, ctl.signal);
    for (let i = 0; i < 100 && app.stateSessions > 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(app.stateSessions, 0);
    const again = await runQueued(s.url, 0, [null], 'hb');
    assert.deepEqual(again.msgs.find((m) => m.msg === 'process_completed')!.output.data, [null, '1'], 'a new session starts from the initial value');
  } finally {
    await s.close();
  }
});

test('unload listeners run with the session State when the page goes away', async () => {
  const seen: unknown[] = [];
  const app = Blocks((a) => {
    const n = state(0);
    const out = textbox({ label: 'Out' });
    button('inc').click({ fn: function inc(x: number) { return [x + 1, String(x + 1)]; }, inputs: n, outputs: [n, out] });
    a.unload({ fn: function bye(x: number, ctx) { seen.push([x, ctx.request.sessionHash]); }, inputs: n });
  });
  const s = await serve(app);
  try {
    const c = await (await fetch(`${s.url}/config`)).json();
    assert.deepEqual(c.dependencies[1].targets, [[null, 'unload']]);
    await runQueued(s.url, 0, [null], 'bye');
    await runQueued(s.url, 0, [null], 'bye');
    await readSse(`${s.url}/gradio_api/heartbeat/bye`, () => true);
    for (let i = 0; i < 100 && !seen.length; i++) await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(seen, [[2, 'bye']]);
    for (let i = 0; i < 100 && app.stateSessions > 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(app.stateSessions, 0);
  } finally {
    await s.close();
  }
});
