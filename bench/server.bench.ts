// `npm run bench -- server`: predict latency and throughput through the real @gradio/client on /hello/,
// against a bare Express JSON round trip on the same machine. Servers run in their own processes.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Client } from '@gradio/client';

const repo = fileURLToPath(new URL('..', import.meta.url));
const SERIAL = Number(process.env.BENCH_SERIAL ?? 300);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = 64;

const BARE = `
import express from 'express';
const app = express();
app.use(express.json());
app.post('/echo', (req, res) => res.json({ data: ['Hello, ' + req.body.data[0] + '!'] }));
const s = app.listen(0, '127.0.0.1', () => console.log('http://127.0.0.1:' + s.address().port + '/'));
`;

/** Starts a server process and resolves with the first URL it prints. */
function start(args: string[], env: Record<string, string> = {}): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: repo, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) resolve({ url: m[1], child });
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: at(0.5), p99: at(0.99) };
}

/** Serial latency of several calls, alternating between them so load changes on the machine hit all alike. */
async function serial(n: number, calls: (() => Promise<unknown>)[]) {
  for (let i = 0; i < 20; i++) for (const call of calls) await call(); // warm-up
  const times = calls.map(() => [] as number[]);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < calls.length; k++) {
      const t = performance.now();
      await calls[k]();
      times[k].push(performance.now() - t);
    }
  }
  return times.map(stats);
}

/** Calls per second with `workers` loops calling for `ms`. */
async function burst(workers: (() => Promise<unknown>)[], ms: number) {
  const end = performance.now() + ms;
  let done = 0;
  let failed = 0;
  const t0 = performance.now();
  await Promise.all(
    workers.map(async (call) => {
      while (performance.now() < end) {
        try {
          await call();
          done++;
        } catch {
          failed++;
        }
      }
    }),
  );
  return { done, failed, seconds: (performance.now() - t0) / 1000 };
}

/** Throughput of several loads, measured in alternating rounds (same reason as above). */
async function throughput(loads: (() => Promise<unknown>)[][], seconds: number, rounds = 4) {
  const totals = loads.map(() => ({ done: 0, failed: 0, seconds: 0 }));
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < loads.length; k++) {
      const b = await burst(loads[k], (seconds * 1000) / rounds);
      totals[k].done += b.done;
      totals[k].failed += b.failed;
      totals[k].seconds += b.seconds;
    }
  }
  return totals.map((t) => ({ rps: t.done / t.seconds, failed: t.failed }));
}

const fmt = (x: number) => x.toFixed(2);

export default async function bench(): Promise<void> {
  const bare = await start(['--input-type=module', '-e', BARE]);
  const demo = await start(['--import', 'tsx', 'demo/main.ts'], { PORT: '0', ML_QUIET: '' });
  try {
    const echo = () =>
      fetch(`${bare.url}echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"data":["Ada"]}' }).then((r) => r.json());
    const client = await Client.connect(`${demo.url}hello/`);
    const predict = () => client.predict('/greet', { name: 'Ada', intensity: 1 });
    const got = await predict();
    if ((got.data as string[])[0] !== 'Hello, Ada!') throw new Error(`unexpected answer ${JSON.stringify(got.data)}`);
    // The same protocol calls with plain fetch (the bare baseline's client): join, then read the session stream.
    let n = 0;
    const protocolPredict = async () => {
      const session = `b${n++}`;
      const join = await fetch(`${demo.url}hello/gradio_api/queue/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ data: ['Ada', 1], fn_index: 0, session_hash: session }),
      });
      if (!join.ok) throw new Error(`join ${join.status}`);
      await join.json();
      const text = await (await fetch(`${demo.url}hello/gradio_api/queue/data?session_hash=${session}`)).text();
      if (!text.includes('"Hello, Ada!"') || !text.includes('close_stream')) throw new Error('no result');
    };

    const [bareSerial, predictSerial] = await serial(SERIAL, [echo, predict]);
    const clients = await Promise.all(Array.from({ length: CONCURRENCY }, () => Client.connect(`${demo.url}hello/`)));
    const [bareThroughput, predictThroughput, protocolThroughput] = await throughput(
      [
        Array.from({ length: CONCURRENCY }, () => echo),
        clients.map((c) => () => c.predict('/greet', { name: 'Ada', intensity: 1 })),
        Array.from({ length: CONCURRENCY }, () => protocolPredict),
      ],
      SECONDS,
    );

    const latencyRatio = predictSerial.median / bareSerial.median;
    const throughputRatio = protocolThroughput.rps / bareThroughput.rps;
    const clientRatio = predictThroughput.rps / bareThroughput.rps;
    console.log(`(serial calls alternate bare/predict; throughput runs in ${4} alternating rounds, so machine load hits both alike)`);
    console.log(`bare Express JSON round trip: median ${fmt(bareSerial.median)} ms, p99 ${fmt(bareSerial.p99)} ms (${SERIAL} serial requests)`);
    console.log(`bare Express throughput, ${CONCURRENCY} concurrent loops: ${bareThroughput.rps.toFixed(0)} req/s`);
    console.log(`predict /hello/ via @gradio/client: median ${fmt(predictSerial.median)} ms, p99 ${fmt(predictSerial.p99)} ms (${SERIAL} serial predicts)`);
    console.log(`predict /hello/ throughput, ${CONCURRENCY} concurrent clients: ${predictThroughput.rps.toFixed(0)} predicts/s (${predictThroughput.failed} failed)`);
    console.log(`predict /hello/ throughput, ${CONCURRENCY} concurrent plain-fetch protocol clients (join + SSE): ${protocolThroughput.rps.toFixed(0)} predicts/s (${protocolThroughput.failed} failed)`);
    console.log(`latency ratio ${fmt(latencyRatio)}x bare (target <= 5x): ${latencyRatio <= 5 ? 'met' : 'MISSED'}`);
    console.log(`throughput ratio, plain-fetch clients: ${(throughputRatio * 100).toFixed(0)}% of bare (target >= 25%): ${throughputRatio >= 0.25 ? 'met' : 'MISSED'}`);
    console.log(`throughput ratio, @gradio/client (its own CPU cost included, same process as the load): ${(clientRatio * 100).toFixed(0)}% of bare: ${clientRatio >= 0.25 ? 'met' : 'MISSED'}`);
  } finally {
    bare.child.kill('SIGTERM');
    demo.child.kill('SIGTERM');
  }
}
