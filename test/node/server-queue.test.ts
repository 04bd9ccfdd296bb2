// Queue behaviour as clients see it: concurrency, ranks and ETA, queue full, cancel and disconnect cleanup.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Blocks, MemoryQueue, button, estimateGroup, textbox, type HandlerContext } from '../../src/server/index.js';
import { messages, postJson, readSse, serve, sleep, type Running } from './server-helpers.js';

/** An app whose jobs wait until the test releases them by name, recording starts, ends and aborts. */
function gatedApp(options: { limit?: number | null; maxQueueSize?: number | null; shareGroup?: boolean } = {}) {
  const waiting = new Map<string, () => void>();
  const log: string[] = [];
  const body = async (name: string, ctx: HandlerContext) => {
    log.push(`start ${name}`);
    await new Promise<void>((resolve, reject) => {
      waiting.set(name, resolve);
      ctx.signal.addEventListener('abort', () => {
        log.push(`abort ${name}`);
        reject(ctx.signal.reason);
      });
    });
    log.push(`end ${name}`);
    return `done ${name}`;
  };
  const app = Blocks({ maxQueueSize: options.maxQueueSize ?? null, quiet: true }, () => {
    const input = textbox({ label: 'Name' });
    const out = textbox({ label: 'Out' });
    button('a').click({ fn: function first(n: string, ctx: HandlerContext) { return body(n, ctx); }, inputs: input, outputs: out, concurrencyLimit: options.limit === undefined ? 1 : options.limit, concurrencyId: options.shareGroup ? 'shared' : undefined });
    button('b').click({ fn: function second(n: string, ctx: HandlerContext) { return body(n, ctx); }, inputs: input, outputs: out, concurrencyLimit: options.limit === undefined ? 1 : options.limit, concurrencyId: options.shareGroup ? 'shared' : undefined });
  });
  const release = async (name: string) => {
    for (let i = 0; i < 2000 && !waiting.has(name); i++) await sleep(5);
    waiting.get(name)?.();
    waiting.delete(name);
  };
  const until = async (entry: string) => {
    for (let i = 0; i < 2000 && !log.includes(entry); i++) await sleep(5);
    assert.ok(log.includes(entry), `expected "${entry}" in ${JSON.stringify(log)}`);
  };
  return { app, log, release, until };
}

async function join(base: string, name: string, session: string, fnIndex = 0) {
  const r = await postJson(`${base}/gradio_api/queue/join`, { data: [name], fn_index: fnIndex, session_hash: session });
  return r;
}

/** Collects a session stream in the background. */
function stream(base: string, session: string) {
  const ctl = new AbortController();
  const done = readSse(`${base}/gradio_api/queue/data?session_hash=${session}`, undefined, ctl.signal).then((r) => messages(r.events));
  return { done, abort: () => ctl.abort() };
}

describe('concurrency and estimations', { timeout: 60_000 }, () => {
  let g: ReturnType<typeof gatedApp>;
  let s: Running;
  before(async () => {
    g = gatedApp();
    s = await serve(g.app);
  });
  after(() => s.close());

  test('with limit 1 a second user waits at rank 0 and starts when the first finishes', async () => {
    await join(s.url, 'A', 'sa');
    const a = stream(s.url, 'sa');
    await g.until('start A');
    await join(s.url, 'B', 'sb');
    const b = stream(s.url, 'sb');
    await sleep(50);
    assert.ok(!g.log.includes('start B'), 'B waits');
    await g.release('A');
    await g.until('start B');
    await g.release('B');
    const [ma, mb] = await Promise.all([a.done, b.done]);
    assert.deepEqual(ma.map((m) => m.msg), ['estimation', 'process_starts', 'process_completed', 'close_stream']);
    const est = mb.find((m) => m.msg === 'estimation')!;
    assert.deepEqual([est.rank, est.queue_size, est.rank_eta], [0, 1, null], 'no ETA before any run finished');
    assert.deepEqual(mb.find((m) => m.msg === 'process_completed')!.output.data, ['done B']);
  });

  test('once durations are known, waiting users get an ETA and ranks update as the line moves', async () => {
    // One finished run gives the function an average duration.
    await join(s.url, 'seed', 'sseed');
    const seed = stream(s.url, 'sseed');
    await g.release('seed');
    await seed.done;
    await join(s.url, 'C', 'sc');
    const c = stream(s.url, 'sc');
    await g.until('start C');
    await join(s.url, 'D', 'sd');
    await join(s.url, 'E', 'se');
    const d = stream(s.url, 'sd');
    const e = stream(s.url, 'se');
    const st = await (await fetch(`${s.url}/gradio_api/queue/status`)).json();
    assert.equal(st.queue_size, 2);
    await g.release('C');
    await g.until('start D');
    await g.release('D');
    await g.until('start E');
    await g.release('E');
    const me = await e.done;
    await Promise.all([c.done, d.done]);
    const ests = me.filter((m) => m.msg === 'estimation');
    assert.deepEqual(ests.map((m) => m.rank), [1, 0], 'rank 1, then 0 when C finished');
    assert.ok(ests.every((m) => typeof m.rank_eta === 'number' && m.rank_eta >= 0), JSON.stringify(ests));
    assert.ok(typeof me.find((m) => m.msg === 'process_starts')!.eta === 'number');
  });

  test('listeners sharing a concurrency id share one limit; unlimited groups run in parallel', async () => {
    const shared = gatedApp({ shareGroup: true });
    const t = await serve(shared.app);
    try {
      await join(t.url, 'X', 's1', 0);
      await join(t.url, 'Y', 's2', 1);
      const x = stream(t.url, 's1');
      const y = stream(t.url, 's2');
      await shared.until('start X');
      await sleep(50);
      assert.ok(!shared.log.includes('start Y'));
      await shared.release('X');
      await shared.release('Y');
      await Promise.all([x.done, y.done]);
    } finally {
      await t.close();
    }
    const free = gatedApp({ limit: null });
    const u = await serve(free.app);
    try {
      await join(u.url, 'P', 's1');
      await join(u.url, 'Q', 's2');
      const p = stream(u.url, 's1');
      const q = stream(u.url, 's2');
      await free.until('start P');
      await free.until('start Q');
      await free.release('P');
      await free.release('Q');
      await Promise.all([p.done, q.done]);
    } finally {
      await u.close();
    }
  });
});

describe('queue full, cancel and disconnect', { timeout: 60_000 }, () => {
  test('past maxQueueSize waiting jobs, join answers 503 with a detail', async () => {
    const g = gatedApp({ maxQueueSize: 1 });
    const s = await serve(g.app);
    try {
      assert.equal((await join(s.url, 'A', 's1')).status, 200);
      await g.until('start A');
      assert.equal((await join(s.url, 'B', 's2')).status, 200);
      const full = await join(s.url, 'C', 's3');
      assert.equal(full.status, 503);
      assert.equal(full.json.detail, 'Queue is full. Max size is 1 and size is 1.');
      const a = stream(s.url, 's1');
      const b = stream(s.url, 's2');
      await g.release('A');
      await g.release('B');
      await Promise.all([a.done, b.done]);
    } finally {
      await s.close();
    }
  });

  test('cancelling a waiting job drops it; cancelling a running one aborts it and frees its slot', async () => {
    const g = gatedApp();
    const s = await serve(g.app);
    try {
      const a = (await join(s.url, 'A', 's1')).json.event_id;
      const sa = stream(s.url, 's1');
      await g.until('start A');
      const b = (await join(s.url, 'B', 's2')).json.event_id;
      const sb = stream(s.url, 's2');
      await join(s.url, 'C', 's3');
      const sc = stream(s.url, 's3');
      assert.deepEqual((await postJson(`${s.url}/gradio_api/cancel`, { session_hash: 's2', fn_index: 0, event_id: b })).json, { success: true });
      const mb = await sb.done;
      const doneB = mb.find((m) => m.msg === 'process_completed')!;
      assert.deepEqual([doneB.success, doneB.output.data], [true, [null]], 'a clean completion with null outputs');
      assert.equal(mb.at(-1)!.msg, 'close_stream');
      await postJson(`${s.url}/gradio_api/cancel`, { session_hash: 's1', fn_index: 0, event_id: a });
      await g.until('abort A');
      await g.until('start C');
      const ma = await sa.done;
      assert.deepEqual(ma.filter((m) => m.msg === 'process_completed').map((m) => m.output.data), [[null]]);
      await g.release('C');
      await sc.done;
      assert.ok(!g.log.includes('start B'), 'the cancelled waiting job never ran');
      assert.ok(!g.log.includes('end A'));
    } finally {
      await s.close();
    }
  });

  test('closing the stream cancels the session: running job aborted, queued job dropped, nothing kept', async () => {
    const g = gatedApp();
    const s = await serve(g.app);
    try {
      await join(s.url, 'A', 'gone');
      await join(s.url, 'B', 'gone');
      let opened!: () => void;
      const firstMessage = new Promise<void>((r) => (opened = r));
      const ctl = new AbortController();
      const sx = readSse(`${s.url}/gradio_api/queue/data?session_hash=gone`, () => (opened(), false), ctl.signal);
      await firstMessage;
      await g.until('start A');
      ctl.abort();
      await sx;
      await g.until('abort A');
      await join(s.url, 'C', 'other');
      const sc = stream(s.url, 'other');
      await g.until('start C');
      await g.release('C');
      await sc.done;
      assert.ok(!g.log.includes('start B'));
      assert.equal(await g.app.queue.hasSession('gone'), false);
      assert.equal(g.app.stateSessions, 0);
      const { events } = await readSse(`${s.url}/gradio_api/queue/data?session_hash=gone`);
      assert.equal(messages(events)[0].session_not_found, true);
    } finally {
      await s.close();
    }
  });

  test('cancelling a streaming chat stops its messages', async () => {
    const { startDemoServer } = await import('../../demo/server.js');
    const demo = await startDemoServer({ port: 0 });
    try {
      const base = `${demo.url}chat`;
      const id = (await join(base, 'hi', 'cs', 0)).json.event_id;
      const seen: Record<string, any>[] = [];
      const r = readSse(`${base}/gradio_api/queue/data?session_hash=cs`, (e) => {
        const m = JSON.parse(e.data);
        seen.push(m);
        if (m.msg === 'process_generating' && seen.filter((x) => x.msg === 'process_generating').length === 3) {
          void postJson(`${base}/gradio_api/cancel`, { session_hash: 'cs', fn_index: 0, event_id: id });
        }
        return false;
      });
      await r;
      const gens = seen.filter((m) => m.msg === 'process_generating').length;
      assert.ok(gens < 8, `stopped after ${gens} chunks`);
      assert.equal(seen.at(-2)!.msg, 'process_completed');
      assert.equal(seen.at(-1)!.msg, 'close_stream');
    } finally {
      await demo.close();
    }
  });
});

describe('the queue module', { timeout: 60_000 }, () => {
  test('estimateGroup: ETA = own average + time till a worker frees + work ahead per slot', () => {
    const now = 10_000;
    const etas = estimateGroup([{ fnIndex: 0 }, { fnIndex: 0 }], [{ fnIndex: 0, started: now - 1000 }], 1, () => 2, now);
    assert.deepEqual(etas, [3, 5]);
    assert.deepEqual(estimateGroup([{ fnIndex: 0 }], [], 1, () => null, now), [null]);
    assert.deepEqual(estimateGroup([{ fnIndex: 0 }, { fnIndex: 0 }], [], null, () => 2, now), [2, 2]);
  });

  test('events can be replayed from an id, so a reconnecting stream misses nothing', async () => {
    const r = new MemoryQueue(async (_job, io) => {
      io.emit({ msg: 'log', log: 'one', level: 'info', duration: null, visible: true, title: 'Info' });
      await new Promise((res) => setTimeout(res, 30));
      io.emit({ msg: 'process_completed', output: { data: ['ok'], is_generating: false }, success: true });
    });
    try {
      await r.enqueue({ sessionHash: 's', fnIndex: 0, concurrencyId: 'g', concurrencyLimit: 1, data: [], outputCount: 1, context: {} });
      const ids: number[] = [];
      const ctl = new AbortController();
      for await (const e of r.events('s', undefined, ctl.signal)) {
        ids.push(e.id);
        if (e.message.msg === 'log') break; // the connection drops here
      }
      const again: string[] = [];
      for await (const e of r.events('s', ids[0])) again.push(e.message.msg);
      assert.deepEqual(again, ['process_starts', 'log', 'process_completed', 'close_stream']);
    } finally {
      await r.close();
    }
  });

  test('a finished session is forgotten once its close_stream went out', async () => {
    const q = new MemoryQueue(async (_job, io) => {
      io.emit({ msg: 'log', log: 'one', level: 'info', duration: null, visible: true, title: 'Info' });
      io.emit({ msg: 'process_completed', output: { data: ['ok'], is_generating: false }, success: true });
    });
    try {
      await q.enqueue({ sessionHash: 's', fnIndex: 0, concurrencyId: 'g', concurrencyLimit: 1, data: [], outputCount: 1, context: {} });
      const first: number[] = [];
      const msgs: string[] = [];
      for await (const e of q.events('s')) {
        first.push(e.id);
        msgs.push(e.message.msg);
      }
      assert.deepEqual(msgs, ['estimation', 'process_starts', 'log', 'process_completed', 'close_stream']);
      const replay: string[] = [];
      for await (const e of q.events('s', first[1])) replay.push(e.message.msg);
      assert.deepEqual(replay.length, 0, 'a finished session is forgotten once close_stream went out');
      assert.equal(await q.hasSession('s'), false);
    } finally {
      await q.close();
    }
  });

  test('a runner that throws still completes the job with an error', async () => {
    const q = new MemoryQueue(async () => {
      throw new Error('boom');
    });
    try {
      await q.enqueue({ sessionHash: 's', fnIndex: 0, concurrencyId: 'g', concurrencyLimit: 1, data: [], outputCount: 1, context: {} });
      const msgs: any[] = [];
      for await (const e of q.events('s')) msgs.push(e.message);
      const done = msgs.find((m) => m.msg === 'process_completed');
      assert.deepEqual([done.success, done.output.error], [false, 'boom']);
    } finally {
      await q.close();
    }
  });
});


describe('time limits', { timeout: 60_000 }, () => {
  test('a run past its timeLimit is stopped: its signal fires, the user sees why, and the slot is free again', async () => {
    const seen: string[] = [];
    const app = Blocks({ quiet: true }, () => {
      const out = textbox({ label: 'Out' });
      button('hang').click({
        fn: function hang(ctx: HandlerContext) {
          return new Promise((_, reject) => ctx.signal.addEventListener('abort', () => (seen.push('aborted'), reject(ctx.signal.reason))));
        },
        outputs: out,
        timeLimit: 0.2,
        concurrencyId: 'one',
      });
      button('quick').click({ fn: function quick() { return 'ok'; }, outputs: out, concurrencyId: 'one' });
    });
    const s = await serve(app);
    try {
      const c = await (await fetch(`${s.url}/config`)).json();
      assert.equal(c.dependencies[0].time_limit, 0.2);
      assert.equal((await postJson(`${s.url}/gradio_api/queue/join`, { data: [], fn_index: 0, session_hash: 't1' })).status, 200);
      assert.equal((await postJson(`${s.url}/gradio_api/queue/join`, { data: [], fn_index: 1, session_hash: 't2' })).status, 200);
      const [a, b] = await Promise.all([stream(s.url, 't1').done, stream(s.url, 't2').done]);
      const done = a.find((m) => m.msg === 'process_completed')!;
      assert.equal(done.success, false);
      assert.match(done.output.error, /time limit of 0.2 s/);
      assert.deepEqual(seen, ['aborted']);
      assert.deepEqual(b.find((m) => m.msg === 'process_completed')!.output.data, ['ok']);
    } finally {
      await s.close();
    }
  });
});
