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

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: true,
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
