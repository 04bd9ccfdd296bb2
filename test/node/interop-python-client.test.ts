// The official Python gradio_client against the demo server. Optional: skipped (with the reason printed)
// when no Python with gradio_client is available (`python3 -m venv .venv-interop && .venv-interop/bin/pip install gradio_client`).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { startDemoServer, type DemoServer } from '../../demo/server.js';
import { findPython } from './python.js';

const { python, reason } = findPython('gradio_client');
if (!python) console.log(`# interop-python-client skipped: ${reason}`);

const SCRIPT = `
import json, sys
from gradio_client import Client, handle_file
base, png = sys.argv[1], sys.argv[2]
out = {}
hello = Client(base + "hello/", verbose=False)
out["positional"] = hello.predict("Ada", 1, api_name="/greet")
out["keywords"] = hello.predict(name="Ada", intensity=3, api_name="/greet")
out["params"] = [p["parameter_name"] for p in hello.view_api(return_format="dict", print_info=False)["named_endpoints"]["/greet"]["parameters"]]
chat = Client(base + "chat/", verbose=False)
job = chat.submit(message="hi", api_name="/chat")
out["chat_final"] = job.result()
out["chat_chunks"] = len(job.outputs())
img = Client(base + "image/", verbose=False)
result = img.predict(handle_file(png), "invert", api_name="/filter")
out["image_path"] = result
with open(result, "rb") as f:
    out["image_magic"] = f.read(8).hex()
try:
    img.predict(None, "blur", api_name="/filter")
    out["error"] = None
except Exception as e:
    out["error"] = str(e)
import time
prog = Client(base + "progress/", verbose=False)
slow = prog.submit(50, api_name="/slow")
time.sleep(0.6)
out["cancelled"] = slow.cancel()
t0 = time.time()
out["after_cancel"] = Client(base + "progress/", verbose=False).predict(1, api_name="/slow")
out["after_cancel_s"] = time.time() - t0
print(json.dumps(out))
`;

describe('Python gradio_client against the demo server', { skip: python ? false : reason, timeout: 120_000 }, () => {
  let demo: DemoServer;
  let dir: string;
  before(async () => {
    process.env.ML_QUIET = '1';
    demo = await startDemoServer({ port: 0 });
    dir = mkdtempSync(path.join(tmpdir(), 'ml-py-'));
  });
  after(() => demo?.close());

  test('predicts, streams, uploads and downloads files, and sees errors', async () => {
    const png = path.join(dir, 'red.png');
    writeFileSync(png, await sharp({ create: { width: 4, height: 4, channels: 3, background: '#ff0000' } }).png().toBuffer());
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(python!, ['-c', SCRIPT, demo.url, png], { timeout: 100_000, env: { ...process.env, GRADIO_TEMP_DIR: dir } }, (err, out, errOut) =>
        err ? reject(new Error(`${err.message}\n${errOut}`)) : resolve(out),
      ),
    );
    const out = JSON.parse(stdout.trim().split('\n').pop()!);
    assert.equal(out.positional, 'Hello, Ada!');
    assert.equal(out.keywords, 'Hello, Ada!!!');
    assert.deepEqual(out.params, ['name', 'intensity']);
    assert.match(out.chat_final, /\*\*hi\*\*/);
    assert.ok(out.chat_chunks >= 8, `${out.chat_chunks} streamed outputs`);
    assert.equal(out.image_magic, '89504e470d0a1a0a', 'the downloaded result is a PNG');
    assert.match(out.error, /Please upload an image first/);
    assert.equal(out.cancelled, true);
    assert.equal(out.after_cancel, 'step 1/1 done');
    assert.ok(out.after_cancel_s < 5, `next job took ${out.after_cancel_s} s after the cancel (a 50-step job takes 10 s)`);
  });
});
