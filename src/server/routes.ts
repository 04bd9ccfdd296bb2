// HTTP routes of the Gradio-compatible protocol (PROTOCOL.md §10), one router per app.
import { randomBytes } from 'node:crypto';
import Busboy from 'busboy';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { QueueMessage } from '../protocol/index.js';
import type { App } from './blocks.js';
import { HttpError } from './errors.js';

/** Every API route lives under this prefix (Gradio ≥ 5). */
export const API_PREFIX = '/gradio_api';
const P = API_PREFIX;
const HEARTBEAT_MS = Number(process.env.ML_HEARTBEAT_MS ?? 15_000);

export interface CorsOptions {
  /** Allowed origins: '*' (default), a list, or a predicate. */
  origins?: '*' | string[] | ((origin: string) => boolean);
  /** Send `Access-Control-Allow-Credentials: true` (cookies from other origins). */
  credentials?: boolean;
}

/** CORS middleware: reflects allowed origins and answers preflights with the requested headers. */
export function cors(options: CorsOptions = {}) {
  const allowed = (origin: string) =>
    !options.origins || options.origins === '*' ? true : Array.isArray(options.origins) ? options.origins.includes(origin) : options.origins(origin);
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = req.headers.origin;
    // Always: a browser that cached a response fetched without Origin (an <img>) must not reuse it for a CORS fetch.
    res.vary('Origin');
    if (origin && allowed(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      if (options.credentials) res.setHeader('Access-Control-Allow-Credentials', 'true');
      if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
        res.setHeader('Access-Control-Allow-Methods', 'DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT');
        const h = req.headers['access-control-request-headers'];
        if (h) res.setHeader('Access-Control-Allow-Headers', h);
        res.setHeader('Access-Control-Max-Age', '600');
        res.status(204).end();
        return;
      }
    }
    next();
  };
}

const first = (h: string | string[] | undefined) => (Array.isArray(h) ? h[0] : h)?.split(',')[0]?.trim() || undefined;

/** Public base URL of the app for this request: honours rootPath, X-Forwarded-Host/Proto and the mount path. */
export function rootUrl(req: Request, rootPath?: string): string {
  if (rootPath && /^https?:\/\//i.test(rootPath)) return rootPath.replace(/\/+$/, '');
  const fwdHost = first(req.headers['x-forwarded-host']);
  const proto = first(req.headers['x-forwarded-proto']) === 'https' ? 'https' : fwdHost ? 'http' : req.protocol;
  const host = fwdHost ?? req.headers.host ?? 'localhost';
  const path = rootPath ?? req.baseUrl;
  return `${proto}://${host}${path}`.replace(/\/+$/, '');
}

function headersOf(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'cookie' && k !== 'authorization') out[k] = v;
  return out;
}

function body(req: Request): Record<string, unknown> {
  const b = req.body as unknown;
  if (b === undefined) throw new HttpError(400, 'Missing JSON body.');
  if (b === null || typeof b !== 'object' || Array.isArray(b)) throw new HttpError(400, 'The request body must be a JSON object.');
  return b as Record<string, unknown>;
}

function sessionOf(b: Record<string, unknown>): string {
  const s = b.session_hash;
  if (typeof s !== 'string' || !s) throw new HttpError(400, 'Session hash not found: send "session_hash" (any string identifying this user session).');
  if (s.length > 256) throw new HttpError(400, '"session_hash" is too long (256 characters at most).');
  return s;
}

/** Starts an SSE response: no buffering anywhere on the way. */
function openSse(res: Response): void {
  // A write racing a client disconnect must never become an uncaught 'error' event.
  res.on('error', () => {});
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  res.socket?.setNoDelay(true);
}

// JSON bodies whatever the Content-Type (curl users often omit it); parse errors become 400 in the error handler.
const json = express.json({ type: () => true, limit: '20mb' });

/** The whole app: config and API info here, then one router per concern, then JSON 404s and errors. */
export function createRouter(app: App): express.Router {
  const router = express.Router();
  if (app.options.cors !== false) router.use(cors(app.options.cors));
  const root = (req: Request) => rootUrl(req, app.options.rootPath);

  const config = (req: Request, res: Response) => void res.json(app.config(root(req)));
  router.get('/config', config);
  router.get(`${P}/config`, config);
  router.get(['/info', `${P}/info`], (req, res) => void res.json(app.apiInfo(req.query.all_endpoints === 'true')));
  router.get(`${P}/app_id`, (_req, res) => void res.json({ app_id: app.appId }));
  router.use(queueRoutes(app), callRoutes(app), runRoutes(app), fileRoutes(app), sessionRoutes(app));

  // Unknown API routes answer JSON; anything else falls through to whatever is mounted after us.
  router.all(`${P}/*rest`, (req) => {
    throw new HttpError(404, `No route ${req.method} ${req.baseUrl}${req.path}.`);
  });

  // Express recognises error middleware by its four parameters.
  router.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) {
      res.end();
      return;
    }
    const e = err as { status?: number; statusCode?: number; type?: string; message?: string };
    let status = err instanceof HttpError ? err.status : (e.status ?? e.statusCode ?? 500);
    let detail = e.message ?? 'Internal server error.';
    if (e.type === 'entity.parse.failed') detail = `Invalid JSON body: ${detail}`;
    else if (e.type === 'entity.too.large') detail = 'Request body too large.';
    else if (status >= 500 && !(err instanceof HttpError)) {
      if (process.env.ML_QUIET !== '1') console.error('[ml-elements]', err);
      status = 500;
      detail = 'Internal server error.';
    }
    res.status(status).json({ detail });
  });
  return router;
}

/** Queue status, join and the session stream (`queue/data`). */
function queueRoutes(app: App): express.Router {
  const router = express.Router();
  const root = (req: Request) => rootUrl(req, app.options.rootPath);
  router.get(`${P}/queue/status`, async (_req, res) => {
    res.json({ msg: 'estimation', event_id: null, rank: null, queue_size: await app.queue.size(), rank_eta: null });
  });

  router.post(`${P}/queue/join`, json, async (req, res) => {
    const b = body(req);
    const session = sessionOf(b);
    const dep = app.dependency({ fnIndex: b.fn_index });
    const data = app.checkData(dep, b.data);
    const eventId = await app.queue.enqueue(app.jobFor(dep, data, session, root(req), headersOf(req), { eventData: b.event_data }));
    res.json({ event_id: eventId });
  });

  router.get(`${P}/queue/data`, async (req, res) => {
    const session = req.query.session_hash;
    if (typeof session !== 'string' || !session) throw new HttpError(400, 'Session hash not found: add ?session_hash=<the session_hash used to join>.');
    openSse(res);
    if (!(await app.queue.hasSession(session))) {
      res.end(`data: ${JSON.stringify({ msg: 'unexpected_error', event_id: null, message: '404: Not Found', session_not_found: true, success: false })}\n\n`);
      return;
    }
    const stop = new AbortController();
    let finished = false;
    const heartbeat = setInterval(() => res.write('data: {"msg":"heartbeat","event_id":null}\n\n'), HEARTBEAT_MS);
    // A client that goes away before close_stream cancels its session's jobs.
    res.on('close', () => {
      clearInterval(heartbeat);
      if (!finished) {
        stop.abort();
        void app.queue.cancelSession(session);
        app.dropSession(session);
      }
    });
    // Messages ready in the same tick go out in one packet.
    let corked = false;
    const uncork = () => {
      corked = false;
      res.uncork();
    };
    for await (const { message } of app.queue.events(session, undefined, stop.signal)) {
      if (!corked) {
        corked = true;
        res.cork();
        process.nextTick(uncork);
      }
      res.write(`data: ${JSON.stringify(message)}\n\n`);
      if (message.msg === 'close_stream') {
        finished = true;
        break;
      }
    }
    finished = finished || !stop.signal.aborted;
    clearInterval(heartbeat);
    res.end();
  });
  return router;
}

/** `/call`: the two-step HTTP API for curl (POST starts, GET streams named events). */
function callRoutes(app: App): express.Router {
  const router = express.Router();
  const root = (req: Request) => rootUrl(req, app.options.rootPath);
  const calls = new Map<string, string>(); // event id → session of its messages
  const startCall = async (req: Request, res: Response, named: boolean) => {
    const b = body(req);
    const dep = app.dependency({ apiName: String(req.params.api_name) });
    let data: unknown = b.data;
    if (named) {
      const names = app.parameterNames(dep);
      const unknown = Object.keys(b).filter((k) => !names.includes(k) && k !== 'session_hash');
      if (unknown.length) throw new HttpError(400, `Unknown parameter${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; expected ${names.join(', ')}.`);
      const visible = dep.inputs.filter((c) => !c.skipApi);
      data = names.map((n, i) => (n in b ? b[n] : (visible[i].props.value ?? null)));
    }
    const checked = app.checkData(dep, data);
    const eventId = randomBytes(16).toString('hex');
    const stateKey = typeof b.session_hash === 'string' && b.session_hash ? b.session_hash : eventId;
    calls.set(eventId, eventId);
    try {
      await app.queue.enqueue(app.jobFor(dep, checked, eventId, root(req), headersOf(req), { eventId, stateKey, simple: true }));
    } catch (err) {
      calls.delete(eventId);
      throw err;
    }
    // Unfetched results are dropped after a while, as the queue forgets idle sessions.
    setTimeout(() => calls.delete(eventId), 10 * 60_000).unref();
    res.json({ event_id: eventId });
  };
  router.post([`${P}/call/v2/:api_name`, `${P}/call/v2/:api_name/`], json, (req, res) => startCall(req, res, true));
  router.post([`${P}/call/:api_name`, `${P}/call/:api_name/`], json, (req, res) => startCall(req, res, false));
  const streamCall = async (req: Request, res: Response) => {
    const eventId = String(req.params.event_id);
    const session = calls.get(eventId);
    openSse(res);
    if (!session || !(await app.queue.hasSession(session))) {
      res.end('event: error\ndata: "404: Not Found"\n\n');
      return;
    }
    calls.delete(eventId);
    const stop = new AbortController();
    let done = false;
    const heartbeat = setInterval(() => res.write('event: heartbeat\ndata: null\n\n'), HEARTBEAT_MS);
    res.on('close', () => {
      stop.abort();
      clearInterval(heartbeat);
      if (!done) void app.queue.cancelSession(session);
    });
    for await (const { message } of app.queue.events(session, undefined, stop.signal)) {
      const m = message as QueueMessage & { output?: { data?: unknown; error?: unknown }; success?: boolean };
      if (m.msg === 'process_generating') res.write(`event: generating\ndata: ${JSON.stringify(m.output?.data ?? null)}\n\n`);
      else if (m.msg === 'process_completed') {
        done = true;
        res.write(m.success ? `event: complete\ndata: ${JSON.stringify(m.output?.data ?? null)}\n\n` : `event: error\ndata: ${JSON.stringify(m.output?.error ?? null)}\n\n`);
        break;
      } else if (m.msg === 'unexpected_error') {
        done = true;
        res.write(`event: error\ndata: ${JSON.stringify(m.message)}\n\n`);
        break;
      }
    }
    clearInterval(heartbeat);
    res.end();
    void app.queue.cancelSession(session);
    if (session === eventId) app.dropSession(session);
  };
  router.get([`${P}/call/:api_name/:event_id`, `${P}/call/v2/:api_name/:event_id`], streamCall);
  return router;
}

/** `/run`: direct, non-queued calls. */
function runRoutes(app: App): express.Router {
  const router = express.Router();
  const root = (req: Request) => rootUrl(req, app.options.rootPath);
  router.post([`${P}/run/:api_name`, `${P}/run/:api_name/`, `${P}/api/:api_name`, `${P}/api/:api_name/`], json, async (req, res) => {
    const b = body(req);
    const dep = b.fn_index !== undefined && b.fn_index !== null ? app.dependency({ fnIndex: b.fn_index }) : app.dependency({ apiName: String(req.params.api_name) });
    const data = app.checkData(dep, b.data);
    const session = typeof b.session_hash === 'string' && b.session_hash ? b.session_hash : randomBytes(8).toString('hex');
    const job = { ...app.jobFor(dep, data, session, root(req), headersOf(req), { simple: true, eventData: b.event_data }), eventId: randomBytes(16).toString('hex') };
    const abort = new AbortController();
    res.on('close', () => abort.abort(new Error('disconnected')));
    let final: Record<string, unknown> | null = null;
    await app.run(job, { signal: abort.signal, emit: (m) => void (m.msg === 'process_completed' && (final = m)) });
    if (res.writableEnded || abort.signal.aborted) return;
    const f = final as { success?: boolean; output?: unknown } | null;
    if (!f) throw new HttpError(500, 'The function ended without a result.');
    res.status(f.success ? 200 : 500).json(f.output);
  });
  return router;
}

/** Uploads and `file=` downloads. */
function fileRoutes(app: App): express.Router {
  const router = express.Router();
  router.post(`${P}/upload`, (req, res) => upload(app, req, res));
  router.use(async (req, res, next) => {
    const prefix = `${P}/file=`;
    if (!req.path.startsWith(prefix) || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    let requested: string;
    try {
      requested = decodeURIComponent(req.path.slice(prefix.length));
    } catch {
      throw new HttpError(400, 'Malformed percent-encoding in the file path.');
    }
    await app.files.serve(req, res, requested);
  });
  return router;
}

/** Cancel, reset and the heartbeat stream. */
function sessionRoutes(app: App): express.Router {
  const router = express.Router();
  router.post(`${P}/cancel`, json, async (req, res) => {
    const b = body(req);
    if (typeof b.event_id !== 'string' || !b.event_id) throw new HttpError(400, 'Send "event_id" (and "session_hash", "fn_index") of the job to cancel.');
    await app.queue.cancel(b.event_id);
    res.json({ success: true });
  });
  router.post(`${P}/reset`, json, (req, res) => {
    const b = body(req);
    if (typeof b.event_id !== 'string') throw new HttpError(400, 'Send "event_id" of the job to reset.');
    res.json({ success: true });
  });
  router.get(`${P}/heartbeat/:session_hash`, (req, res) => {
    const session = String(req.params.session_hash);
    openSse(res);
    res.write('data: ALIVE\n\n');
    const t = setInterval(() => res.write('data: ALIVE\n\n'), HEARTBEAT_MS);
    const publicRoot = rootUrl(req, app.options.rootPath);
    res.on('close', () => {
      clearInterval(t);
      void app.endSession(session, publicRoot).catch(() => {});
    });
  });
  return router;
}


/** `POST {P}/upload`: multipart field `files`, one path per file; 413 past the app's limit. */
function upload(app: App, req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    const type = req.headers['content-type'] ?? '';
    if (!type.startsWith('multipart/form-data')) return reject(new HttpError(400, 'Invalid content type: send multipart/form-data with the files in the "files" field.'));
    const max = app.files.maxFileSize;
    let bb: ReturnType<typeof Busboy>;
    try {
      bb = Busboy({ headers: req.headers, limits: { files: 1000, fields: 1000, ...(max != null ? { fileSize: max } : {}) } });
    } catch (err) {
      return reject(new HttpError(400, `Malformed multipart request: ${(err as Error).message}`));
    }
    const saves: Promise<string>[] = [];
    let failure: HttpError | null = null;
    bb.on('file', (field, stream, info) => {
      if (field !== 'files') {
        stream.resume();
        return;
      }
      // busboy truncates the part and keeps reading the request; the partial file is deleted at the end.
      stream.on('limit', () => {
        failure ??= new HttpError(413, `File size exceeded maximum allowed size of ${max} bytes.`);
      });
      const saved = app.files.saveUpload(stream, info.filename ?? null);
      saved.catch(() => {});
      saves.push(saved);
    });
    bb.on('error', (err: Error) => {
      failure ??= new HttpError(400, `Malformed multipart request: ${err.message}`);
      req.unpipe(bb);
      req.resume();
      reject(failure);
    });
    bb.on('close', async () => {
      const results = await Promise.allSettled(saves);
      if (failure) {
        // Nothing of a refused upload stays on disk.
        await Promise.all(results.map((r) => (r.status === 'fulfilled' ? import('node:fs/promises').then((f) => f.rm(r.value.replace(/\/[^/]+$/, ''), { recursive: true, force: true })) : null)));
        return reject(failure);
      }
      const bad = results.find((r) => r.status === 'rejected');
      if (bad) return reject(new HttpError(400, `Upload failed: ${(bad as PromiseRejectedResult).reason?.message ?? 'unknown error'}`));
      if (!results.length) return reject(new HttpError(400, 'No files received: send them in the multipart field "files".'));
      res.json(results.map((r) => (r as PromiseFulfilledResult<string>).value));
      resolve();
    });
    req.pipe(bb);
  });
}
