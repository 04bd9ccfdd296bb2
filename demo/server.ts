// The demo server: every demo app under its own path, the demo pages at `/`, the built bundle at `/dist/`.
import { fileURLToPath } from 'node:url';
import express from 'express';
import { cors, listen, type App } from '../src/server/index.js';
import { chatApp } from './apps/chat.js';
import { helloApp } from './apps/hello.js';
import { imageApp } from './apps/image.js';
import { mediaApp } from './apps/media.js';
import { progressApp } from './apps/progress.js';
import { showcaseApp } from './apps/showcase.js';

export interface DemoServer {
  /** Base URL with a trailing slash, e.g. `http://127.0.0.1:7860/`. */
  url: string;
  apps: Record<string, App>;
  close(): Promise<void>;
}

export async function startDemoServer(options: { port?: number; host?: string } = {}): Promise<DemoServer> {
  const apps: Record<string, App> = {
    hello: helloApp(),
    chat: chatApp(),
    image: imageApp(),
    progress: progressApp(),
    showcase: showcaseApp(),
    media: mediaApp(),
  };
  const server = express();
  server.disable('x-powered-by');
  // Pages and the bundle are loaded from other origins by the browser tests.
  server.use(cors());
  for (const [name, app] of Object.entries(apps)) {
    // A browser opening an app root gets the page that embeds it; API clients never ask for HTML there.
    server.get([`/${name}`, `/${name}/`], (req, res, next) => {
      if (!req.accepts('html') || !(req.headers.accept ?? '').includes('text/html')) return next();
      res.redirect(302, `/app.html?src=/${name}/`);
    });
    server.use(`/${name}`, app.router());
  }
  // Mounted even before the first build, so a page works as soon as `npm run build` has run.
  server.use('/dist', express.static(fileURLToPath(new URL('../dist/', import.meta.url))));
  server.use(express.static(fileURLToPath(new URL('./pages/', import.meta.url))));
  server.use((req, res) => void res.status(404).json({ detail: `No route ${req.method} ${req.path}.` }));

  const { server: http, url } = await listen(server, options);
  return {
    url,
    apps,
    async close() {
      await Promise.all(Object.values(apps).map((a) => a.close()));
      http.closeAllConnections();
      await new Promise<void>((r) => http.close(() => r()));
    },
  };
}
