// Uploads, the file= route (Range, inline vs attachment, what may never be served) and file inputs.
import assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { Blocks, button, file, image, textbox } from '../../src/server/index.js';
import { postJson, runQueued, serve, type Running } from './server-helpers.js';

let s: Running;
let app: ReturnType<typeof makeApp>;

function makeApp() {
  return Blocks({ maxFileSize: 1000, quiet: true }, () => {
    const img = image({ label: 'Image' });
    const info = textbox({ label: 'Info' });
    const out = image({ label: 'Out' });
    button('a').click({
      fn: async function describe(i: { path: string; mimeType: string; origName: string | null; size: number } | null) {
        return i ? `${i.mimeType} ${i.size} ${i.origName}` : 'none';
      },
      inputs: img,
      outputs: info,
    });
    button('b').click({ fn: function make() { return sharp({ create: { width: 2, height: 2, channels: 3, background: '#00ff00' } }).png().toBuffer(); }, outputs: out });
    const f = file({ label: 'Doc' });
    button('c').click({ fn: function echoFile(x: { path: string }) { return x.path; }, inputs: f, outputs: file({ label: 'Copy' }) });
  });
}

async function upload(url: string, parts: { name: string; data: Uint8Array | string; type?: string }[], field = 'files') {
  const form = new FormData();
  for (const p of parts) form.append(field, new Blob([p.data as BlobPart], { type: p.type ?? 'application/octet-stream' }), p.name);
  const res = await fetch(`${url}/gradio_api/upload`, { method: 'POST', body: form });
  return { status: res.status, json: await res.json() };
}

before(async () => {
  app = makeApp();
  s = await serve(app);
});
after(() => s.close());

describe('POST /gradio_api/upload', { timeout: 60_000 }, () => {
  test('stores each file under its own unguessable folder and answers their paths', async () => {
    const r = await upload(s.url, [{ name: 'a.txt', data: 'hello' }, { name: '../../evil name.txt', data: 'x' }]);
    assert.equal(r.status, 200);
    assert.equal(r.json.length, 2);
    for (const p of r.json) assert.ok(p.startsWith(app.files.uploadDir + path.sep), p);
    assert.equal(path.basename(r.json[1]), 'evil name.txt', 'directories stripped from the name');
    assert.notEqual(path.dirname(r.json[0]), path.dirname(r.json[1]));
    assert.match(path.basename(path.dirname(r.json[0])), /^[0-9a-f]{32}$/);
    assert.equal(await fsp.readFile(r.json[0], 'utf8'), 'hello');
  });

  test('a file over max_file_size is refused with 413 and nothing stays on disk', async () => {
    const before = await fsp.readdir(app.files.uploadDir);
    const r = await upload(s.url, [{ name: 'big.bin', data: new Uint8Array(5000) }]);
    assert.equal(r.status, 413);
    assert.match(r.json.detail, /maximum allowed size of 1000 bytes/);
    assert.deepEqual(await fsp.readdir(app.files.uploadDir), before);
  });

  test('non-multipart bodies and empty forms are 400 with a detail', async () => {
    const r = await postJson(`${s.url}/gradio_api/upload`, { files: [] });
    assert.equal(r.status, 400);
    assert.match(r.json.detail, /multipart\/form-data/);
    const empty = await upload(s.url, [{ name: 'a.txt', data: 'x' }], 'other');
    assert.equal(empty.status, 400);
    assert.match(empty.json.detail, /"files"/);
  });
});

describe('GET /gradio_api/file=', { timeout: 60_000 }, () => {
  test('serves uploads with Range support and HEAD', async () => {
    const [p] = (await upload(s.url, [{ name: 'n.txt', data: '0123456789' }])).json;
    const url = `${s.url}/gradio_api/file=${p}`;
    const full = await fetch(url);
    assert.equal(full.status, 200);
    assert.equal(await full.text(), '0123456789');
    assert.equal(full.headers.get('accept-ranges'), 'bytes');
    const part = await fetch(url, { headers: { range: 'bytes=2-5' } });
    assert.equal(part.status, 206);
    assert.equal(part.headers.get('content-range'), 'bytes 2-5/10');
    assert.equal(await part.text(), '2345');
    const tail = await fetch(url, { headers: { range: 'bytes=-3' } });
    assert.equal(await tail.text(), '789');
    assert.equal((await fetch(url, { headers: { range: 'bytes=20-30' } })).status, 416);
    const head = await fetch(url, { method: 'HEAD' });
    assert.equal(head.headers.get('content-length'), '10');
    const encoded = await fetch(`${s.url}/gradio_api/file=${p.split('/').map(encodeURIComponent).join('/')}`);
    assert.equal(encoded.status, 200, 'percent-encoded paths (client 2.7) are decoded');
  });

  test('HTML and SVG uploads are downloads, never rendered inline', async () => {
    const [p] = (await upload(s.url, [{ name: 'x.html', data: '<script>alert(1)</script>' }])).json;
    const r = await fetch(`${s.url}/gradio_api/file=${p}`);
    assert.equal(r.headers.get('content-type'), 'application/octet-stream');
    assert.match(r.headers.get('content-disposition')!, /^attachment/);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  });

  test('refuses anything outside the stores: absolute paths, .., encoded traversal, relative paths, symlinks, folders', async () => {
    const [p] = (await upload(s.url, [{ name: 'ok.txt', data: 'ok' }])).json;
    const outside = path.join(path.dirname(app.files.uploadDir), 'secret.txt');
    await fsp.writeFile(outside, 'secret');
    const link = path.join(path.dirname(p), 'link.txt');
    await fsp.symlink('/etc/passwd', link);
    const bad = [
      '/etc/passwd',
      `${app.files.uploadDir}/../secret.txt`,
      `${app.files.uploadDir}/%2e%2e/secret.txt`,
      `${encodeURIComponent(app.files.uploadDir + '/../secret.txt')}`,
      'etc/passwd',
      link,
      path.dirname(p),
      `${p}%00.png`,
      '//etc/passwd',
      'http://127.0.0.1:1/x',
    ];
    for (const b of bad) {
      const r = await fetch(`${s.url}/gradio_api/file=${b}`);
      assert.equal(r.status, 403, b);
      assert.match((await r.json()).detail, /File not allowed/, b);
    }
  });
});

describe('file inputs and outputs', { timeout: 60_000 }, () => {
  test('an uploaded image reaches the handler as { path, mimeType, size, origName }', async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#ff0000' } }).png().toBuffer();
    const [p] = (await upload(s.url, [{ name: 'blob', data: png }])).json;
    const { msgs } = await runQueued(s.url, 0, [{ path: p, orig_name: 'red.png', meta: { _type: 'gradio.FileData' } }]);
    const done = msgs.find((m) => m.msg === 'process_completed')!;
    assert.deepEqual(done.output.data, [`image/png ${png.length} red.png`]);
  });

  test('a returned Buffer becomes FileData with an absolute URL that serves the PNG', async () => {
    const { msgs } = await runQueued(s.url, 1, []);
    const [fd] = msgs.find((m) => m.msg === 'process_completed')!.output.data;
    assert.equal(fd.meta._type, 'gradio.FileData');
    assert.equal(fd.mime_type, 'image/png');
    assert.ok(fd.path.startsWith(app.files.outputDir));
    assert.ok(fd.url.startsWith(`${s.url}/gradio_api/file=`));
    const res = await fetch(fd.url);
    assert.equal(res.headers.get('content-type'), 'image/png');
    const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
    assert.deepEqual([meta.format, meta.width], ['png', 2]);
  });

  test('input FileData pointing outside the stores, or at private URLs, are refused', async () => {
    const port = new URL(s.url).port;
    for (const bad of ['/etc/passwd', `${app.files.uploadDir}/../../etc/passwd`, 'http://127.0.0.1:9/x.png', 'http://[::1]/x.png', 'http://10.0.0.1/x.png', `http://localhost:${port}/config`]) {
      const { msgs } = await runQueued(s.url, 2, [{ path: bad, meta: { _type: 'gradio.FileData' } }]);
      const done = msgs.find((m) => m.msg === 'process_completed')!;
      assert.equal(done.success, false, bad);
      assert.match(done.output.error, /not uploaded|private address/, bad);
    }
  });

  test('a file input returned as a path is copied into the output store and served', async () => {
    const [p] = (await upload(s.url, [{ name: 'doc.txt', data: 'doc' }])).json;
    const { msgs } = await runQueued(s.url, 2, [{ path: p, meta: { _type: 'gradio.FileData' } }]);
    const [fd] = msgs.find((m) => m.msg === 'process_completed')!.output.data;
    assert.equal(await (await fetch(fd.url)).text(), 'doc');
  });
});

test('with allowPrivateUrls an input URL is downloaded into the upload store', async () => {
  const trusting = Blocks({ allowPrivateUrls: true, maxFileSize: 1000, quiet: true }, () => {
    const f = file({ label: 'Doc' });
    button('c').click({ fn: async function size(x: { path: string; size: number }) { return `${x.size} ${x.path.startsWith(trusting.files.uploadDir)}`; }, inputs: f, outputs: textbox({ label: 'Size' }) });
  });
  const t = await serve(trusting);
  try {
    const [p] = (await upload(s.url, [{ name: 'doc.txt', data: 'twelve bytes' }])).json;
    const src = `${s.url}/gradio_api/file=${p}`;
    const { msgs } = await runQueued(t.url, 0, [{ path: src, meta: { _type: 'gradio.FileData' } }]);
    assert.deepEqual(msgs.find((m) => m.msg === 'process_completed')!.output.data, ['12 true']);
    const [big] = (await upload(s.url, [{ name: 'big.txt', data: 'x'.repeat(900) }])).json;
    const bigger = await runQueued(t.url, 0, [{ path: `${s.url}/gradio_api/file=${big}`, meta: { _type: 'gradio.FileData' } }]);
    assert.equal(bigger.msgs.find((m) => m.msg === 'process_completed')!.success, true);
  } finally {
    await t.close();
  }
});

test('a gallery input reaches the handler as local files, and a gallery output as FileData items with captions', async () => {
  const { gallery } = await import('../../src/server/index.js');
  const g = Blocks({ quiet: true }, () => {
    const input = gallery({ label: 'In' });
    const output = gallery({ label: 'Out' });
    button('go').click({
      fn: function flip(items: { image?: { path: string; mimeType: string } | null; caption: string | null }[]) {
        return items.map((it, i) => [it.image!.path, `#${i} ${it.image!.mimeType} ${it.caption}`]);
      },
      inputs: input,
      outputs: output,
    });
  });
  const t = await serve(g);
  try {
    const png = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#0000ff' } }).png().toBuffer();
    const form = new FormData();
    form.append('files', new Blob([png as BlobPart]), 'blue.png');
    const [p] = await (await fetch(`${t.url}/gradio_api/upload`, { method: 'POST', body: form })).json();
    const { msgs } = await runQueued(t.url, 0, [[{ image: { path: p, meta: { _type: 'gradio.FileData' } }, caption: 'sky' }]]);
    const [items] = msgs.find((m) => m.msg === 'process_completed')!.output.data;
    assert.equal(items.length, 1);
    assert.equal(items[0].caption, '#0 image/png sky');
    assert.equal(items[0].image.meta._type, 'gradio.FileData');
    assert.equal((await fetch(items[0].image.url)).status, 200);
  } finally {
    await t.close();
  }
});
