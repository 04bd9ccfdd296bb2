// The session stream: multiplexing, protocol versions, heartbeat timeout, reconnect, cancel, AbortSignal, isolation.
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type JobEvent } from '../../src/client/index.js';
import { scriptedApp, until, type FakeJob } from '../fixtures/scripted-app.js';
import { gradio4 } from '../fixtures/recorded-apps.js';
import { P, answer, events, gradio6App, streams, test } from './client-helpers.js';

/** A job that starts and then runs until it is cancelled. */
const startOnly = (job: FakeJob) => job.send({ msg: 'process_starts', eta: null });

/** chat: three generator steps, sent as full values on the first and as diffs afterwards. */
function chatRun(diffs: boolean) {
  return (job: FakeJob) => {
    const gen = (d: unknown) => job.send({ msg: 'process_generating', output: { data: [d], is_generating: true }, success: true });
    gen([['q', 'a']]);
    gen(diffs ? [['append', [0, 1], 'b']] : [['q', 'ab']]);
    gen(diffs ? [['append', [0, 1], 'c']] : [['q', 'abc']]);
    job.complete([[['q', 'abc']]]);
  };
}

test('two concurrent jobs share one session stream and each gets its own events', async (t) => {
  const app = await gradio6App(t, {
    run: async (job) => {
      job.send({ msg: 'process_starts', eta: 0.1 });
      await new Promise((r) => setTimeout(r, job.data[0] === 'slow' ? 120 : 30));
      job.complete([`Hello, ${job.data[0]}`, null]);
    },
  });
  const client = await connect(app.url);
  const [a, b] = await Promise.all([client.predict('/greet', ['slow']), client.predict('/greet', ['fast'])]);
  assert.deepEqual([a, b], [['Hello, slow'], ['Hello, fast']]);
  assert.equal(streams(app.log), 1, 'one queue/data request for both jobs');
  // The server said close_stream; the next call opens a new stream.
  assert.deepEqual(await client.predict('/greet', ['again']), ['Hello, again']);
  assert.equal(streams(app.log), 2);
  client.close();
});

for (const [protocol, diffs] of [['sse_v1', false], ['sse_v2', true], ['sse_v2.1', true]] as const) {
  test(`${protocol}: ${diffs ? 'diffs are applied' : 'values are full (no diffs)'} and the client closes the stream when nothing is pending`, async (t) => {
    const app = await scriptedApp({ protocol, config: gradio4.config, info: gradio4.info, run: chatRun(diffs) });
    t.after(() => app.close());
    const client = await connect(app.url);
    const evs = await events(client.submit('/chat', ['q']));
    assert.deepEqual(evs.filter((e) => e.type === 'data').map((e) => (e as { values: unknown[] }).values[0]), [[['q', 'a']], [['q', 'ab']], [['q', 'abc']]]);
    assert.deepEqual(evs.at(-1), { type: 'complete', values: [[['q', 'abc']]], duration: 0.01 });
    // No close_stream from these servers: the client must have closed the stream itself.
    await until(() => [...app.sessions.values()].every((s) => s.res === null));
    assert.deepEqual(await client.predict('/chat', ['q']), [[['q', 'abc']]]);
    assert.equal(streams(app.log), 2);
    client.close();
  });
}

test('sse_v1 passes a value that looks like diff ops through unchanged', async (t) => {
  const ops = [['append', [], 'x']];
  const app = await scriptedApp({
    protocol: 'sse_v1',
    config: gradio4.config,
    info: gradio4.info,
    run: (job) => {
      job.send({ msg: 'process_generating', output: { data: ['a'] }, success: true });
      job.send({ msg: 'process_generating', output: { data: [ops] }, success: true });
      job.complete([ops]);
    },
  });
  t.after(() => app.close());
  const client = await connect(app.url);
  const evs = await events(client.submit('/chat', ['q']));
  assert.deepEqual(evs.filter((e) => e.type === 'data').map((e) => (e as { values: unknown[] }).values[0]), ['a', ops]);
  client.close();
});

test('a malformed message ends only its own job with server_error', async (t) => {
  const app = await gradio6App(t, {
    run: (job) => {
      if (job.data[0] === 'ok') return job.complete(['fine', null]);
      job.send({ msg: 'process_generating', output: { data: ['x'] }, success: true });
      job.send({ msg: 'process_generating', output: { data: [[['add', [3, 'k'], 1]]] }, success: true });
    },
  });
  const client = await connect(app.url);
  const [bad, good] = await Promise.allSettled([client.predict('/greet', ['bad']), client.predict('/greet', ['ok'])]);
  assert.equal(bad.status, 'rejected');
  assert.equal((bad as PromiseRejectedResult).reason.code, 'server_error');
  assert.match((bad as PromiseRejectedResult).reason.message, /^Bad message from the server: diff: /);
  assert.deepEqual((good as PromiseFulfilledResult<unknown>).value, ['fine']);
  client.close();
});

test('a silent stream trips the heartbeat timeout and the job ends with connection_lost', async (t) => {
  const app = await gradio6App(t, {
    run: () => {}, // never answers
  });
  const client = await connect(app.url, { heartbeatTimeout: 150, reconnects: 1 });
  const evs = await events(client.submit('/greet', ['a']));
  assert.deepEqual(evs.map((e) => e.type), ['queued', 'error']);
  const err = evs[1] as { code: string; message: string };
  assert.equal(err.code, 'connection_lost');
  assert.match(err.message, /No message from the server for 0\.15 s/);
  assert.equal(streams(app.log), 2, 'the stream was reopened once before giving up');
  client.close();
});

test('heartbeats keep a quiet stream alive', async (t) => {
  const app = await gradio6App(t, {
    run: async (job) => {
      for (let i = 0; i < 5; i++) {
        await new Promise((r) => setTimeout(r, 60));
        const s = [...app.sessions.values()][0];
        s.res?.write('data: {"msg":"heartbeat","event_id":null}\n\n');
      }
      job.complete(['done', null]);
    },
  });
  const client = await connect(app.url, { heartbeatTimeout: 150 });
  assert.deepEqual(await client.predict('/greet', ['a']), ['done']);
  assert.equal(streams(app.log), 1);
  client.close();
});

test('a dropped session stream is reopened while jobs are pending, and no job is lost', async (t) => {
  const app = await gradio6App(t, {
    run: async (job) => {
      job.send({ msg: 'process_starts', eta: null });
      await new Promise((r) => setTimeout(r, 50));
      app.dropStreams(); // the proxy cuts the connection; the server keeps the messages queued
      job.send({ msg: 'progress', progress_data: [{ index: 1, length: 2, unit: 'steps', progress: null, desc: null }] });
      await new Promise((r) => setTimeout(r, 50));
      job.complete([`Hello, ${job.data[0]}`, null]);
    },
  });
  const client = await connect(app.url);
  const [a, b] = await Promise.all([events(client.submit('/greet', ['a'])), events(client.submit('/greet', ['b']))]);
  for (const [evs, name] of [[a, 'a'], [b, 'b']] as const) {
    assert.deepEqual(evs.map((e) => e.type), ['queued', 'started', 'progress', 'complete']);
    assert.deepEqual((evs.at(-1) as { values: unknown[] }).values, [`Hello, ${name}`]);
  }
  assert.ok(streams(app.log) >= 2, 'the stream was reopened');
  client.close();
});

test('a job the server forgot after a dropped stream (heartbeats only) ends with connection_lost', async (t) => {
  let opened = 0;
  const app = await gradio6App(t, {
    run: startOnly,
    hook: (_req, res, path) => {
      if (path !== `${P}/queue/data` || ++opened === 1) return false;
      // Like Gradio after a disconnect: the session still exists, its jobs are gone.
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      const beat = setInterval(() => res.write('data: {"msg":"heartbeat","event_id":null}\n\n'), 40);
      res.on('close', () => clearInterval(beat));
      return true;
    },
  });
  const client = await connect(app.url, { heartbeatTimeout: 300 });
  const job = client.submit('/greet', ['a']);
  const seen: JobEvent[] = [];
  for await (const e of job) {
    seen.push(e);
    if (e.type === 'started') app.dropStreams();
  }
  assert.deepEqual(seen.map((e) => e.type), ['queued', 'started', 'error']);
  assert.deepEqual(seen[2], { type: 'error', code: 'connection_lost', title: null, message: 'The server did not resume this job after the connection dropped.' });
  assert.equal(opened, 2);
  client.close();
});

test('a server that says close_stream while a job is pending is asked again, then the job fails (no busy loop)', async (t) => {
  const app = await gradio6App(t, { hook: answer(`${P}/queue/data`, 200, 'text/event-stream', 'data: 5\n\ndata: null\n\ndata: {"msg":"close_stream","event_id":null}\n\n') });
  const client = await connect(app.url, { reconnects: 2 });
  await assert.rejects(client.predict('/greet', ['a']), { code: 'connection_lost' });
  assert.equal(streams(app.log), 3);
  client.close();
});

test('messages that arrive before the join answer are kept for that job; strays are dropped', async (t) => {
  let n = 0;
  const app = await gradio6App(t, {
    run: (job) => void job.whenCancelled, // the first job keeps the stream open
    hook: async (_req, res, path, body) => {
      if (path !== `${P}/queue/join` || ++n === 1) return false;
      const stream = app.sessions.get(JSON.parse(body).session_hash)!.res!;
      const send = (m: object) => stream.write(`data: ${JSON.stringify(m)}\n\n`);
      send({ msg: 'estimation', event_id: 'stray', rank: 0, queue_size: 1, rank_eta: null });
      send({ msg: 'process_starts', event_id: 'early', eta: null });
      send({ msg: 'process_completed', event_id: 'early', output: { data: ['fast', null] }, success: true });
      await new Promise((r) => setTimeout(r, 100));
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"event_id":"early"}');
      return true;
    },
  });
  const client = await connect(app.url);
  const first = client.submit('/greet', ['slow']);
  await until(() => [...app.sessions.values()].some((s) => s.res !== null));
  const evs = await events(client.submit('/greet', ['fast']));
  assert.deepEqual(evs.map((e) => e.type), ['started', 'complete']);
  assert.deepEqual((evs[1] as { values: unknown[] }).values, ['fast']);
  await first.cancel();
  client.close();
});

test('two loops over one job share its events and both end', async (t) => {
  const app = await scriptedApp({ protocol: 'sse_v3', config: gradio4.config, info: gradio4.info, run: chatRun(true) });
  t.after(() => app.close());
  const client = await connect(app.url);
  const job = client.submit('/chat', ['q']);
  const [a, b] = await Promise.all([events(job), events(job)]);
  assert.equal(a.length + b.length, 5, 'queued, 3 data and complete, each seen once; the terminal event ends both');
  assert.deepEqual(await job.result, [[['q', 'abc']]]);
  client.close();
});

test('cancel() posts /cancel and /reset and ends the job with error cancelled', async (t) => {
  const app = await gradio6App(t, { run: startOnly });
  const client = await connect(app.url);
  const job = client.submit('/greet', ['a']);
  const seen: JobEvent[] = [];
  for await (const ev of job) {
    seen.push(ev);
    if (ev.type === 'started') await job.cancel();
  }
  assert.deepEqual(seen.map((e) => e.type), ['queued', 'started', 'error']);
  assert.equal((seen[2] as { code: string }).code, 'cancelled');
  assert.deepEqual(app.cancels, [{ session_hash: client.sessionHash, fn_index: 0, event_id: job.eventId }]);
  assert.ok(app.log.includes(`POST ${P}/reset`));
  await assert.rejects(job.result, { code: 'cancelled' });
  client.close();
});

/** A job that started on a server which answers /cancel with 404, cancelled by the client. */
async function cancelIgnored(t: TestContext) {
  const app = await gradio6App(t, { run: startOnly, hook: answer(`${P}/cancel`, 404, null, '{"detail":"Not Found"}') });
  const client = await connect(app.url);
  const job = client.submit('/greet', ['a']);
  await until(() => job.eventId !== null);
  await job.cancel();
  return { app, client, job };
}

test('a server that ignores /cancel does not leave the job hanging', async (t) => {
  const { client, job } = await cancelIgnored(t);
  await assert.rejects(job.result, { code: 'cancelled' });
  client.close();
});

test('an idle sse_v3 stream whose jobs ended on the client side is closed at the next heartbeat', async (t) => {
  const { app, client } = await cancelIgnored(t);
  const session = app.sessions.get(client.sessionHash)!;
  assert.ok(session.res, 'the stream is still open: the server never ended the job');
  session.res!.write('data: {"msg":"heartbeat","event_id":null}\n\n');
  await until(() => session.res === null);
  client.close();
});

test('an AbortSignal cancels a job before and after it joined; breaking out of the loop cancels too', async (t) => {
  const app = await gradio6App(t, { run: startOnly });
  const client = await connect(app.url);
  await assert.rejects(client.predict('/greet', ['a'], { signal: AbortSignal.abort() }), { code: 'cancelled' });
  assert.equal(app.joins.length, 0, 'an aborted call never joins');

  const ctl = new AbortController();
  const job = client.submit('/greet', ['b'], { signal: ctl.signal });
  for await (const ev of job) if (ev.type === 'started') ctl.abort();
  await assert.rejects(job.result, { code: 'cancelled' });
  assert.equal(app.cancels.length, 1);

  const job2 = client.submit('/greet', ['c']);
  for await (const ev of job2) if (ev.type === 'started') break;
  await assert.rejects(job2.result, { code: 'cancelled' });
  assert.equal(app.cancels.length, 2, 'break sent a cancel');
  client.close();
});

test('a job cancelled while its join is on the way is cancelled on the server once the join answers', async (t) => {
  const app = await gradio6App(t, {
    hook: async (_req, _res, path) => {
      if (path === `${P}/queue/join`) await new Promise((r) => setTimeout(r, 100));
      return false;
    },
  });
  const client = await connect(app.url);
  const job = client.submit('/greet', ['a']);
  await until(() => app.log.includes(`POST ${P}/queue/join`));
  await job.cancel();
  await assert.rejects(job.result, { code: 'cancelled' });
  await until(() => app.cancels.length === 1);
  assert.equal(app.cancels[0].event_id, 'e1');
  client.close();
});

test('close() ends running jobs and the stream; a connect signal closes the client', async (t) => {
  const app = await gradio6App(t, { run: startOnly });
  const ctl = new AbortController();
  const client = await connect(app.url, { signal: ctl.signal });
  const job = client.submit('/greet', ['a']);
  await until(() => [...app.sessions.values()].some((s) => s.res !== null));
  ctl.abort();
  await assert.rejects(job.result, { code: 'cancelled', message: 'The client was closed.' });
  await until(() => [...app.sessions.values()].every((s) => s.res === null));
});

test('clients are independent: own sessions, and closing one leaves the other working', async (t) => {
  const app = await gradio6App(t, { run: (j) => j.complete([`Hi ${j.data[0]}`, null]) });
  const [c1, c2] = await Promise.all([connect(app.url), connect(app.url)]);
  assert.notEqual(c1.sessionHash, c2.sessionHash);
  const c3 = await connect(app.url, { sessionHash: 'mine' });
  assert.equal(c3.sessionHash, 'mine');
  c1.close();
  await assert.rejects(c1.predict('/greet', ['x']), { code: 'cancelled' });
  assert.deepEqual(await c2.predict('/greet', ['y']), ['Hi y']);
  assert.deepEqual(await c3.predict('/greet', ['z']), ['Hi z']);
  assert.equal(app.joins.at(-1)!.session_hash, 'mine');
  c2.close();
  c3.close();
});

test('token and headers go with every request; credentials default to same-origin', async (t) => {
  const app = await gradio6App(t);
  const inits: RequestInit[] = [];
  const client = await connect(app.url, {
    token: 'hf_secret',
    headers: { 'X-Extra': '1' },
    fetch: (input, init) => (inits.push(init ?? {}), fetch(input, init)),
  });
  await client.predict('/filter', [new Blob(['x']), 'invert']);
  assert.ok(app.headers.length >= 5);
  for (const [i, h] of app.headers.entries()) {
    assert.equal(h.authorization, 'Bearer hf_secret', app.log[i]);
    assert.equal(h['x-extra'], '1', app.log[i]);
  }
  assert.ok(inits.every((i) => i.credentials === 'same-origin'));
  client.close();
});
