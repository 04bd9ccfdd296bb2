import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(repo, 'bin/ml-elements.js');

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: repo });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts `ml-elements serve …` and resolves with the URL it prints. */
function serve(args: string[]): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [bin, 'serve', ...args, '--port', '0'], { cwd: repo });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 20_000);
    const read = (d: Buffer) => {
      output += d;
      const url = output.match(/at (http:\/\/\S+\/)/)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url, output: () => output });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

async function config(url: string): Promise<{ title: string; components: { props: { label?: string } }[] }> {
  const res = await fetch(new URL('config', url));
  assert.equal(res.status, 200);
  return res.json();
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await fn().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('ml-elements --help documents serve, --port and --reload', async () => {
  const { code, stdout } = await run(['--help']);
  assert.equal(code, 0);
  assert.match(stdout, /Usage: ml-elements serve <app\.ts>/);
  assert.match(stdout, /--port/);
  assert.match(stdout, /--reload/);
});

test('a wrong command or a missing file exits 2 with the usage', async () => {
  const wrong = await run(['deploy', 'x.ts']);
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /unknown command "deploy"/);
  assert.match(wrong.stderr, /Usage:/);
  const missing = await run(['serve']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /serve needs one app file/);
  const port = await run(['serve', 'demo/apps/hello.ts', '--port', 'abc']);
  assert.equal(port.code, 2);
  assert.match(port.stderr, /--port must be a whole number/);
});

test('a file that exports no app exits 1 and says what to export', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ml-cli-'));
  try {
    writeFileSync(join(dir, 'nothing.ts'), 'export const answer: number = 42;\n');
    const { code, stderr } = await run(['serve', join(dir, 'nothing.ts'), '--port', '0']);
    assert.equal(code, 1);
    assert.match(stderr, /export an Interface, Blocks or ChatInterface/);
    assert.match(stderr, /Exports found: answer/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('serve demo/apps/hello.ts answers the app config and runs greet', async () => {
  const { child, url } = await serve(['demo/apps/hello.ts']);
  try {
    const cfg = await config(url);
    assert.equal(cfg.title, 'Hello');
    const { connect } = await import('../../src/client/index.js');
    const app = await connect(url);
    assert.deepEqual(await app.predict('/greet', { name: 'Ada', intensity: 1 }), ['Hello, Ada!']);
    app.close();
  } finally {
    child.kill();
  }
});

test('--reload: editing a copied app file changes the served config without restarting', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ml-cli-'));
  const file = join(dir, 'hello.ts');
  // The copy imports the server by its absolute path, as an app outside this repo would import ml-elements/server.
  const source = readFileSync(join(repo, 'demo/apps/hello.ts'), 'utf8').replace(/from '[./]+src\/server\/index\.js'/, `from '${join(repo, 'src/server/index.ts')}'`);
  writeFileSync(file, source);
  writeFileSync(join(dir, 'limits.ts'), readFileSync(join(repo, 'demo/apps/limits.ts')));
  const { child, url, output } = await serve([file, '--reload']);
  try {
    assert.equal((await config(url)).title, 'Hello');
    const labels = (c: Awaited<ReturnType<typeof config>>) => c.components.map((x) => x.props.label);
    assert.ok(labels(await config(url)).includes('Name'));

    writeFileSync(file, source.replace("title: 'Hello'", "title: 'Hello, reloaded'").replace("label: 'Name'", "label: 'Your name'"));
    const changed = await until('the new config', async () => {
      const c = await config(url);
      return c.title === 'Hello, reloaded' ? c : undefined;
    });
    assert.ok(labels(changed).includes('Your name'));
    assert.equal(child.exitCode, null, 'the same process still serves');

    // A broken save keeps the last good version serving and says why.
    writeFileSync(file, source.replace("title: 'Hello'", "title: 'Hello' +"));
    await until('the reload error', async () => (/did not reload/.test(output()) ? true : undefined));
    assert.equal((await config(url)).title, 'Hello, reloaded');

    writeFileSync(file, source.replace("title: 'Hello'", "title: 'Fixed'"));
    await until('the fixed config', async () => ((await config(url)).title === 'Fixed' ? true : undefined));
    assert.equal(child.exitCode, null);

    // A local file the app imports is watched too.
    writeFileSync(join(dir, 'limits.ts'), 'export const MAX_FILE_SIZE = 1234;\n');
    await until('the new upload limit', async () => ((await config(url)) as { max_file_size?: number }).max_file_size === 1234 ? true : undefined);
    assert.equal(child.exitCode, null);
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--reload also works for an app in a "type": "module" package, imported files included', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ml-cli-'));
  const file = join(dir, 'hello.ts');
  const source = readFileSync(join(repo, 'demo/apps/hello.ts'), 'utf8').replace(/from '[./]+src\/server\/index\.js'/, `from '${join(repo, 'src/server/index.ts')}'`);
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(file, source);
  writeFileSync(join(dir, 'limits.ts'), readFileSync(join(repo, 'demo/apps/limits.ts')));
  const { child, url } = await serve([file, '--reload']);
  try {
    assert.equal((await config(url)).title, 'Hello');
    writeFileSync(file, source.replace("title: 'Hello'", "title: 'ESM reloaded'"));
    await until('the new title', async () => ((await config(url)).title === 'ESM reloaded' ? true : undefined));
    writeFileSync(join(dir, 'limits.ts'), 'export const MAX_FILE_SIZE = 4321;\n');
    await until('the new upload limit', async () => (((await config(url)) as { max_file_size?: number }).max_file_size === 4321 ? true : undefined));
    assert.equal(child.exitCode, null);
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});
