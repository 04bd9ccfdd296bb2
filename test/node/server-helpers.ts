// Shared helpers of the server tests: start an app on a free port, post JSON, read SSE streams.
import type { Server } from 'node:http';
import express from 'express';
import type { App } from '../../src/server/index.js';

export interface Running {
  /** Base URL without trailing slash, e.g. http://127.0.0.1:41234 (or …/sub when mounted). */
  url: string;
  close(): Promise<void>;
}

/** Serves one app on 127.0.0.1:0, optionally under a sub-path. */
export async function serve(app: App, mount = ''): Promise<Running> {
  const server = express();
  server.use(mount || '/', app.router());
  const http = await new Promise<Server>((resolve) => {
    const s = server.listen(0, '127.0.0.1', () => resolve(s));
  });
  const port = (http.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}${mount}`,
    async close() {
      http.closeAllConnections();
      await new Promise<void>((r) => http.close(() => r()));
      await app.close();
    },
  };
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any; headers: Headers }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: res.status, json, headers: res.headers };
}

export interface SseEvent {
  event: string | null;
  data: string;
}

/** Reads an SSE response until it ends or `until(event)` says stop; returns the events seen. */
export async function readSse(url: string, until?: (e: SseEvent, all: SseEvent[]) => boolean, signal?: AbortSignal): Promise<{ events: SseEvent[]; headers: Headers; status: number }> {
  const ctl = new AbortController();
  signal?.addEventListener('abort', () => ctl.abort());
  const events: SseEvent[] = [];
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: 'text/event-stream' }, signal: ctl.signal });
  } catch (err) {
    if (ctl.signal.aborted) return { events, headers: new Headers(), status: 0 };
    throw err;
  }
  const decoder = new TextDecoder();
  let buf = '';
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buf += decoder.decode(chunk, { stream: true });
      let i: number;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const e: SseEvent = { event: null, data: '' };
        for (const line of block.split('\n')) {
          if (line.startsWith('event: ')) e.event = line.slice(7);
          else if (line.startsWith('data: ')) e.data += line.slice(6);
        }
        events.push(e);
        if (until?.(e, events)) {
          ctl.abort();
          return { events, headers: res.headers, status: res.status };
        }
      }
    }
  } catch (err) {
    if (!ctl.signal.aborted) throw err;
  }
  return { events, headers: res.headers, status: res.status };
}

/** The parsed `data:` messages of a queue/data stream. */
export const messages = (events: SseEvent[]) => events.map((e) => JSON.parse(e.data) as Record<string, any>);

/** Joins the queue and reads the session stream to its close_stream. */
export async function runQueued(base: string, fnIndex: number, data: unknown[], session = Math.random().toString(36).slice(2)) {
  const join = await postJson(`${base}/gradio_api/queue/join`, { data, fn_index: fnIndex, session_hash: session });
  if (join.status !== 200) throw new Error(`join failed ${join.status}: ${JSON.stringify(join.json)}`);
  const { events, headers } = await readSse(`${base}/gradio_api/queue/data?session_hash=${session}`);
  return { eventId: join.json.event_id as string, msgs: messages(events), headers, session };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
