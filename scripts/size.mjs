// `npm run size`: raw and gzip size of every file in dist/, plus what a page really downloads for a few cases,
// checked against budgets (gzip bytes). `--json` prints `{"<bundle>": {"raw": n, "gzip": n}}` on one line.
// Budgets can be overridden with `--budget <file.json>` or the env ML_SIZE_BUDGETS (a JSON object or a path):
// `{"<bundle>": <max gzip bytes>}`, where "<bundle>" is a row name below or "media chunk"/"any chunk".
// Exit code 1 when a budget is exceeded.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const args = process.argv.slice(2);
const json = args.includes('--json');

const KB = 1024;
const budgets = {
  // issue 3: the client alone
  'client.js': 8 * KB,
  // issue 4: the drop-in plus every chunk it loads to render the /hello/ demo app
  '/hello/ in <ml-app>': 40 * KB,
  // issue 6: the standalone chatbot bundle (dist/ml-chatbot.js and everything it imports statically)
  'ml-chatbot.js + imports': 45 * KB,
  // and what a page really loads to hold a conversation with markdown and code: the bundle plus the lazily loaded
  // maintained parser (marked, ~15 KB) and highlighter (highlight.js core + one grammar, ~9 KB)
  '<ml-chatbot> alone, chatting': 60 * KB,
  // issue 5: each media component's own chunk
  'media chunk': 12 * KB,
  // the drop-in's own entry: a registry and an autoloader, nothing more
  'ml-elements.js': 4 * KB,
  ...overrides(),
};

function overrides() {
  const at = args.indexOf('--budget');
  const source = at >= 0 ? args[at + 1] : process.env.ML_SIZE_BUDGETS;
  if (!source) return {};
  try {
    return JSON.parse(source.trim().startsWith('{') ? source : readFileSync(source, 'utf8'));
  } catch (e) {
    console.error(`size: cannot read budgets from ${source}: ${e.message}`);
    process.exit(2);
  }
}

if (!existsSync(join(dist, 'meta.json'))) {
  console.error('size: dist/ is not built; run `npm run build` first (`npm run size` does).');
  process.exit(2);
}
const meta = JSON.parse(readFileSync(join(dist, 'meta.json'), 'utf8'));

const measure = (file) => {
  const bytes = readFileSync(file);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : name.endsWith('.js') ? [path] : [];
  });
}

/** dist-relative name → {raw, gzip} */
const sizes = Object.fromEntries(files(dist).map((f) => [relative(dist, f), measure(f)]).sort(([a], [b]) => (a.startsWith('chunks/') - b.startsWith('chunks/')) || a.localeCompare(b)));

/** A file and everything it imports statically: what loading it costs before any lazy import. */
function closure(start, seen = new Set()) {
  for (const file of [start].flat()) {
    if (seen.has(file) || !meta[file]) continue;
    seen.add(file);
    closure(meta[file].imports, seen);
  }
  return seen;
}
const sum = (set) =>
  [...set].reduce((t, f) => ({ raw: t.raw + sizes[f].raw, gzip: t.gzip + sizes[f].gzip, files: t.files + 1 }), { raw: 0, gzip: 0, files: 0 });
const chunkOf = (module) => Object.keys(meta).find((f) => meta[f].modules.includes(module));

const rows = { ...sizes };
const notes = [];
for (const entry of ['ml-app.js', 'ml-chatbot.js', 'ml-image.js', 'ml-endpoint.js']) {
  if (meta[entry]) rows[`${entry} + imports`] = sum(closure(entry));
}

// The /hello/ app rendered by the drop-in: every script Chromium fetches from dist/ until it has rendered (lazy chunks
// included). Without a browser, an estimate: the static closure of the entry, <ml-app> and each component type's chunk.
const loaded = await loadInChromium();
const hello = loaded.hello ?? { error: loaded.error };
if (loaded.chat) rows['<ml-chatbot> alone, chatting'] = sum(new Set(loaded.chat));
else notes.push(`<ml-chatbot> not measured in a browser: ${loaded.error}`);
if (hello.files) {
  rows['/hello/ in <ml-app>'] = sum(new Set(hello.files));
} else if (meta['ml-elements.js']) {
  notes.push(`/hello/ measured without a browser (static estimate, lazy imports not counted): ${hello.error}`);
  const types = await helloTypes();
  const { registry } = await import(new URL('../lib/components/registry.js', import.meta.url).href);
  const set = closure('ml-elements.js');
  const needed = ['lib/components/app/app.js'];
  for (const type of types) {
    const path = registry[type]?.load.toString().match(/import\(["'](.+?)["']\)/)?.[1];
    if (path) needed.push(join('lib/components', path));
  }
  for (const module of needed) {
    const chunk = chunkOf(module);
    if (chunk) closure(chunk, set);
  }
  rows['/hello/ in <ml-app>'] = sum(set);
}

// issue 3 asks for the ratio to @gradio/client's browser build, measured in this run.
const gradioBrowser = join(root, 'node_modules/@gradio/client/dist/browser.js');
if (existsSync(gradioBrowser)) rows['@gradio/client browser.js (reference)'] = measure(gradioBrowser);

/**
 * Runs the demo server (this checkout's dist/ at /dist/) and two pages in Chromium, recording every dist/ script they
 * fetch: the drop-in rendering /hello/, and dist/ml-chatbot.js alone holding one exchange with /chat/.
 */
async function loadInChromium() {
  const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chrome)) return { error: `no Chromium at ${chrome}` };
  const { tsImport } = await import('tsx/esm/api');
  const { startDemoServer } = await tsImport(new URL('../demo/server.ts', import.meta.url).href, import.meta.url);
  const demo = await startDemoServer({ port: 0 });
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({ executablePath: chrome, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'] });
  const open = async (name, body) => {
    const page = await browser.newPage();
    const files = [];
    page.on('response', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/dist/') && path.endsWith('.js')) files.push(path.slice('/dist/'.length));
    });
    const url = `${demo.url}size-${name}.html`;
    await page.setRequestInterception(true);
    page.on('request', (r) => (r.url() === url ? void r.respond({ contentType: 'text/html', body: `<!doctype html>${body}` }) : void r.continue()));
    await page.evaluateOnNewDocument(() => {
      for (const type of ['ml-render', 'ml-message']) document.addEventListener(type, () => (window[type] = (window[type] ?? 0) + 1));
    });
    await page.goto(url);
    return { page, files: () => [...new Set(files)].filter((f) => sizes[f]) };
  };
  try {
    const hello = await open('hello', '<script type="module" src="/dist/ml-elements.js"></script><ml-app src="/hello/" eager></ml-app>');
    await hello.page.waitForFunction(() => window['ml-render'] >= 1, { timeout: 30_000 });
    await hello.page.waitForNetworkIdle({ idleTime: 300 });

    const chat = await open('chat', '<script type="module" src="/dist/ml-chatbot.js"></script><ml-chatbot src="/chat/" api-name="/chat"></ml-chatbot>');
    const box = await chat.page.waitForSelector('ml-chatbot >>> textarea', { timeout: 30_000 });
    await box.type('hello');
    await chat.page.keyboard.press('Enter');
    // The user's message and the finished reply.
    await chat.page.waitForFunction(() => window['ml-message'] >= 2, { timeout: 30_000 });
    await chat.page.waitForNetworkIdle({ idleTime: 300 });
    return { hello: { files: hello.files() }, chat: chat.files() };
  } catch (e) {
    return { error: e.message };
  } finally {
    await browser.close();
    await demo.close();
  }
}

/** The component types of demo/apps/hello.ts, from its config. */
async function helloTypes() {
  const { tsImport } = await import('tsx/esm/api');
  const { helloApp } = await tsImport(new URL('../demo/apps/hello.ts', import.meta.url).href, import.meta.url);
  const app = helloApp();
  try {
    return [...new Set(app.config('http://localhost/').components.map((c) => c.type))];
  } finally {
    await app.close();
  }
}

// Budgets: named rows, plus per-chunk rules.
const MEDIA = /^lib\/components\/(image|audio|video|file|gallery|annotatedimage|uploadbutton|downloadbutton)\//;
const over = [];
const limits = {};
for (const [name, row] of Object.entries(rows)) {
  const rules = [name];
  if (name.startsWith('chunks/')) {
    rules.push('any chunk');
    if (meta[name]?.modules.some((m) => MEDIA.test(m))) rules.push('media chunk');
  }
  for (const rule of rules) {
    const limit = budgets[rule];
    if (limit === undefined) continue;
    limits[name] = Math.min(limits[name] ?? Infinity, limit);
    if (row.gzip > limit) over.push(`${name}: ${row.gzip} B gzip is over the "${rule}" budget of ${limit} B`);
  }
}
for (const rule of Object.keys(budgets)) {
  if (!(rule in rows) && rule !== 'media chunk' && rule !== 'any chunk') notes.push(`budget "${rule}" matches no bundle (not built yet?)`);
}

if (json) {
  const out = {};
  for (const [name, { raw, gzip, files }] of Object.entries(rows)) {
    out[name] = { raw, gzip, ...(limits[name] ? { budget: limits[name] } : {}), ...(files ? { files } : {}) };
  }
  const gradio = rows['@gradio/client browser.js (reference)'];
  if (out['client.js'] && gradio) out['client.js'].ratioToGradioClient = Number((out['client.js'].gzip / gradio.gzip).toFixed(3));
  console.log(JSON.stringify(out));
} else {
  const kb = (n) => (n / KB).toFixed(1).padStart(7);
  const width = Math.max(...Object.keys(rows).map((n) => n.length));
  console.log(`${'bundle'.padEnd(width)}  raw KB  gzip KB  budget KB`);
  for (const [name, row] of Object.entries(rows)) {
    const limit = limits[name];
    const mark = limit ? `${kb(limit)}${row.gzip > limit ? '  OVER' : ''}` : '';
    console.log(`${name.padEnd(width)} ${kb(row.raw)} ${kb(row.gzip)}  ${mark}${row.files > 1 ? `  (${row.files} files)` : ''}`);
  }
  const client = rows['client.js'];
  const gradio = rows['@gradio/client browser.js (reference)'];
  if (client && gradio) console.log(`\nclient vs @gradio/client browser build (gzip): ${(client.gzip / gradio.gzip).toFixed(2)}x (${client.gzip} / ${gradio.gzip} B)`);
  console.log('gzip level 9. A "+ imports" row is the file plus every chunk it imports statically.');
  console.log('"/hello/ in <ml-app>": every script Chromium fetched from dist/ to render /hello/ with the drop-in.');
  console.log('"<ml-chatbot> alone, chatting": every script a page with only dist/ml-chatbot.js fetched to send one message and show the reply.');
}
for (const note of notes) console.error(`size: ${note}`);
for (const line of over) console.error(`size: OVER BUDGET ${line}`);
process.exit(over.length ? 1 : 0);
