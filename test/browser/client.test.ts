// The client in real Chromium, on a page from another origin than the demo server: every event type.
import { expect } from '@open-wc/testing';
import { ClientError, connect, type FileData, type JobEvent } from '../../src/client/index.js';

const origin = (window as unknown as { ML_APP_ORIGIN: string }).ML_APP_ORIGIN;
// Mocha's globals, typed locally (the project has no @types/mocha).
const { describe, it } = globalThis as unknown as {
  describe: (name: string, fn: () => void) => void;
  it: (name: string, fn: () => Promise<void>) => void;
};

async function events(it: AsyncIterable<JobEvent>): Promise<JobEvent[]> {
  const out: JobEvent[] = [];
  for await (const e of it) out.push(e);
  return out;
}
const of = <T extends JobEvent['type']>(evs: JobEvent[], type: T) => evs.filter((e): e is Extract<JobEvent, { type: T }> => e.type === type);

/** A 6×6 PNG of one colour, drawn on a canvas. */
function png(color: string): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 6;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = color;
  ctx.fillRect(0, 0, 6, 6);
  return new Promise((r) => canvas.toBlob((b) => r(b!), 'image/png'));
}

describe('client in the browser (cross-origin demo server)', () => {
  it('greets through /hello/ with keyword and positional data', async () => {
    expect(location.origin).to.not.equal(origin);
    const client = await connect(`${origin}/hello/`);
    expect(await client.predict('/greet', { name: 'Ada' })).to.deep.equal(['Hello, Ada!']);
    const evs = await events(client.submit('/greet', ['Grace', 2]));
    expect(evs.map((e) => e.type)).to.deep.equal(['queued', 'started', 'complete']);
    expect(of(evs, 'complete')[0].values).to.deep.equal(['Hello, Grace!!']);
    const api = client.viewApi();
    expect(api.endpoints[0].name).to.equal('/greet');
    expect(api.endpoints[0].parameters.map((p) => p.name)).to.deep.equal(['name', 'intensity']);
    client.close();
  });

  it('streams the /chat/ reply word by word', async () => {
    const client = await connect(`${origin}/chat/`);
    const evs = await events(client.submit('/chat', { message: 'hello browser' }));
    const steps = of(evs, 'data').map((e) => e.values[0] as string);
    expect(new Set(steps).size).to.be.greaterThan(10);
    steps.forEach((s, i) => i && expect(s.startsWith(steps[i - 1])).to.equal(true));
    expect(of(evs, 'complete')[0].values[0]).to.contain('You said **hello browser**');
    client.close();
  });

  it('uploads an image to /image/ with progress, and the filtered result loads in an <img>', async () => {
    const client = await connect(`${origin}/image/`);
    const blob = await png('rgb(200, 30, 30)');
    const progress: [number, number][] = [];
    const [file] = await client.upload([new File([blob], 'red.png', { type: 'image/png' })], { onProgress: (l, t) => progress.push([l, t]) });
    expect(progress.at(-1)).to.deep.equal([blob.size, blob.size]);
    const [out] = (await client.predict('/filter', { image: file, filter: 'grayscale' })) as [FileData];
    expect(out.url!.startsWith(`${origin}/image/gradio_api/file=`)).to.equal(true);
    const img = new Image();
    img.crossOrigin = 'anonymous';
    img.src = out.url!;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 6;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const [r, g, b] = ctx.getImageData(2, 2, 1, 1).data;
    expect(r).to.equal(g);
    expect(g).to.equal(b);
    // A Blob straight in the data is uploaded by submit.
    const [inverted] = (await client.predict('/filter', [blob, 'invert'])) as [FileData];
    const res = await client.fetchFile(inverted);
    expect(res.headers.get('content-type')).to.equal('image/png');
    client.close();
  });

  it('shows a second /progress/ job its queue position, then progress and a log line', async () => {
    const client = await connect(`${origin}/progress/`);
    const first = client.submit('/slow', [3]);
    const it = first[Symbol.asyncIterator]();
    while ((await it.next()).value?.type !== 'started');
    const second = await events(client.submit('/slow', [2]));
    const queued = of(second, 'queued')[0];
    expect(queued.rank).to.equal(0);
    expect(queued.queueSize).to.be.at.least(1);
    expect(second.map((e) => e.type)).to.include.members(['queued', 'started', 'progress', 'log', 'complete']);
    expect(second.findIndex((e) => e.type === 'started')).to.be.greaterThan(second.indexOf(queued));
    expect(of(second, 'progress').map((e) => e.levels[0].index)).to.deep.equal([0, 1, 2]);
    expect(of(second, 'log')[0]).to.include({ level: 'info', message: 'Finished 2 steps.' });
    expect(of(second, 'complete')[0].values).to.deep.equal(['step 1/2 done\nstep 2/2 done']);
    expect(await first.result).to.deep.equal(['step 1/3 done\nstep 2/3 done\nstep 3/3 done']);
    client.close();
  });

  it('cancels a running job, and reports app errors with code and title', async () => {
    const client = await connect(`${origin}/progress/`);
    const job = client.submit('/slow', [40]);
    const seen: JobEvent[] = [];
    for await (const e of job) {
      seen.push(e);
      if (e.type === 'progress') await job.cancel();
    }
    expect(seen.at(-1)).to.include({ type: 'error', code: 'cancelled' });
    const evs = await events(client.submit('/slow', [0]));
    expect(evs.at(-1)).to.include({ type: 'error', code: 'app_error', message: 'Steps must be between 1 and 100.', title: 'Invalid steps' });
    const ctl = new AbortController();
    const aborted = client.predict('/slow', [40], { signal: ctl.signal });
    setTimeout(() => ctl.abort(), 100);
    const err = await aborted.catch((e) => e);
    expect(err).to.be.instanceOf(ClientError);
    expect(err.code).to.equal('cancelled');
    client.close();
  });

  it('reports an unknown app and an unknown endpoint clearly', async () => {
    const err = await connect(`${origin}/no-such-app/`).catch((e) => e);
    expect(err.code).to.equal('not_found');
    const client = await connect(`${origin}/hello/`);
    const bad = await client.predict('/shout', ['x']).catch((e) => e);
    expect(bad.code).to.equal('not_found');
    expect(bad.message).to.contain('"/greet"');
    client.close();
  });

  it('keeps many clients in one page independent: closing one does not disturb the others', async () => {
    const [chatA, chatB, hello] = await Promise.all([connect(`${origin}/chat/`), connect(`${origin}/chat/`), connect(`${origin}/hello/`)]);
    expect(new Set([chatA.sessionHash, chatB.sessionHash, hello.sessionHash]).size).to.equal(3);
    const a = chatA.submit('/chat', ['from A']);
    const b = events(chatB.submit('/chat', ['from B']));
    for await (const e of a) if (e.type === 'data') break; // leaving the loop cancels A's job
    chatA.close();
    const [bEvents, greeting] = await Promise.all([b, hello.predict('/greet', { name: 'C' })]);
    expect(of(bEvents, 'complete')[0].values[0]).to.contain('You said **from B**');
    expect(greeting).to.deep.equal(['Hello, C!']);
    const err = await a.result.catch((e) => e);
    expect(err.code).to.equal('cancelled');
    chatB.close();
    hello.close();
  });

  it('sends a token as Authorization across origins (CORS preflight passes)', async () => {
    const client = await connect(`${origin}/hello/`, { token: 'hf_test', headers: { 'X-Demo': '1' } });
    expect(await client.predict('/greet', ['Tok'])).to.deep.equal(['Hello, Tok!']);
    client.close();
  });

  it('runs the same client in a module web worker', async () => {
    const worker = new Worker(new URL('../fixtures/client-worker.ts', import.meta.url), { type: 'module' });
    const reply = new Promise<{ greeting?: unknown; steps?: number; error?: string }>((r) => (worker.onmessage = (e) => r(e.data)));
    worker.postMessage({ origin });
    const { greeting, steps, error } = await reply;
    worker.terminate();
    expect(error).to.equal(undefined);
    expect(greeting).to.deep.equal(['Hello, Worker!']);
    expect(steps).to.be.greaterThan(10);
  });
});
