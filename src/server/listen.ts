import type { Server } from 'node:http';
import type { Express } from 'express';

/** Starts `app` on `host:port` (port 0: a free one) and resolves with the server and its base URL. */
export async function listen(app: Express, options: { port?: number; host?: string } = {}): Promise<{ server: Server; url: string }> {
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(options.port ?? 7860, host, () => resolve(s));
    s.on('error', reject);
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : options.port;
  return { server, url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/` };
}
