// Browser tests in Debian's Chromium against a real demo server on 127.0.0.1 (another origin than the test page).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { a11ySnapshotPlugin } from '@web/test-runner-commands/plugins';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const here = fileURLToPath(new URL('.', import.meta.url));
const appPort = Number(process.env.ML_TEST_PORT ?? 7879);
const appOrigin = `http://127.0.0.1:${appPort}`;

/** Starts the demo server (all demo apps) as a child process for the whole run. */
function demoServer() {
  let child;
  return {
    name: 'demo-server',
    async serverStart() {
      child = spawn(process.execPath, ['--import', 'tsx', 'demo/main.ts'], {
        cwd: here,
        env: { ...process.env, PORT: String(appPort), HOST: '127.0.0.1', ML_QUIET: '1' },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      const deadline = Date.now() + 30_000;
      for (;;) {
        try {
          const res = await fetch(`${appOrigin}/hello/config`);
          if (res.ok) break;
        } catch {}
        if (Date.now() > deadline) throw new Error(`demo server did not start on ${appOrigin}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async serverStop() {
      child?.kill('SIGTERM');
    },
  };
}

/**
 * Test command `ml-choose-file` {selector, press?, files: [{name, base64}]}: clicks `selector` (puppeteer selector,
 * `>>>` pierces shadow roots) or presses `press` on the focused element, and picks the files in the real file chooser.
 */
function chooseFilePlugin() {
  const dirs = [];
  return {
    name: 'ml-choose-file',
    async serverStop() {
      await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
    },
    async executeCommand({ command, payload, session }) {
      if (command !== 'ml-choose-file') return undefined;
      const page = session.browser.getPage(session.id);
      const dir = await mkdtemp(join(tmpdir(), 'ml-choose-'));
      dirs.push(dir); // kept until the run ends: Chromium reads a chosen file from disk when the page reads it
      const paths = [];
      for (const f of payload.files) {
        const p = join(dir, f.name);
        await writeFile(p, Buffer.from(f.base64, 'base64'));
        paths.push(p);
      }
      const chooser = page.waitForFileChooser({ timeout: 5000 });
      // Let the interception switch on first: a key press is fast enough to beat it and open an unseen dialog.
      await new Promise((r) => setTimeout(r, 100));
      await (payload.press ? page.keyboard.press(payload.press) : page.click(payload.selector));
      await (await chooser).accept(paths);
      return true;
    },
  };
}

/**
 * A scripted Gradio 6-style app at /__scripted/lost/ on the test page's own origin: one Echo button whose session
 * stream (`queue/data`) reports the job started, then ends without close_stream, and answers 503 to every reconnect
 * (a connection lost for good). `POST /__scripted/lost/__mode` with body `drop` or `work` switches it; in `work`
 * mode the stream completes each pending job with "echo: <input>".
 */
function lostConnectionApp() {
  const base = '/__scripted/lost';
  let mode = 'drop';
  const pending = new Map(); // event_id -> input text, not yet reported by a stream
  const started = new Set(); // event ids whose stream already dropped (in drop mode)
  let ids = 0;
  const read = (req) => new Promise((resolve) => { let b = ''; req.on('data', (c) => (b += c)); req.on('end', () => resolve(b)); });
  const textbox = (id, label) => ({ id, type: 'textbox', props: { label, value: '', lines: 1, show_label: true, interactive: true, visible: true }, skip_api: false, api_info: { type: 'string' } });
  const config = (root) => ({
    version: '6.0.0', mode: 'blocks', protocol: 'sse_v3', api_prefix: '/gradio_api', root, enable_queue: true, title: 'Lost',
    components: [
      textbox(1, 'Input'), textbox(2, 'Output'),
      { id: 3, type: 'button', props: { value: 'Echo', variant: 'primary', visible: true, interactive: true }, skip_api: true },
      { id: 0, type: 'column', props: { visible: true }, skip_api: true },
    ],
    layout: { id: 0, children: [{ id: 1 }, { id: 2 }, { id: 3 }] },
    dependencies: [{ id: 0, targets: [[3, 'click']], inputs: [1], outputs: [2], api_name: 'echo', queue: null, backend_fn: true, js: null, show_progress: 'full', trigger_mode: 'once', types: { generator: false, cancel: false }, show_api: true }],
  });
  const param = (label) => ({ label, parameter_name: 'text', parameter_has_default: false, parameter_default: null, type: { type: 'string' }, python_type: { type: 'str', description: '' }, component: 'Textbox', example_input: 'Hello!!' });
  const echo = { parameters: [param('Input')], returns: [{ label: 'Output', type: { type: 'string' }, python_type: { type: 'str', description: '' }, component: 'Textbox' }], show_api: true };
  const sse = (msgs) => msgs.map((m) => `data: ${JSON.stringify(m)}\n\n`).join('');
  return async (ctx, next) => {
    if (!ctx.path.startsWith(base + '/')) return next();
    const route = ctx.path.slice(base.length);
    if (route === '/config') ctx.body = config(`${ctx.origin}${base}`);
    else if (route === '/gradio_api/info') ctx.body = { named_endpoints: { '/echo': echo }, unnamed_endpoints: {} };
    else if (route === '/__mode' && ctx.method === 'POST') (mode = (await read(ctx.req)).trim()), pending.clear(), started.clear(), (ctx.body = { mode });
    else if (route === '/gradio_api/queue/join' && ctx.method === 'POST') {
      const body = JSON.parse((await read(ctx.req)) || '{}');
      const id = `lost-${++ids}`;
      pending.set(id, String(body.data?.[0] ?? ''));
      ctx.body = { event_id: id };
    } else if (route === '/gradio_api/queue/data') {
      const fresh = [...pending.keys()].filter((id) => !started.has(id));
      if (mode === 'drop' && !fresh.length) (ctx.status = 503), (ctx.body = { detail: 'Service Unavailable' });
      else {
        const msgs = [];
        for (const id of fresh) {
          msgs.push({ msg: 'estimation', event_id: id, rank: 0, queue_size: 1, rank_eta: 0.1 }, { msg: 'process_starts', event_id: id, eta: 0.1 });
          if (mode === 'drop') started.add(id);
          else {
            msgs.push({ msg: 'process_completed', event_id: id, output: { data: [`echo: ${pending.get(id)}`], is_generating: false, duration: 0.01, average_duration: 0.01 }, success: true, title: null });
            pending.delete(id);
          }
        }
        if (mode !== 'drop') msgs.push({ msg: 'close_stream', event_id: null });
        ctx.type = 'text/event-stream';
        ctx.set('Cache-Control', 'no-cache');
        ctx.body = sse(msgs); // ends right after: in drop mode without close_stream, so the client sees a drop
      }
    } else if (route === '/gradio_api/cancel' || route === '/gradio_api/reset') ctx.body = { success: true };
    else (ctx.status = 404), (ctx.body = { detail: 'Not Found' });
  };
}

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: true,
  middleware: [lostConnectionApp()],
  concurrency: 1,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 20_000 } },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
          '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      },
    }),
  ],
  plugins: [esbuildPlugin({ ts: true, tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }), demoServer(), chooseFilePlugin(), a11ySnapshotPlugin()],
  testRunnerHtml: (testFramework) => `<!doctype html><html><head>
    <script>window.ML_APP_ORIGIN = ${JSON.stringify(appOrigin)};</script>
    </head><body><script type="module" src="${testFramework}"></script></body></html>`,
};
