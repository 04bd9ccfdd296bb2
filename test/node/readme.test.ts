// Every code block in README.md runs here, against the real demo server and a real Chromium.
// A block's info string says how it is exercised: ```sh setup, ```sh serve, ```ts app, ```ts client,
// ```html embed, ```js script, ```css theme. Expected output is written in the block as `// → value`
// (a client or script's console.log lines, in order) or `// Try it: predict(args) → [values]` (an app).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execSync, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { serve } from '../../src/cli/main.js';
import { connect } from '../../src/client/index.js';
import { startDemoServer, type DemoServer } from '../../demo/server.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const readme = readFileSync(join(repo, 'README.md'), 'utf8');
const KINDS = ['sh setup', 'sh serve', 'ts app', 'ts client', 'html embed', 'js script', 'css theme'];
const DOC_ORIGIN = 'http://127.0.0.1:7860';
const CDN = 'https://cdn.jsdelivr.net/npm/ml-elements/dist/ml-elements.js';

interface Block {
  kind: string;
  code: string;
  line: number;
}

const blocks: Block[] = [...readme.matchAll(/^```(.*)\n([\s\S]*?)^```$/gm)].map((m) => ({
  kind: m[1].trim(),
  code: m[2],
  line: readme.slice(0, m.index).split('\n').length,
}));
const of = (kind: string) => blocks.filter((b) => b.kind === kind);

let demo: DemoServer;
let origin: string;
let browser: Browser;
let dir: string;

before(async () => {
  demo = await startDemoServer({ port: 0 });
  origin = demo.url.replace(/\/$/, '');
  dir = mkdtempSync(join(tmpdir(), 'ml-readme-'));
});

after(async () => {
  await browser?.close();
  await demo?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Imports of the published package names point at this checkout's sources. */
function local(code: string): string {
  return code.replace(/from '(ml-elements\/(server|client|client\/node|protocol))'/g, (_, __, sub: string) => {
    const file = { server: 'src/server/index.ts', client: 'src/client/index.ts', 'client/node': 'src/client/node.ts', protocol: 'src/protocol/index.ts' }[sub]!;
    return `from '${join(repo, file)}'`;
  });
}

/** `// → value` comments, in order. */
const expectations = (code: string) => [...code.matchAll(/\/\/ → (.*)$/gm)].map((m) => m[1].trim());

/** A console.log that prints strings as they are and everything else as JSON, so outputs compare with `// →`. */
const PRINT = `console.log = (...a) => process.stdout.write(a.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(' ') + '\\n');\n`;

test('every code block says how it is exercised', () => {
  assert.ok(blocks.length > 10);
  for (const b of blocks) assert.ok(KINDS.includes(b.kind), `README.md:${b.line}: block "${b.kind}" is not one of ${KINDS.join(', ')}`);
  for (const kind of KINDS) assert.ok(of(kind).length > 0, `a ${kind} block`);
});

test('the two set-up commands come first, exactly as the issue asks, and name real scripts', () => {
  assert.equal(blocks[0].kind, 'sh setup');
  assert.deepEqual(blocks[0].code.trim().split('\n'), ['npm install && npm start', 'npm test']);
  const before = readme.slice(0, readme.indexOf('```'));
  assert.ok(before.split('\n').length < 8, 'nothing long before the commands');
  const scripts = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).scripts as Record<string, string>;
  assert.match(scripts.test, /^node scripts\/find-chromium\.mjs && npm run typecheck && npm run test:node && npm run test:browser/);
  assert.match(scripts['test:browser'], /npm run build/);
  assert.match(scripts.start, /npm run build && node --import tsx demo\/main\.ts/);
  for (const [, name] of readme.matchAll(/`npm run (\w[\w:-]*)/g)) assert.ok(scripts[name], `npm run ${name} exists`);
});

test('npm start builds and serves the demo site and the apps', async () => {
  const port = await freePort();
  const child = spawn('npm', ['start'], { cwd: repo, env: { ...process.env, PORT: String(port), ML_QUIET: '1' }, detached: true, stdio: 'ignore' });
  try {
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 180_000;
    for (;;) {
      const ok = await fetch(`${base}/hello/config`).then((r) => r.ok, () => false);
      if (ok) break;
      assert.equal(child.exitCode, null, 'npm start exited');
      assert.ok(Date.now() < deadline, 'npm start did not serve within 3 minutes');
      await new Promise((r) => setTimeout(r, 500));
    }
    for (const path of ['/', '/blog.html', '/dist/ml-elements.js', '/chat/config', '/image/config']) {
      assert.equal((await fetch(base + path)).status, 200, path);
    }
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
  }
});

for (const [i, block] of of('ts app').entries()) {
  test(`README app example ${i + 1} (line ${block.line}) serves and answers its "Try it" calls`, async () => {
    const file = join(dir, `app${i}.ts`);
    writeFileSync(file, local(block.code));
    const serving = await serve(file, { port: 0, host: '127.0.0.1', reload: false, log: () => {} });
    try {
      const app = await connect(serving.url);
      const tries = [...block.code.matchAll(/\/\/ Try it: predict\((.*)\) → (.*)$/gm)];
      assert.ok(tries.length > 0, 'the example says what to expect');
      for (const [, args, expected] of tries) {
        const call = new Function(`return [${args}]`)() as [string, Record<string, unknown>];
        const error = expected.match(/^error "(.*)"$/)?.[1];
        if (error) await assert.rejects(app.predict(...call), (e: Error) => e.message === error);
        else assert.deepEqual(await app.predict(...call), JSON.parse(expected));
      }
      app.close();
    } finally {
      await serving.close();
    }
  });
}

test('the README serve command serves the first app example (with --reload on)', async () => {
  const [block] = of('sh serve');
  const args = block.code.trim().replace(/^npx ml-elements /, '').split(/\s+/);
  assert.deepEqual(args.slice(0, 2), ['serve', 'app.ts']);
  writeFileSync(join(dir, 'app.ts'), local(of('ts app')[0].code));
  const cli = args.map((a) => (a === 'app.ts' ? join(dir, 'app.ts') : a === '7860' ? '0' : a));
  const child = spawn(process.execPath, [join(repo, 'bin/ml-elements.js'), ...cli], { cwd: dir });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const m = out.match(/at (http:\/\/\S+\/) \(reloading on change\)/);
        if (m) resolve(m[1]);
      });
      child.on('exit', () => reject(new Error(out)));
    });
    const config = await (await fetch(url + 'config')).json();
    assert.equal(config.title, 'Hello');
  } finally {
    child.kill();
  }
});

for (const [i, block] of of('ts client').entries()) {
  test(`README client example ${i + 1} (line ${block.line}) prints what it says`, async () => {
    const file = join(dir, `client${i}.mts`);
    writeFileSync(file, PRINT + local(block.code).replaceAll(DOC_ORIGIN, origin));
    // Asynchronously: the demo server it calls runs in this process.
    const { stdout: out } = await promisify(execFile)(process.execPath, ['--import', 'tsx', file], { cwd: repo, encoding: 'utf8', timeout: 60_000 });
    const want = expectations(block.code);
    assert.ok(want.length > 0, 'the example says what it prints');
    assert.deepEqual(out.trim().split('\n'), want);
  });
}

// ---- In Chromium ------------------------------------------------------------------------------------------

interface Loaded {
  page: Page;
  problems: string[];
  /** console.log lines, in order. */
  logs: string[];
}

/** Serves `html` as a page of the demo site (as a reader would copy it into theirs) and records what goes wrong. */
async function load(html: string): Promise<Loaded> {
  browser ??= await puppeteer.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-sync'],
  });
  const page = await browser.newPage();
  const problems: string[] = [];
  const logs: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warn') problems.push(`console.${m.type()}: ${m.text()}`);
    if (m.type() === 'log') logs.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`uncaught: ${(e as Error).message}`));
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('ml-error', (e) => console.error(`ml-error ${(e as Event & { code: string }).code}: ${(e as Event & { message: string }).message}`));
  });
  const url = `${origin}/readme-example.html`;
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>README example</title></head><body>${html
    .replaceAll(CDN, '/dist/ml-elements.js')
    .replaceAll(DOC_ORIGIN, origin)}</body></html>`;
  await page.setRequestInterception(true);
  page.on('request', (r) => (r.url() === url ? void r.respond({ status: 200, contentType: 'text/html', body }) : void r.continue()));
  await page.goto(url, { waitUntil: 'load' });
  return { page, problems, logs };
}

/** Waits until every ml-* tag on the page is defined and each app/endpoint has loaded its config. */
async function ready(page: Page): Promise<void> {
  await page.waitForFunction(() => [...document.querySelectorAll('*')].every((e) => !e.localName.startsWith('ml-') || customElements.get(e.localName)), { timeout: 15_000 });
  await page.evaluate(() =>
    Promise.all(
      [...document.querySelectorAll('ml-app, ml-endpoint')].map(
        (el) => (el as HTMLElement & { config?: unknown; client?: unknown }).client ?? new Promise((r) => el.addEventListener('ml-load', r, { once: true })),
      ),
    ),
  );
}

before(() => {
  if (!existsSync(join(repo, 'dist/ml-elements.js'))) execSync('npm run build', { cwd: repo, stdio: 'ignore' });
});

for (const [i, block] of of('html embed').entries()) {
  test(`README embed example ${i + 1} (line ${block.line}) renders in Chromium without errors`, async () => {
    assert.ok(block.code.includes(CDN), 'the example loads the published script');
    const { page, problems } = await load(block.code);
    await ready(page);
    const tags = [...new Set([...block.code.matchAll(/<(ml-[a-z-]+)/g)].map((m) => m[1]))];
    for (const tag of tags) assert.ok(await page.$(tag), `${tag} is on the page`);
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test('README page scripts, in a page with the first embed, print what they say', async () => {
  for (const block of of('js script')) {
    const want = expectations(block.code);
    const { page, problems, logs } = await load(`${of('html embed')[0].code}\n<script type="module">${block.code}</script>`);
    const deadline = Date.now() + 15_000;
    while (logs.length < want.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(logs, want, `README.md:${block.line}`);
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('README theme tokens reach the elements', async () => {
  const [block] = of('css theme');
  const selector = block.code.trim().split(/\s*\{/)[0];
  const text = block.code.match(/--ml-color-text:\s*([^;]+);/)![1];
  const { page, problems } = await load(`<style>${block.code}</style><${selector}>${of('html embed')[0].code}</${selector}>`);
  await ready(page);
  const [color, expected] = await page.evaluate((t) => {
    const probe = document.createElement('span');
    probe.style.color = t;
    document.body.append(probe);
    return [getComputedStyle(document.querySelector('ml-app')!).color, getComputedStyle(probe).color];
  }, text);
  assert.equal(color, expected);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the README documents every attribute, event and part of the four named elements', () => {
  execSync('npx cem analyze --quiet', { cwd: repo, stdio: 'ignore' });
  const manifest = JSON.parse(readFileSync(join(repo, 'custom-elements.json'), 'utf8')) as {
    modules: { declarations?: { tagName?: string; attributes?: { name: string; description?: string }[]; events?: { name?: string; description?: string }[]; cssParts?: { name: string }[] }[] }[];
  };
  const missing: string[] = [];
  const named = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => ['ml-app', 'ml-chatbot', 'ml-image', 'ml-endpoint'].includes(d.tagName ?? ''));
  assert.equal(named.length, 4);
  for (const d of named) {
    // The analyzer also lists a few non-events it guesses from `new XEvent(code, …)`; those have no description.
    const names = [
      ...(d.attributes ?? []).map((a) => a.name),
      ...(d.events ?? []).filter((e) => e.name && e.description).map((e) => e.name!),
      ...(d.cssParts ?? []).map((p) => p.name),
    ];
    for (const name of names) if (!readme.includes(`\`${name}\``) && !readme.includes(`\`${name},`) && !readme.includes(`, ${name}\``)) missing.push(`${d.tagName} ${name}`);
  }
  assert.deepEqual(missing, []);
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
