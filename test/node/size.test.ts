import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));
type Sizes = Record<string, { raw: number; gzip: number; budget?: number; files?: number }>;

/** The JSON is the last line of stdout (npm prints its own banner lines first). */
const parse = (stdout: string): Sizes => JSON.parse(stdout.trim().split('\n').at(-1)!);

const jsFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? jsFiles(join(dir, n)) : n.endsWith('.js') ? [join(dir, n)] : []));

function size(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['scripts/size.mjs', ...args], { cwd: repo, encoding: 'utf8', env: { ...process.env, ...env } });
}

test('npm run size -- --json builds and prints every bundle and chunk with raw and gzip bytes', () => {
  const res = spawnSync('npm', ['run', 'size', '--', '--json'], { cwd: repo, encoding: 'utf8', timeout: 180_000 });
  const sizes = parse(res.stdout);
  const dist = join(repo, 'dist');
  const files = jsFiles(dist).map((f) => relative(dist, f));
  for (const name of ['ml-elements.js', 'ml-app.js', 'ml-chatbot.js', 'ml-image.js', 'client.js']) assert.ok(files.includes(name), `dist/${name} is built`);
  assert.ok(files.some((f) => f.startsWith('chunks/')), 'lazy chunks are built');
  for (const file of files) {
    const row = sizes[file];
    assert.ok(row, `${file} is reported`);
    assert.equal(row.raw, statSync(join(dist, file)).size, `${file} raw bytes`);
    assert.ok(row.gzip > 0 && row.gzip < row.raw + 64, `${file} gzip bytes`);
  }
  for (const name of ['ml-chatbot.js + imports', '@gradio/client browser.js (reference)']) assert.ok(sizes[name], `${name} is reported`);
  assert.equal(sizes['client.js'].budget, 8 * 1024, 'the client has its 8 KB budget');
  const gradio = sizes['@gradio/client browser.js (reference)'];
  assert.equal((sizes['client.js'] as { ratioToGradioClient?: number }).ratioToGradioClient, Number((sizes['client.js'].gzip / gradio.gzip).toFixed(3)));
  const hello = sizes['/hello/ in <ml-app>'] as { gzip: number; budget: number; files: number };
  assert.equal(hello.budget, 40 * 1024, 'rendering /hello/ has its 40 KB budget');
  assert.ok(hello.files >= 5, 'it counts the entry, <ml-app> and the chunks of the components /hello/ uses');
  const chat = sizes['<ml-chatbot> alone, chatting'] as { gzip: number; budget: number; files: number };
  assert.equal(sizes['ml-chatbot.js + imports'].budget, 45 * 1024, 'the standalone chatbot bundle has its 45 KB budget');
  assert.equal(chat.budget, 60 * 1024, 'a whole conversation, lazy markdown and highlighting included, has 60 KB');
  assert.ok(chat.gzip >= sizes['ml-chatbot.js'].gzip, 'it counts at least the chatbot bundle');
  // The exit status follows the budgets: 0 when every reported size is within its budget.
  const over = Object.entries(sizes).filter(([, r]) => r.budget !== undefined && r.gzip > r.budget);
  assert.equal(res.status, over.length ? 1 : 0, res.stderr);
});

test('a bundle over its budget fails the command and is named (budget from the environment)', () => {
  const res = size(['--json'], { ML_SIZE_BUDGETS: JSON.stringify({ 'ml-elements.js': 100 }) });
  assert.equal(res.status, 1);
  assert.match(res.stderr, /OVER BUDGET ml-elements\.js: \d+ B gzip is over the "ml-elements\.js" budget of 100 B/);
  assert.equal(parse(res.stdout)['ml-elements.js'].budget, 100);
});

test('budgets from a --budget file apply to every chunk; generous budgets pass', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ml-size-'));
  try {
    const tight = join(dir, 'tight.json');
    writeFileSync(tight, JSON.stringify({ 'any chunk': 10 }));
    const fail = size(['--budget', tight]);
    assert.equal(fail.status, 1);
    assert.match(fail.stderr, /OVER BUDGET chunks\/\S+\.js: \d+ B gzip is over the "any chunk" budget of 10 B/);
    assert.match(fail.stdout, /OVER/, 'the table marks it too');

    const loose = join(dir, 'loose.json');
    const big = 100 * 1024 * 1024;
    const all = Object.keys(parse(size(['--json']).stdout));
    writeFileSync(loose, JSON.stringify(Object.fromEntries([...all, 'media chunk', 'any chunk'].map((k) => [k, big]))));
    const pass = size(['--budget', loose]);
    assert.equal(pass.status, 0, pass.stderr);
    assert.match(pass.stdout, /ml-elements\.js/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
