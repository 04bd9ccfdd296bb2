// The official @gradio/client driving the demo apps: what the acceptance list asks, end to end.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Client, handle_file } from '@gradio/client';
import sharp from 'sharp';
import { Blocks, button, number, textbox, type HandlerContext } from '../../src/server/index.js';
import { startDemoServer, type DemoServer } from '../../demo/server.js';
import { serve, sleep } from './server-helpers.js';

let demo: DemoServer;
before(async () => {
  process.env.ML_QUIET = '1';
  demo = await startDemoServer({ port: 0 });
});
after(() => demo.close());

describe('@gradio/client against the demo server', { timeout: 60_000 }, () => {
  test('connects to /hello/ and predicts by name with keywords: ["Hello, Ada!"]', async () => {
    const client = await Client.connect(`${demo.url}hello/`);
    const r = await client.predict('/greet', { name: 'Ada', intensity: 1 });
    assert.deepEqual(r.data, ['Hello, Ada!']);
    const positional = await client.predict('/greet', ['Grace', 3]);
    assert.deepEqual(positional.data, ['Hello, Grace!!!']);
    const defaulted = await client.predict('/greet', { name: 'Lin' });
    assert.deepEqual(defaulted.data, ['Hello, Lin!'], 'intensity defaults to 1');
  });

  test('predicts by fn index', async () => {
    const client = await Client.connect(`${demo.url}hello/`);
    const r = await client.predict(0, ['Bob', 2]);
    assert.deepEqual(r.data, ['Hello, Bob!!']);
  });

  test('view_api lists the endpoint with its parameters', async () => {
    const client = await Client.connect(`${demo.url}hello/`);
    const api = await client.view_api();
    const greet = api.named_endpoints['/greet'];
    assert.deepEqual(greet.parameters.map((p: any) => [p.parameter_name, p.type]), [['name', 'string'], ['intensity', 'number']]);
    assert.deepEqual(greet.returns.map((p: any) => p.label), ['Greeting']);
  });

  test('streams /chat/: several data events, then the full markdown reply', async () => {
    const client = await Client.connect(`${demo.url}chat/`);
    const job = client.submit('/chat', { message: 'Hi there' });
    const data: string[] = [];
    for await (const ev of job) {
      if (ev.type === 'data') data.push((ev.data as string[])[0]);
      if (ev.type === 'status' && (ev.stage === 'complete' || ev.stage === 'error')) break;
    }
    assert.ok(data.length >= 8, `${data.length} data events`);
    for (let i = 1; i < data.length; i++) assert.ok(data[i].startsWith(data[i - 1]), 'the reply grows');
    const full = data.at(-1)!;
    assert.match(full, /\*\*Hi there\*\*/);
    assert.match(full, /```python/);
    const again = await client.predict('/chat', { message: 'x' });
    assert.match((again.data as string[])[0], /\*\*x\*\*/);
  });

  test('/image/ accepts a PNG through handle_file and returns a URL serving the processed PNG', async () => {
    const client = await Client.connect(`${demo.url}image/`);
    const red = await sharp({ create: { width: 8, height: 6, channels: 3, background: '#ff0000' } }).png().toBuffer();
    const r = await client.predict('/filter', { image: handle_file(red), filter: 'invert' });
    const [out] = r.data as { url: string; mime_type: string; path: string }[];
    assert.equal(out.mime_type, 'image/png');
    const res = await fetch(out.url);
    assert.equal(res.status, 200);
    const png = Buffer.from(await res.arrayBuffer());
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    assert.deepEqual([info.width, info.height], [8, 6]);
    assert.deepEqual([...data.subarray(0, 3)], [0, 255, 255], 'red inverted is cyan');
    const gray = await client.predict('/filter', { image: handle_file(red), filter: 'grayscale' });
    const g = await sharp(Buffer.from(await (await fetch((gray.data as any)[0].url)).arrayBuffer())).raw().toBuffer();
    assert.equal(g[0], g[1]);
  });

  test('errors reach the caller: AppError message, and bad input detail', async () => {
    const client = await Client.connect(`${demo.url}image/`);
    await assert.rejects(client.predict('/filter', [null, 'blur']), (e: any) => /Please upload an image first/.test(e.message));
    const hello = await Client.connect(`${demo.url}hello/`);
    await assert.rejects(hello.predict('/greet', { name: 42, intensity: 1 }), (e: any) => /expected a string/.test(e.message));
    await assert.rejects(hello.predict('/nope', {}), /No endpoint matching/);
  });

  test('an upload over max_file_size is refused with 413', async () => {
    const client = await Client.connect(`${demo.url}image/`);
    const big = new Blob([new Uint8Array(10 * 1024 * 1024 + 10)]);
    const r = await client.upload_files(`${demo.url}image`.replace(/\/$/, ''), [big]);
    assert.match(String(r.error), /413/);
  });

  test('cancelling a /progress/ job ends it promptly and frees the queue', async () => {
    const client = await Client.connect(`${demo.url}progress/`);
    const job = client.submit('/slow', { steps: 50 });
    const statuses: string[] = [];
    const seen = (async () => {
      for await (const ev of job) if (ev.type === 'status') statuses.push(ev.stage);
    })();
    await sleep(500);
    const t0 = Date.now();
    await job.cancel();
    const other = await Client.connect(`${demo.url}progress/`);
    const r = await other.predict('/slow', { steps: 1 });
    const waited = Date.now() - t0;
    assert.deepEqual(r.data, ['step 1/1 done']);
    assert.ok(waited < 2000, `next job finished ${waited} ms after cancel (a 50-step job would take 10 s)`);
    await Promise.race([seen, sleep(1000)]);
    assert.ok(!statuses.includes('error'), statuses.join(','));
  });

  test('/media/ returns a gallery, a WAV tone and an inspected file, all downloadable', async () => {
    const client = await Client.connect(`${demo.url}media/`);
    const g = await client.predict('/swatches', { count: 2 });
    const [items] = g.data as { image: { url: string; mime_type: string }; caption: string }[][];
    assert.deepEqual(items.map((i) => i.caption), ['#ef4444', '#f59e0b']);
    const swatch = await sharp(Buffer.from(await (await fetch(items[0].image.url)).arrayBuffer())).raw().toBuffer();
    assert.deepEqual([...swatch.subarray(0, 3)], [0xef, 0x44, 0x44]);
    const t = await client.predict('/tone', { frequency: 440, seconds: 0.5 });
    const [tone] = t.data as { url: string; mime_type: string; orig_name: string }[];
    assert.equal(tone.mime_type, 'audio/wav');
    const wav = Buffer.from(await (await fetch(tone.url)).arrayBuffer());
    assert.equal(wav.subarray(0, 4).toString(), 'RIFF');
    assert.equal(wav.length, 44 + 8000);
    const f = await client.predict('/inspect', { upload: handle_file(new Blob(['hello file'], { type: 'text/plain' })) });
    const [info, copy] = f.data as [{ size: number }, { url: string }];
    assert.equal(info.size, 10);
    assert.equal(await (await fetch(copy.url)).text(), 'hello file');
  });

  test('a second user of /progress/ sees a queue position', async () => {
    const a = await Client.connect(`${demo.url}progress/`);
    const b = await Client.connect(`${demo.url}progress/`);
    const first = a.predict('/slow', { steps: 2 });
    await sleep(100);
    const job = b.submit('/slow', { steps: 1 }, undefined, undefined, true);
    let position: number | undefined;
    for await (const ev of job) {
      if (ev.type === 'status' && ev.stage === 'pending' && typeof ev.position === 'number') position ??= ev.position;
      if (ev.type === 'status' && ev.stage === 'complete') break;
    }
    await first;
    assert.equal(position, 0);
  });
});

describe('@gradio/client against a full queue', { timeout: 60_000 }, () => {
  test('a join past maxQueueSize is reported as busy (503)', async () => {
    const app = Blocks({ maxQueueSize: 1, quiet: true }, () => {
      const n = number({ label: 'Seconds' });
      const out = textbox({ label: 'Out' });
      button('go').click({
        fn: async function wait(sec: number | null, { signal }: HandlerContext) {
          await new Promise<void>((r) => {
            const t = setTimeout(r, (sec ?? 0) * 1000);
            signal.addEventListener('abort', () => (clearTimeout(t), r()));
          });
          return 'ok';
        },
        inputs: n,
        outputs: out,
        apiName: 'wait',
      });
    });
    const s = await serve(app);
    try {
      const c1 = await Client.connect(s.url);
      const c2 = await Client.connect(s.url);
      const c3 = await Client.connect(s.url);
      const running = c1.predict('/wait', { seconds: 0.6 });
      await sleep(100);
      const waiting = c2.predict('/wait', { seconds: 0 });
      await sleep(100);
      await assert.rejects(c3.predict('/wait', { seconds: 0 }), (e: any) => /busy/i.test(e.message));
      assert.deepEqual((await running).data, ['ok']);
      assert.deepEqual((await waiting).data, ['ok']);
    } finally {
      await s.close();
    }
  });
});
