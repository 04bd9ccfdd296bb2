// `npm run bench -- chat`: streams a 20,000-token markdown reply token by token into <ml-chatbot> in Chromium and
// prints the main-thread cost per update for the first and the last 1,000 tokens. Target: last ≤ 2× first.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import puppeteer, { type CDPSession } from 'puppeteer-core';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TOKENS = 20_000;
const WINDOW = 1_000;

/** A long, varied reply (headings, paragraphs with inline marks, lists, code, tables) cut into ~4-char tokens. */
export function replyTokens(count = TOKENS): string[] {
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const words = ['model', 'token', 'stream', 'answer', 'layer', 'vector', 'the', 'a', 'of', 'and', 'gradient', 'attention',
    'batch', 'inference', 'prompt', 'context', 'window', 'result', 'value', 'function', 'returns', 'quickly', 'data'];
  const sentence = () => {
    const n = 6 + Math.floor(rand() * 12);
    const ws = Array.from({ length: n }, () => pick(words));
    if (rand() < 0.3) ws[1] = `**${ws[1]}**`;
    if (rand() < 0.2) ws[3] = `\`${ws[3]}()\``;
    if (rand() < 0.15) ws[5] = `*${ws[5]}*`;
    if (rand() < 0.1) ws[4] = `[${ws[4]}](https://example.com/${ws[4]})`;
    return ws.join(' ').replace(/^./, (c) => c.toUpperCase()) + '.';
  };
  const blocks: string[] = [];
  let size = 0;
  while (size < count * 5) {
    const r = rand();
    let b: string;
    if (r < 0.1) b = `## ${sentence().slice(0, 40)}`;
    else if (r < 0.55) b = Array.from({ length: 2 + Math.floor(rand() * 4) }, sentence).join(' ');
    else if (r < 0.75) b = Array.from({ length: 3 + Math.floor(rand() * 4) }, () => `- ${sentence()}`).join('\n');
    else if (r < 0.9) {
      const lines = Array.from({ length: 4 + Math.floor(rand() * 8) }, (_, i) => `    ${pick(words)}_${i} = ${pick(words)}(${Math.floor(rand() * 100)})  # ${pick(words)}`);
      b = ['```python', `def ${pick(words)}(x):`, ...lines, '    return x', '```'].join('\n');
    } else b = ['| name | value | note |', '|---|---|---|', ...Array.from({ length: 3 + Math.floor(rand() * 4) }, () => `| ${pick(words)} | ${Math.floor(rand() * 1000)} | ${pick(words)} ${pick(words)} |`)].join('\n');
    blocks.push(b);
    size += b.length + 2;
  }
  const text = blocks.join('\n\n');
  return (text.match(/\s*[^\s]{1,4}/g) ?? []).slice(0, count);
}

/** Bundles the element (with its lazy markdown chunk) into `dir`, as a page would load it. */
async function bundle(dir: string): Promise<void> {
  await build({
    entryPoints: [join(ROOT, 'components/chatbot/chatbot.ts'), join(ROOT, 'components/shared/markdown.ts')],
    bundle: true,
    splitting: true,
    entryNames: '[name]',
    format: 'esm',
    minify: true,
    outdir: dir,
    tsconfig: join(ROOT, 'tsconfig.json'),
    logLevel: 'error',
    // Production Lit, as pages get it.
    conditions: ['production'],
  });
}

/** Serves `dir` (the bundle and a page) on a free port of 127.0.0.1. */
async function serve(dir: string): Promise<{ url: string; close: () => void }> {
  const server = createServer((req, res) => {
    const path = join(dir, normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, ''));
    try {
      const body = readFileSync(path.endsWith('/') ? join(path, 'index.html') : path);
      res.writeHead(200, { 'content-type': path.endsWith('.js') ? 'text/javascript' : 'text/html' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}

interface Window_ {
  feed(from: number, to: number): Promise<number[]>;
}

const PAGE_SCRIPT = (tokens: string[]) => `
  const tokens = ${JSON.stringify(tokens)};
  const el = document.querySelector('ml-chatbot');
  const user = { role: 'user', content: 'Write a long answer.' };
  let text = '';
  // Time spent in each Lit update of the element (render, incremental markdown, DOM, scroll-follow with layout).
  let updateMs = 0;
  const perform = el.performUpdate.bind(el);
  el.performUpdate = function () { const t = performance.now(); const r = perform(); updateMs += performance.now() - t; return r; };
  window.feed = async (from, to) => {
    const per = [];
    for (let i = from; i < to; i++) {
      text += tokens[i];
      updateMs = 0;
      el.value = [user, { role: 'assistant', content: text }];
      await el.updateComplete;
      per.push(updateMs);
    }
    return per;
  };
  // For comparison: what a renderer that re-parses and re-sanitises the whole reply on every token costs.
  window.naive = async (from, to) => {
    const { renderMarkdown } = await import('./markdown.js');
    const box = document.createElement('div');
    box.style.cssText = 'height:600px;overflow:auto';
    document.body.append(box);
    const per = [];
    let t = tokens.slice(0, from).join('');
    for (let i = from; i < to; i++) {
      t += tokens[i];
      const a = performance.now();
      box.innerHTML = renderMarkdown(t);
      box.scrollTop = box.scrollHeight;
      per.push(performance.now() - a);
      await new Promise(requestAnimationFrame);
    }
    box.remove();
    return per;
  };
  window.warmup = async (n) => {
    const w = document.createElement('ml-chatbot');
    document.body.append(w);
    let t = '';
    for (let i = 0; i < n; i++) { t += tokens[i]; w.value = [user, { role: 'assistant', content: t }]; await w.updateComplete; }
    // measure only once the markdown chunk has loaded and rendered
    while (!w.shadowRoot.querySelector('.md p')) { w.value = [user, { role: 'assistant', content: t += ' ' }]; await w.updateComplete; }
    w.remove();
  };
`;

async function taskMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
}

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** Main-thread CPU time (ms) of the page's renderer in a trace: top-level tasks' thread time, immune to preemption. */
function mainThreadCpuMs(trace: Uint8Array): number {
  const json = JSON.parse(new TextDecoder().decode(trace)) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(json) ? json : json.traceEvents;
  const main = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`);
  let us = 0;
  for (const e of events) if (e.ph === 'X' && e.name === 'RunTask' && main.includes(`${e.pid}:${e.tid}`)) us += e.tdur ?? e.dur ?? 0;
  return us / 1000;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export default async function chatStream(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ml-chat-bench-'));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    protocolTimeout: 0,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-frame-rate-limit', '--disable-gpu-vsync',
      '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  let server: { url: string; close: () => void } | null = null;
  try {
    await bundle(dir);
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html><body style="margin:0"><ml-chatbot style="--ml-chatbot-height:600px"></ml-chatbot><script type="module" src="chatbot.js"></script></body></html>');
    server = await serve(dir);
    const tokens = replyTokens();
    const page = await browser.newPage();
    await page.setViewport({ width: 1000, height: 800 });
    await page.goto(server.url);
    await page.waitForFunction(() => !!customElements.get('ml-chatbot'));
    await page.addScriptTag({ content: PAGE_SCRIPT(tokens) });
    const cdp = await page.createCDPSession();
    await cdp.send('Performance.enable');
    await page.evaluate((n) => (window as unknown as { warmup(n: number): Promise<void> }).warmup(n), 3000);

    const feed = (from: number, to: number) => page.evaluate((a, b) => (window as unknown as Window_).feed(a, b), from, to);
    const traced = async (from: number, to: number) => {
      await page.tracing.start({ categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
      const t = await taskMs(cdp);
      const per = await feed(from, to);
      const wall = (await taskMs(cdp)) - t;
      const cpu = mainThreadCpuMs((await page.tracing.stop())!);
      return { per, wall, cpu };
    };
    const first = await traced(0, WINDOW);
    await feed(WINDOW, TOKENS - WINDOW);
    const last = await traced(TOKENS - WINDOW, TOKENS);
    const chars = await page.evaluate(() => document.querySelector('ml-chatbot')!.shadowRoot!.querySelector('.bubble[data-index="1"]')!.textContent!.length);

    const trimmed = (xs: number[]) => mean([...xs].sort((a, b) => a - b).slice(0, Math.floor(xs.length * 0.95)));
    const row = (label: string, a: number, b: number, digits = 3) =>
      console.log(`  ${label.padEnd(44)} first ${a.toFixed(digits)} ms   last ${b.toFixed(digits)} ms   ratio ${(b / a).toFixed(2)}`);
    console.log(`reply: ${TOKENS} tokens, ${tokens.join('').length} chars of markdown (${chars} chars rendered); one update per token, one frame each`);
    console.log(`per update, first vs last ${WINDOW} tokens (target: last ≤ 2× first):`);
    row('main-thread CPU time (trace, all work)', first.cpu / WINDOW, last.cpu / WINDOW);
    row('main-thread busy time (CDP TaskDuration)', first.wall / WINDOW, last.wall / WINDOW);
    row('element update, median', median(first.per), median(last.per));
    row('element update, mean of fastest 95%', trimmed(first.per), trimmed(last.per));
    const naive = (from: number, to: number) => page.evaluate((a, b) => (window as unknown as { naive(a: number, b: number): Promise<number[]> }).naive(a, b), from, to);
    const [nFirst, nLast] = [await naive(0, WINDOW), await naive(TOKENS - WINDOW, TOKENS)];
    console.log('for comparison, re-rendering the whole reply per token (renderMarkdown + innerHTML):');
    row('update, median', median(nFirst), median(nLast));
  } finally {
    server?.close();
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
