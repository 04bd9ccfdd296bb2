// `ml-elements serve app.ts [--port] [--host] [--reload]`: serves a TypeScript app file whose default export is an
// Interface, Blocks or ChatInterface. With --reload the file is re-imported when it (or a local file it imports)
// changes and the new router replaces the old one in the running server: no restart, open pages keep working.
import { createServer, type Server } from 'node:http';
import { unwatchFile, watchFile } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { RequestHandler } from 'express';

export const HELP = `Usage: ml-elements serve <app.ts> [options]

Serves an app file whose default export is an Interface, Blocks or ChatInterface
(from ml-elements/server) at http://<host>:<port>/.

Options:
  --port <n>     port to listen on (default: $PORT or 7860; 0 picks a free port)
  --host <name>  interface to listen on (default: 127.0.0.1; 0.0.0.0 for every interface)
  --reload       re-import the app when its file, or a local file it imports, changes,
                 without restarting the server
  -h, --help     show this help
  -v, --version  print the version

Example:
  ml-elements serve demo/apps/hello.ts --port 7860 --reload
`;

/** What the CLI needs from an app: a router to mount, and optionally a way to stop its queue. */
interface ServableApp {
  router(): RequestHandler;
  close?(): unknown;
}

interface Loaded {
  app: ServableApp;
  handler: RequestHandler;
  /** Local files the app imported (outside node_modules), to watch. */
  files: Set<string>;
}

/** Imports an app file afresh (a new URL each time defeats the module cache) and checks its default export. */
export async function loadApp(file: string, generation = 0): Promise<Loaded> {
  const { tsImport } = await import('tsx/esm/api');
  const { createRequire } = await import('node:module');
  const required = createRequire(import.meta.url).cache;
  // A reload must re-read the app's own CommonJS-compiled files too (ES modules get a fresh URL below).
  if (generation) for (const key of Object.keys(required)) if (!key.includes('/node_modules/')) delete required[key];
  const files = new Set<string>([file]);
  const url = pathToFileURL(file).href + (generation ? `?reload=${generation}` : '');
  const mod = (await tsImport(url, {
    parentURL: import.meta.url,
    onImport: (imported: string) => {
      if (imported.startsWith('file:') && !imported.includes('/node_modules/')) files.add(fileURLToPath(imported.replace(/\?.*$/, '')));
    },
  })) as Record<string, unknown>;
  // Files compiled as CommonJS are required, not imported: they show up in the require cache instead.
  for (const key of Object.keys(required)) {
    const path = key.replace(/\?.*$/, '');
    if (!path.includes('/node_modules/') && isAbsolute(path)) files.add(path);
  }
  const app = await pickApp(mod);
  if (!app) {
    const names = Object.keys(unwrap(mod)).join(', ') || 'none';
    throw new Error(
      `${file}: export an Interface, Blocks or ChatInterface from ml-elements/server as the default export ` +
        `(or a function returning one, e.g. \`export function helloApp()\`). Exports found: ${names}.`,
    );
  }
  return { app, handler: app.router(), files };
}

const isApp = (x: unknown): x is ServableApp => typeof (x as Partial<ServableApp> | null)?.router === 'function';

/** A file outside a `"type": "module"` package is compiled as CommonJS: its exports object comes as the default. */
function unwrap(mod: Record<string, unknown>): Record<string, unknown> {
  const inner = mod.default as Record<string, unknown> | undefined;
  const cjs = inner && typeof inner === 'object' && !isApp(inner) && Object.keys(mod).every((k) => k === 'default' || k in inner);
  return cjs ? inner : mod;
}

/** The default export (an app, or a function making one), else the one named export that is or makes an app. */
async function pickApp(mod: Record<string, unknown>): Promise<ServableApp | null> {
  const exports = unwrap(mod);
  const make = async (x: unknown) => (isApp(x) ? x : typeof x === 'function' && x.length === 0 ? await (x as () => unknown)() : null);
  if (exports.default !== undefined) {
    const app = await make(exports.default);
    return isApp(app) ? app : null;
  }
  const named = Object.entries(exports);
  const apps = named.filter(([, v]) => isApp(v));
  if (apps.length === 1) return apps[0][1] as ServableApp;
  const factories = named.filter(([k, v]) => typeof v === 'function' && /App$/.test(k));
  if (factories.length === 1) {
    const app = await make(factories[0][1]);
    return isApp(app) ? app : null;
  }
  return null;
}

export interface Serving {
  server: Server;
  url: string;
  /** Resolves after the next successful reload (for tests and tools). */
  reloaded(): Promise<void>;
  close(): Promise<void>;
}

export async function serve(file: string, options: { port: number; host: string; reload: boolean; log?: (line: string) => void }): Promise<Serving> {
  const log = options.log ?? ((line: string) => console.log(line));
  const path = resolve(file);
  let current = await loadApp(path);
  let generation = 0;
  let waiters: (() => void)[] = [];
  const express = (await import('express')).default;
  const web = express();
  web.disable('x-powered-by');
  // The one indirection that lets a reload swap the whole app under a running server.
  web.use((req, res, next) => current.handler(req, res, next));
  const server = createServer(web);
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port, options.host, () => ok());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}/`;
  log(`ml-elements: serving ${file} at ${url}${options.reload ? ' (reloading on change)' : ''}`);

  const watched = new Set<string>();
  const reload = async () => {
    const next = ++generation;
    try {
      const loaded = await loadApp(path, next);
      if (next !== generation) return;
      const old = current;
      current = loaded;
      watch(loaded.files);
      log(`ml-elements: reloaded ${file}`);
      await old.app.close?.();
      for (const w of waiters) w();
      waiters = [];
    } catch (e) {
      // Keep serving the last good version; the next save tries again.
      log(`ml-elements: ${file} did not reload: ${(e as Error).message}`);
    }
  };
  const onChange = (now: { mtimeMs: number }, before: { mtimeMs: number }) => {
    if (now.mtimeMs !== before.mtimeMs) void reload();
  };
  const watch = (files: Set<string>) => {
    for (const f of files) {
      if (watched.has(f)) continue;
      watched.add(f);
      // Polling stat survives editors that save by renaming a new file over the old one.
      watchFile(f, { interval: 150 }, onChange);
    }
  };
  if (options.reload) watch(current.files);

  return {
    server,
    url,
    reloaded: () => new Promise<void>((r) => waiters.push(r)),
    close: async () => {
      for (const f of watched) unwatchFile(f, onChange);
      await current.app.close?.();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** Runs the CLI; resolves with the process exit code, or never while serving. */
export async function main(argv: string[], out: (line: string) => void = (l) => console.log(l)): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        reload: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (e) {
    console.error(`ml-elements: ${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out(HELP);
    return 0;
  }
  if (values.version) {
    const { readFile } = await import('node:fs/promises');
    out(JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')).version);
    return 0;
  }
  const [command, file, ...extra] = positionals;
  if (command !== 'serve' || !file || extra.length) {
    console.error(`ml-elements: ${command && command !== 'serve' ? `unknown command "${command}"` : command ? 'serve needs one app file' : 'no command given'}\n\n${HELP}`);
    return 2;
  }
  const port = Number(values.port ?? process.env.PORT ?? 7860);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`ml-elements: --port must be a whole number from 0 to 65535, got "${values.port}".`);
    return 2;
  }
  try {
    const serving = await serve(file, { port, host: values.host!, reload: values.reload!, log: out });
    const stop = () => void serving.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return await new Promise<number>(() => {});
  } catch (e) {
    console.error(`ml-elements: ${(e as Error).message}`);
    return 1;
  }
}
