// connect() and Client: one app, one session, one multiplexed queue/data stream opened on demand.
import { createParser } from 'eventsource-parser';
import { applyDiff, isDiffOps } from '../protocol/diff.js';
import { joinUrl, mapFiles } from '../protocol/files.js';
import { describeApi, describeEndpoint, type ApiDescription, type ApiEndpointDescription } from '../protocol/api-info.js';
import {
  FILE_DATA_TYPE,
  type ApiInfo,
  type AppConfig,
  type DependencyConfig,
  type FileData,
  type OutputData,
  type OutputError,
  type QueueMessage,
} from '../protocol/types.js';
import { cancelled, ClientError, responseError, toClientError } from './errors.js';
import { replaceUploads, toBlob, type Uploadable } from './files.js';
import { JobState, type Job } from './job.js';
import { resolveBase } from './space.js';

export interface ConnectOptions {
  /** Hugging Face token (private Spaces): sent as `Authorization: Bearer`. */
  token?: string;
  headers?: Record<string, string>;
  fetch?: typeof fetch;
  /** Default `same-origin`. */
  credentials?: RequestCredentials;
  sessionHash?: string;
  /** Aborts connecting; aborting later closes the client. */
  signal?: AbortSignal;
  /** Milliseconds without a byte on the session stream before it counts as dropped. Default 45000. */
  heartbeatTimeout?: number;
  /** Reconnect attempts of a dropped session stream before pending jobs fail with `connection_lost`. Default 3. */
  reconnects?: number;
}

export interface SubmitOptions {
  signal?: AbortSignal;
  eventData?: unknown;
  triggerId?: number | null;
  /** Data aligned 1:1 with `dependency.inputs` and values with `dependency.outputs`, State slots included. */
  raw?: boolean;
}

export interface UploadOptions {
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
}

type Data = unknown[] | Record<string, unknown>;
type Output = Partial<OutputData & OutputError>;

const STREAMING = ['sse_v1', 'sse_v2', 'sse_v2.1', 'sse_v3'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Fetches `{base}/config` and `/info` and returns a ready Client. Rejects with a ClientError. */
export async function connect(ref: string, options: ConnectOptions = {}): Promise<Client> {
  const f = options.fetch ?? fetch.bind(globalThis);
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  const init = { headers, credentials: options.credentials ?? 'same-origin', signal: options.signal };
  const base = await resolveBase(ref, f, headers, options.signal).catch((e) => {
    throw toClientError(e);
  });
  const url = base + '/config';
  let res: Response;
  try {
    res = await f(url, init);
  } catch (e) {
    throw toClientError(e, url);
  }
  if (!res.ok) {
    const err = await responseError(res, `Loading the app config from ${url}`);
    if (err.code === 'unauthorized') err.message += ' This app is private or needs a login: pass a valid `token`.';
    throw err;
  }
  let config: AppConfig;
  try {
    config = await res.json();
    if (!Array.isArray(config?.dependencies)) throw 0;
  } catch {
    throw new ClientError('not_found', `${url} did not answer with an app config: is ${base} a Gradio-compatible app?`);
  }
  config.components ??= [];
  config.dependencies.forEach((d, i) => (d.id ??= i));
  const root = (config.root || base).replace(/\/+$/, '');
  let info: ApiInfo | null = null;
  if (!config.auth_required) {
    try {
      const r = await f(joinUrl(root, config.api_prefix ?? '', 'info'), init);
      const j = r.ok ? await r.json() : null;
      if (j?.named_endpoints) info = j;
    } catch (e) {
      if ((e as Error)?.name === 'AbortError') throw toClientError(e);
    }
  }
  return new Client(config, root, info, options, f, headers);
}

export class Client {
  readonly config: AppConfig;
  readonly root: string;
  readonly apiPrefix: string;
  readonly apiInfo: ApiInfo | null;
  readonly sessionHash: string;
  readonly #options: ConnectOptions;
  readonly #f: typeof fetch;
  readonly #headers: Record<string, string>;
  readonly #life = new AbortController();
  /** Jobs waiting for stream messages, by event id. */
  readonly #jobs = new Map<string, { job: JobState; on: (m: QueueMessage) => void; silence?: ReturnType<typeof setTimeout> }>();
  /** Messages that arrived before their job's join answer did. */
  readonly #early = new Map<string, QueueMessage[]>();
  /** Event ids of jobs that ended locally: their late messages are dropped. */
  readonly #gone = new Set<string>();
  readonly #running = new Set<JobState>();
  #joining = 0;
  #streaming = false;

  constructor(config: AppConfig, root: string, info: ApiInfo | null, options: ConnectOptions, f: typeof fetch, headers: Record<string, string>) {
    this.config = config;
    this.root = root;
    this.apiPrefix = config.api_prefix ?? '';
    this.apiInfo = info;
    this.sessionHash = options.sessionHash ?? Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2, 6);
    this.#options = options;
    this.#f = f;
    this.#headers = headers;
    options.signal?.addEventListener('abort', () => this.close());
  }

  /** `{root}{prefix}/{path}` */
  #url(path: string): string {
    return joinUrl(this.root, this.apiPrefix, path);
  }

  /** fetch with the client's credentials and headers (token only for the app's own origin); failures become ClientErrors. */
  async #fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const own = new URL(url).origin === new URL(this.root).origin;
    try {
      return await this.#f(url, {
        credentials: this.#options.credentials ?? 'same-origin',
        ...init,
        headers: { ...(own && this.#headers), ...(init.headers as Record<string, string>) },
      });
    } catch (e) {
      throw toClientError(e, url);
    }
  }

  #request(path: string, body: unknown, signal?: AbortSignal, extra?: Record<string, string>): Promise<Response> {
    return this.#fetch(this.#url(path), { method: 'POST', headers: { 'Content-Type': 'application/json', ...extra }, body: JSON.stringify(body), signal });
  }

  /** Endpoint descriptions for a "Use via API" page. */
  viewApi(): ApiDescription {
    return describeApi(this.config, this.apiInfo);
  }

  /** Absolute URL of an output file (FileData or server path). */
  fileUrl(file: FileData | string): string {
    const f = typeof file === 'string' ? { path: file } : file;
    const url = f.url && new URL(f.url, this.root + '/').href;
    // Only http(s): a hostile app must not hand a page `javascript:` links.
    if (url && /^https?:/.test(url)) return url;
    if (/^https?:\/\//.test(f.path)) return f.path;
    return this.#url('file=' + f.path);
  }

  /** Downloads an output file; the token is only sent to the app's own origin. */
  fetchFile(file: FileData | string, init?: RequestInit): Promise<Response> {
    return this.#fetch(this.fileUrl(file), init);
  }

  /** Uploads files (one request) and returns their FileData, in order. */
  async upload(files: (Blob | Uint8Array)[], options: UploadOptions = {}): Promise<FileData[]> {
    const form = new FormData();
    const blobs = await Promise.all(files.map((x) => toBlob(x as Uploadable)));
    let total = 0;
    for (const b of blobs) {
      form.append('files', b, (b as File).name || 'blob');
      total += b.size;
    }
    const { onProgress, signal } = options;
    const url = this.#url('upload');
    onProgress?.(0, total);
    const [status, text] =
      onProgress && typeof XMLHttpRequest === 'function' && !this.#options.fetch
        ? await this.#xhr(url, form, onProgress, signal)
        : await this.#fetch(url, { method: 'POST', body: form, signal }).then(async (r) => [r.status, await r.text()] as const);
    if (status > 299) throw await responseError(new Response(text, { status }), 'Uploading files');
    let paths: unknown;
    try {
      paths = JSON.parse(text);
    } catch {}
    if (!Array.isArray(paths) || paths.length !== blobs.length) throw new ClientError('server_error', `Uploading files: unexpected answer from ${url}.`);
    onProgress?.(total, total);
    return paths.map((path: string, i) => {
      const b = blobs[i];
      const f: FileData = { path, orig_name: (b as File).name || null, meta: { _type: FILE_DATA_TYPE } };
      return f;
    });
  }

  /** XMLHttpRequest is the only browser API that reports upload progress over HTTP/1.1. */
  #xhr(url: string, form: FormData, onProgress: (l: number, t: number) => void, signal?: AbortSignal): Promise<[number, string]> {
    return new Promise((resolve, reject) => {
      const x = new XMLHttpRequest();
      x.open('POST', url);
      for (const [k, v] of Object.entries(this.#headers)) x.setRequestHeader(k, v);
      x.withCredentials = this.#options.credentials === 'include';
      x.upload.onprogress = (e) => onProgress(e.loaded, e.total);
      x.onload = () => resolve([x.status, x.responseText]);
      x.onerror = () => reject(new ClientError('network', `Could not reach ${url}.`));
      x.onabort = () => reject(cancelled('upload'));
      signal?.addEventListener('abort', () => x.abort());
      x.send(form);
    });
  }

  /** Calls an endpoint and resolves with its final values. */
  predict(endpoint: string | number, data?: Data, options: SubmitOptions = {}): Promise<unknown[]> {
    return this.#start(new JobState(), endpoint, data, options).result;
  }

  /** Calls an endpoint; the returned job is an async iterable of its events. */
  submit(endpoint: string | number, data?: Data, options: SubmitOptions = {}): Job {
    return this.#start(new JobState(), endpoint, data, options);
  }

  /** Aborts the session stream and every running job. */
  close(): void {
    this.#life.abort();
    for (const job of this.#running) job.fail(new ClientError('cancelled', 'The client was closed.'));
  }

  #dependency(endpoint: string | number): DependencyConfig {
    const byIndex = typeof endpoint === 'number';
    const name = byIndex ? '' : endpoint.replace(/^\//, '');
    const dep = this.config.dependencies.find((d) => (byIndex ? d.id === endpoint : d.api_name === name));
    if (dep && (byIndex || name)) return dep;
    const names = this.viewApi().endpoints.map((e) => `"${e.name}"`);
    throw new ClientError(
      'not_found',
      `No endpoint ${byIndex ? 'with fn index ' + endpoint : `"/${name}"`} in ${this.root}.` + (names.length ? ` Endpoints: ${names.join(', ')}.` : ''),
    );
  }

  #isState = (id: number) => this.config.components.find((c) => c.id === id)?.type === 'state';

  /** Builds the join `data`: one slot per dependency input, State slots null, defaults filled in. */
  #payload(dep: DependencyConfig, data: Data | undefined, raw: boolean | undefined): unknown[] {
    const n = dep.inputs.length;
    const api: ApiEndpointDescription = describeEndpoint(this.config, this.apiInfo, dep);
    const params = api.parameters;
    const name = api.name;
    const names = params.map((p) => p.name).join(', ') || 'none';
    const arity = (got: number, why = '') =>
      new ClientError('bad_request', `${name} takes ${params.length} value${params.length === 1 ? '' : 's'} (${names}), got ${got}${why}.`);
    let values: unknown[];
    if (raw) {
      if (Array.isArray(data) && data.length === n) return data;
      throw new ClientError('bad_request', `${name} takes ${n} raw input values.`);
    }
    if (Array.isArray(data) && data.length === n) return data;
    if (Array.isArray(data) || data === undefined) {
      values = [...(data ?? [])];
      if (values.length > params.length) throw arity(values.length);
      for (let i = values.length; i < params.length; i++) {
        if (!params[i].hasDefault) throw arity(values.length, `: "${params[i].name}" has no default`);
        values.push(params[i].default);
      }
    } else {
      const unknown = Object.keys(data).filter((k) => !params.some((p) => p.name === k));
      if (unknown.length) throw new ClientError('bad_request', `${name} has no parameter ${unknown.map((k) => `"${k}"`).join(', ')}. Parameters: ${names}.`);
      values = params.map((p) => {
        if (p.name in data) return data[p.name];
        if (!p.hasDefault) throw new ClientError('bad_request', `${name} needs a value for "${p.name}". Parameters: ${names}.`);
        return p.default;
      });
    }
    // Put State slots (null) back where the dependency expects them.
    let i = 0;
    const full = dep.inputs.map((id) => (this.#isState(id) ? null : values[i++]));
    if (i !== values.length) throw new ClientError('bad_request', `${name}: its parameters do not match the app's inputs; pass ${n} values with { raw: true }.`);
    return full;
  }

  /** Output values as users see them: absolute file URLs, State slots dropped unless raw. */
  #shape(dep: DependencyConfig, values: unknown[], raw?: boolean): unknown[] {
    const withUrls = values.map((v) => mapFiles(v, (f) => ({ ...f, url: this.fileUrl(f) })));
    return raw ? withUrls : withUrls.filter((_, i) => !this.#isState(dep.outputs[i]));
  }

  #start(job: JobState, endpoint: string | number, data: Data | undefined, o: SubmitOptions): JobState {
    // Aborts this job's upload and join requests; the job ending (close() included) aborts it.
    const ctl = new AbortController();
    o.signal?.addEventListener('abort', () => job.cancel(), { once: true });
    this.#running.add(job);
    let fnIndex = -1;
    let grace: ReturnType<typeof setTimeout> | undefined;
    job.cancel = async () => {
      if (job.done || job.cancelled) return;
      job.cancelled = true;
      ctl.abort();
      // Not joined yet: end here; a join already on its way is cancelled when it answers (see below).
      if (!job.eventId) return job.fail(cancelled());
      try {
        if (!(await this.#cancelOnServer(fnIndex, job.eventId))) throw 0;
        // The server ends the job on the stream; don't wait forever for a server that doesn't.
        if (!job.done) grace = setTimeout(() => job.fail(cancelled()), 3000);
      } catch {
        job.fail(cancelled());
      }
    };
    job.onEnd = () => {
      clearTimeout(grace);
      ctl.abort();
      this.#running.delete(job);
      if (job.eventId) {
        clearTimeout(this.#jobs.get(job.eventId)?.silence);
        this.#jobs.delete(job.eventId);
        this.#gone.add(job.eventId);
      }
    };
    if (o.signal?.aborted) void job.cancel();
    if (this.#life.signal.aborted) job.fail(new ClientError('cancelled', 'The client was closed.'));
    void (async () => {
      const dep = this.#dependency(endpoint);
      fnIndex = dep.id;
      const protocol = this.config.protocol ?? 'ws';
      if (!STREAMING.includes(protocol))
        throw new ClientError('unsupported_protocol', `${this.root} speaks the "${protocol}" protocol (Gradio < 4.9), which this client does not support.`);
      let input = this.#payload(dep, data, o.raw);
      const uploads: Uploadable[] = [];
      replaceUploads(input, (u) => uploads.push(u));
      if (uploads.length) {
        const files = await this.upload(uploads as Blob[], { signal: ctl.signal });
        let k = 0;
        input = replaceUploads(input, () => files[k++]) as unknown[];
      }
      if (job.done) return; // cancelled or closed while uploading
      const body = { data: input, event_data: o.eventData ?? null, fn_index: dep.id, trigger_id: o.triggerId ?? null, session_hash: this.sessionHash };
      if (dep.queue === false || (dep.queue == null && this.config.enable_queue === false)) return this.#runDirect(job, dep, body, o.raw, ctl.signal);
      // While a join is in flight, messages for ids not known yet are kept for it (see #dispatch).
      this.#joining++;
      try {
        // Not aborted with the job: once sent, the server may run it, so we need its id to cancel it.
        const res = await this.#request('queue/join', body, undefined, { 'x-gradio-user': 'api' });
        if (!res.ok) throw await responseError(res, `Joining the queue for ${dep.api_name ? '/' + dep.api_name : 'fn ' + dep.id}`);
        const id = ((await res.json().catch(() => null)) as { event_id?: string } | null)?.event_id;
        if (typeof id !== 'string') throw new ClientError('server_error', `${this.#url('queue/join')} answered without an event_id.`);
        job.eventId = id;
        if (job.done) return void this.#cancelOnServer(dep.id, id).catch(() => {});
        this.#jobs.set(id, { job, on: this.#handler(job, dep, o.raw) });
        for (const m of this.#early.get(id) ?? []) this.#dispatch(m);
        this.#early.delete(id);
      } finally {
        if (!--this.#joining) this.#early.clear();
      }
      this.#openStream();
    })().catch((e) => job.fail(job.cancelled ? cancelled() : toClientError(e)));
    return job;
  }

  /** POST {P}/cancel then {P}/reset; true when the server accepted the cancel. */
  async #cancelOnServer(fnIndex: number, eventId: string): Promise<boolean> {
    const res = await this.#request('cancel', { session_hash: this.sessionHash, fn_index: fnIndex, event_id: eventId });
    await this.#request('reset', { event_id: eventId }).catch(() => {});
    return res.ok;
  }

  /** Non-queued endpoints (`queue: false`): one POST answers with the output. */
  async #runDirect(job: JobState, dep: DependencyConfig, body: object, raw: boolean | undefined, signal: AbortSignal): Promise<void> {
    const res = await this.#request('run/' + (dep.api_name || 'predict'), body, signal);
    const out: Output | null = await res.json().catch(() => null);
    if (out && 'error' in out) return job.emit(this.#appError(out));
    if (!res.ok || !Array.isArray(out?.data)) throw await responseError(res, `Calling ${dep.api_name}`);
    job.emit({ type: 'complete', values: this.#shape(dep, out.data, raw), duration: out.duration ?? null });
  }

  #appError(out: Output, title?: string | null) {
    return {
      type: 'error' as const,
      code: 'app_error' as const,
      message: out.error ?? 'The app failed (it does not show error details).',
      title: out.title ?? title ?? null,
      duration: out.duration ?? null,
      visible: out.visible ?? true,
    };
  }

  /** Turns one job's stream messages into events. */
  #handler(job: JobState, dep: DependencyConfig, raw?: boolean): (m: QueueMessage) => void {
    const diffs = this.config.protocol !== 'sse_v1' && dep.connection !== 'stream';
    let last: unknown[] | null = null;
    return (m) => {
      switch (m.msg) {
        case 'estimation':
          return job.emit({ type: 'queued', rank: m.rank, queueSize: m.queue_size, eta: m.rank_eta });
        case 'process_starts':
          return job.emit({ type: 'started', eta: m.eta ?? null });
        case 'progress':
          return job.emit({ type: 'progress', levels: m.progress_data ?? [] });
        case 'log':
          return job.emit({ type: 'log', level: m.level ?? 'info', message: m.log, title: m.title ?? '', duration: m.duration ?? null, visible: m.visible ?? true });
        case 'unexpected_error':
          return job.fail(new ClientError(m.session_not_found ? 'connection_lost' : 'server_error', m.message || 'The server failed unexpectedly.'));
        case 'process_generating':
        case 'process_streaming':
        case 'process_completed': {
          const out: Output = Object(m.output);
          if (!m.success || 'error' in out) return job.emit(this.#appError(out, (m as { title?: string | null }).title));
          if (!Array.isArray(out.data)) {
            // Gradio answers a cancel with an empty output.
            if (m.msg === 'process_completed') job.fail(job.cancelled ? cancelled() : new ClientError('server_error', 'The app finished without output.'));
            return;
          }
          let values = out.data;
          if (m.msg !== 'process_completed' && diffs && last)
            values = values.map((v, i) => (isDiffOps(v) ? applyDiff(last![i] ?? null, v) : v));
          if (m.msg !== 'process_completed') {
            last = values;
            return job.emit({ type: 'data', values: this.#shape(dep, values, raw) });
          }
          if (job.cancelled && values.every((v) => v == null)) return job.fail(cancelled());
          return job.emit({ type: 'complete', values: this.#shape(dep, values, raw), duration: out.duration ?? null });
        }
      }
    };
  }

  /** Routes a stream message; returns true when this stream should end. */
  #dispatch(m: QueueMessage): boolean {
    if (m.msg === 'close_stream') return true;
    const id = m.event_id;
    if (id == null) {
      if (m.msg === 'unexpected_error') for (const { on } of [...this.#jobs.values()]) on(m);
    } else if (this.#jobs.has(id)) {
      const entry = this.#jobs.get(id)!;
      clearTimeout(entry.silence);
      entry.silence = undefined;
      try {
        entry.on(m);
      } catch (e) {
        // A malformed message (e.g. a diff that does not apply) ends only its own job.
        entry.job.fail(new ClientError('server_error', `Bad message from the server: ${(e as Error).message}`));
      }
    }
    else if (this.#joining && !this.#gone.has(id)) this.#early.set(id, [...(this.#early.get(id) ?? []), m]);
    // Before sse_v3 servers never say close_stream: the client closes once nothing is pending. With sse_v3 an
    // idle stream (its jobs ended here, e.g. a cancel the server ignored) is closed at the next heartbeat.
    return (this.config.protocol !== 'sse_v3' || m.msg === 'heartbeat') && !this.#jobs.size && !this.#joining;
  }

  #openStream(): void {
    if (this.#streaming || this.#life.signal.aborted) return;
    this.#streaming = true;
    void this.#readStream().finally(() => {
      this.#streaming = false;
      if (this.#jobs.size) this.#openStream();
    });
  }

  /** Reads `queue/data` until nothing is pending; reconnects when it drops, then fails what is left. */
  async #readStream(): Promise<void> {
    const url = this.#url(`queue/data?session_hash=${encodeURIComponent(this.sessionHash)}`);
    const timeout = this.#options.heartbeatTimeout ?? 45000;
    let failures = 0;
    let dropped = false;
    while (this.#jobs.size && !this.#life.signal.aborted) {
      const ctl = new AbortController();
      const stop = () => ctl.abort();
      this.#life.signal.addEventListener('abort', stop);
      let timer: ReturnType<typeof setTimeout> | undefined;
      let silent = false;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => ((silent = true), ctl.abort()), timeout);
      };
      let closed = false;
      let problem: ClientError | null = null;
      try {
        arm();
        const res = await this.#fetch(url, { headers: { Accept: 'text/event-stream' }, signal: ctl.signal });
        if (!res.ok) throw await responseError(res, 'Opening the event stream');
        const type = res.headers.get('content-type') ?? '';
        if (!type.includes('text/event-stream') || !res.body)
          throw Object.assign(new ClientError('server_error', `${url} answered with ${type || 'no content type'} instead of an event stream.`), { fatal: true });
        // Gradio drops a session's jobs when its stream disconnects and may never mention them again:
        // after a reconnect, a job that stays silent for two heartbeat timeouts counts as lost.
        if (dropped)
          for (const entry of this.#jobs.values())
            entry.silence ??= setTimeout(
              () => entry.job.fail(new ClientError('connection_lost', 'The server did not resume this job after the connection dropped.')),
              2 * timeout,
            );
        dropped = false;
        const parser = createParser({
          onEvent: (e) => {
            let m: QueueMessage;
            try {
              m = JSON.parse(e.data);
              if (!m?.msg) return;
            } catch {
              return;
            }
            if (/^process_(gen|comp|stream)|^progress/.test(m.msg)) failures = 0;
            if (this.#dispatch(m)) closed = true;
          },
        });
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        while (!closed) {
          const { done, value } = await reader.read();
          if (done) break;
          arm();
          parser.feed(value);
        }
      } catch (e) {
        problem = silent
          ? new ClientError('connection_lost', `No message from the server for ${timeout / 1000} s.`)
          : toClientError(e, url);
      } finally {
        clearTimeout(timer);
        ctl.abort();
        this.#life.signal.removeEventListener('abort', stop);
      }
      if (!this.#jobs.size || this.#life.signal.aborted) continue;
      // Reached with jobs pending: the stream dropped, or the server closed it (a join raced its close_stream,
      // or the server lost track of them). Either way reopen, but not forever.
      dropped = true;
      const fatal = (problem as { fatal?: boolean } | null)?.fatal;
      if (fatal || ++failures > (this.#options.reconnects ?? 3)) {
        const err = fatal
          ? problem!
          : new ClientError('connection_lost', `Lost the connection to ${this.root}: ${problem?.message ?? 'The event stream ended before the job finished.'}`);
        for (const { job } of [...this.#jobs.values()]) job.fail(err);
        return;
      }
      if (!closed) await sleep(250 * 2 ** (failures - 1));
    }
  }
}
