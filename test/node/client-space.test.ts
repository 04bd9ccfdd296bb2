// Space ids, hf.space URLs and sub-paths resolve to the right base; Node file paths upload through handleFile.
import { test as nodeTest, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, handleFile, spaceSubdomain } from '../../src/client/node.js';
import { scriptedApp } from '../fixtures/scripted-app.js';
import { gradio6 } from '../fixtures/recorded-apps.js';

/** Every test fails after 30 s instead of hanging the run. */
const test = (name: string, fn: (t: TestContext) => void | Promise<void>) => nodeTest(name, { timeout: 30_000 }, fn);

/** A fetch that records requests and answers from a table of URL → response. */
function fakeFetch(routes: Record<string, () => Response>) {
  const calls: { url: string; headers: Record<string, string> }[] = [];
  const f = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, headers: (init?.headers ?? {}) as Record<string, string> });
    const route = routes[url];
    if (!route) throw new TypeError('fetch failed');
    return route();
  }) as typeof fetch;
  return { f, calls };
}
const config = (root: string) => () => Response.json({ ...gradio6.config, protocol: 'sse_v3', api_prefix: '/gradio_api', root });

test('the subdomain rule lowercases and turns dots and underscores into dashes', () => {
  assert.equal(spaceSubdomain('Owner/My_Space.v2'), 'https://owner-my-space-v2.hf.space');
  assert.equal(spaceSubdomain('abidlabs/whisper'), 'https://abidlabs-whisper.hf.space');
});

test('a Space id uses the host from the Hugging Face API, with the token', async () => {
  const { f, calls } = fakeFetch({
    'https://huggingface.co/api/spaces/Owner/My_Space.v2/host': () => Response.json({ subdomain: 'x', host: 'https://custom-host.hf.space' }),
    'https://custom-host.hf.space/config': config('https://custom-host.hf.space'),
    'https://custom-host.hf.space/gradio_api/info': () => Response.json(gradio6.info),
  });
  const client = await connect('Owner/My_Space.v2', { fetch: f, token: 'hf_x' });
  assert.equal(client.root, 'https://custom-host.hf.space');
  assert.deepEqual(calls.map((c) => c.url), [
    'https://huggingface.co/api/spaces/Owner/My_Space.v2/host',
    'https://custom-host.hf.space/config',
    'https://custom-host.hf.space/gradio_api/info',
  ]);
  assert.ok(calls.every((c) => c.headers.Authorization === 'Bearer hf_x'));
  assert.equal(client.viewApi().endpoints.length, 3);
});

test('when the Hugging Face API is unreachable or refuses, the subdomain rule is used', async () => {
  for (const hf of [undefined, () => new Response('{"error":"Repository not found"}', { status: 404 })]) {
    const { f, calls } = fakeFetch({
      ...(hf && { 'https://huggingface.co/api/spaces/Owner/My_Space.v2/host': hf }),
      'https://owner-my-space-v2.hf.space/config': config(''),
    });
    const client = await connect('Owner/My_Space.v2', { fetch: f });
    assert.equal(client.root, 'https://owner-my-space-v2.hf.space', 'an empty root falls back to the connect base');
    assert.equal(client.apiInfo, null, '/info failed: connect still succeeds');
    assert.equal(calls[1].url, 'https://owner-my-space-v2.hf.space/config');
  }
});

test('hf.space URLs and URLs with sub-paths keep their path; config.root wins afterwards', async () => {
  const { f, calls } = fakeFetch({
    'https://a-b.hf.space/config': config('https://a-b.hf.space'),
    'http://host:8080/apps/demo/config': config('https://public.example/apps/demo'),
  });
  let client = await connect(' https://a-b.hf.space/ ', { fetch: f });
  assert.equal(client.root, 'https://a-b.hf.space');
  client = await connect('http://host:8080/apps/demo/?x=1', { fetch: f });
  assert.equal(client.root, 'https://public.example/apps/demo');
  assert.equal(calls.at(-1)!.url, 'https://public.example/apps/demo/gradio_api/info');
  assert.equal(client.fileUrl('/tmp/a b.png'), 'https://public.example/apps/demo/gradio_api/file=/tmp/a b.png');
  assert.equal(client.fileUrl({ path: 'x', url: '/gradio_api/file=x' }), 'https://public.example/gradio_api/file=x');
  assert.equal(client.fileUrl({ path: 'y', url: 'javascript:alert(1)' }), 'https://public.example/apps/demo/gradio_api/file=y', 'no script URLs');
});

test('in Node, handleFile(path) uploads a local file with its name; URLs are passed as FileData', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'ml-client-'));
  const path = join(dir, 'photo.png');
  await writeFile(path, new Uint8Array([137, 80, 78, 71, 1, 2]));
  const app = await scriptedApp({ prefix: '/gradio_api', config: gradio6.config, info: gradio6.info });
  t.after(() => app.close());
  const client = await connect(app.url);
  await client.predict('/filter', { image: handleFile(path) });
  assert.deepEqual(app.uploads[0], [{ name: 'photo.png', size: 6, type: 'application/octet-stream' }]);
  await client.predict('/filter', { image: handleFile('https://example.com/img/cat.jpg') });
  assert.equal(app.uploads.length, 1, 'URLs are not uploaded');
  assert.deepEqual((app.joins[1].data as unknown[])[0], { path: 'https://example.com/img/cat.jpg', meta: { _type: 'gradio.FileData' } });
  client.close();
});
