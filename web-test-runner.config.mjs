// Browser tests in Debian's Chromium against a real demo server on 127.0.0.1 (another origin than the test page).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';

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
  plugins: [esbuildPlugin({ ts: true, tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }), demoServer()],
  testRunnerHtml: (testFramework) => `<!doctype html><html><head>
    <script>window.ML_APP_ORIGIN = ${JSON.stringify(appOrigin)};</script>
    </head><body><script type="module" src="${testFramework}"></script></body></html>`,
};
