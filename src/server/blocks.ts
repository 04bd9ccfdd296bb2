// An app: components, layout and event listeners; turns them into the config, the API info and jobs.
import { createHash, randomInt } from 'node:crypto';
import type { Server } from 'node:http';
import express from 'express';
import {
  diff,
  isPropsUpdate,
  snakeCase,
  type ApiEndpointInfo,
  type ApiInfo,
  type AppConfig,
  type ComponentConfig,
  type DependencyConfig,
  type LayoutNode,
} from '../protocol/index.js';
import {
  Component,
  withParent,
  type AnyFn,
  type EventHandle,
  type EventOptions,
  type HandlerContext,
  type Inputs,
  type Owner,
  type SessionStore,
  type ValueContext,
} from './components.js';
import { AppError, HttpError } from './errors.js';
import { FileStore } from './files.js';
import { listen } from './listen.js';
import { MemoryQueue, type JobIO, type JobRunner, type Queue, type QueueJob } from './queue.js';
import { API_PREFIX, createRouter, type CorsOptions } from './routes.js';

export { API_PREFIX };
export const VERSION = '6.25.0';

export interface AppOptions {
  title?: string;
  description?: string;
  /** Show the message of any exception to users (AppError messages are always shown). */
  showError?: boolean;
  /** Largest upload in bytes (413 above it); null = no limit. */
  maxFileSize?: number | null;
  /** Waiting jobs at most across the app (503 above it); null = unbounded. */
  maxQueueSize?: number | null;
  /** Concurrency limit of listeners that don't set one (default 1; null = unlimited). */
  defaultConcurrencyLimit?: number | null;
  /** Jobs running at once across all groups (default 40). */
  maxThreads?: number;
  /** Replace the in-memory queue (e.g. a Redis-backed one); receives the function that runs jobs. */
  queue?: (runner: JobRunner) => Queue;
  /** CORS policy; default any origin without credentials. false = no CORS headers. */
  cors?: CorsOptions | false;
  /** Public URL (`https://host/sub`) or path (`/sub`) of the app when a proxy hides it. */
  rootPath?: string;
  /** Where uploads and outputs are stored (default a fresh temp folder). */
  fileDir?: string;
  /** More folders whose files may be served and used as inputs. */
  allowedPaths?: string[];
  /** Allow input URLs that resolve to private or loopback addresses (SSRF; off by default). */
  allowPrivateUrls?: boolean;
  css?: string | null;
  fillHeight?: boolean;
  /** Don't print handler failures to stderr. */
  quiet?: boolean;
}

export type AppMode = 'blocks' | 'interface' | 'chat_interface';

export interface Dependency {
  id: number;
  targets: [number | null, string][];
  inputs: Component<any, any>[];
  outputs: Component<any, any>[];
  fn: AnyFn | null;
  js: string | null;
  generator: boolean;
  apiName: string | false | null;
  apiVisibility: 'public' | 'private' | 'undocumented';
  apiDescription: string | null;
  queue: boolean;
  concurrencyId: string;
  concurrencyLimit: number | null;
  showProgress: 'full' | 'minimal' | 'hidden';
  triggerMode: 'once' | 'multiple' | 'always_last';
  cancels: number[];
  triggerAfter: number | null;
  only: 'success' | 'failure' | null;
  scrollToOutput: boolean;
  timeLimit: number | null;
}

interface SessionState {
  values: Map<number, unknown>;
  store: SessionStore;
  touched: number;
}

/** What a job carries besides its inputs (plain JSON, so any queue backend can hold it). */
interface JobContext {
  root: string;
  stateKey: string;
  headers: Record<string, string>;
  /** /call requests stream full values, never diffs. */
  simple: boolean;
  /** The event's payload from the page (`event_data`), e.g. the selected index. */
  eventData: unknown;
}

const DISPLAY_NAMES: Record<string, string> = {
  checkboxgroup: 'CheckboxGroup', colorpicker: 'ColorPicker', highlightedtext: 'HighlightedText', json: 'JSON', html: 'HTML',
  dataframe: 'Dataframe', chatbot: 'Chatbot',
};
const displayName = (type: string) => DISPLAY_NAMES[type] ?? type.charAt(0).toUpperCase() + type.slice(1);
const RESERVED_PARAMS = new Set(['api_name', 'fn_index', 'result_callbacks']);
// Events whose payload (which item, liked or not…) the page sends along as `event_data`.
const EVENT_DATA_EVENTS = new Set(['select', 'like', 'retry', 'undo', 'edit', 'example_select', 'option_select', 'copy']);
const STATE_TTL_MS = 60 * 60_000;

export function isGeneratorFunction(fn: unknown): boolean {
  const name = (fn as { constructor?: { name?: string } } | null)?.constructor?.name;
  return name === 'AsyncGeneratorFunction' || name === 'GeneratorFunction';
}

function isIterator(x: unknown): x is AsyncIterator<unknown> | Iterator<unknown> {
  return x !== null && typeof x === 'object' && typeof (x as { next?: unknown }).next === 'function' &&
    (Symbol.asyncIterator in (x as object) || Symbol.iterator in (x as object)) && typeof (x as { then?: unknown }).then !== 'function' &&
    !Array.isArray(x) && typeof x !== 'string';
}

/** A generator, or any async iterable that is not a plain value (e.g. a ReadableStream of partial results). */
function isStream(x: unknown): boolean {
  return isIterator(x) || (x !== null && typeof x === 'object' && !Array.isArray(x) && Symbol.asyncIterator in x);
}

/** Rejects when the signal aborts, so a job stops waiting on a handler that ignores its signal. */
function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

const fnIds = new WeakMap<AnyFn, string>();
let fnCounter = 0;

export class App implements Owner {
  readonly mode: AppMode;
  readonly options: AppOptions;
  readonly appId = randomInt(1, 2 ** 47) * 64 + randomInt(0, 64);
  readonly files: FileStore;
  readonly queue: Queue;
  readonly components: Component<any, any>[] = [];
  readonly dependencies: Dependency[] = [];
  /** The root layout block (id 0; not listed among components). */
  readonly rootBlock = new Component<never, never>({ type: 'blocks', container: true, skipApi: true });
  private nextId = 1;
  private finalized = false;
  private layoutTree: LayoutNode | null = null;
  private readonly sessions = new Map<string, SessionState>();
  private readonly durations = new Map<number, { total: number; count: number }>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly paramCache = new WeakMap<Dependency, string[]>();

  constructor(mode: AppMode, options: AppOptions, build: (app: App) => void) {
    this.mode = mode;
    this.options = options;
    this.rootBlock.id = 0;
    this.files = new FileStore({
      dir: options.fileDir,
      maxFileSize: options.maxFileSize ?? null,
      allowedPaths: options.allowedPaths,
      allowPrivateUrls: options.allowPrivateUrls,
    });
    const runner: JobRunner = (job, io) => this.run(job, io);
    this.queue = options.queue?.(runner) ?? new MemoryQueue(runner, { maxSize: options.maxQueueSize ?? null, maxThreads: options.maxThreads });
    withParent(this, this.rootBlock, () => build(this));
    this.sweeper = setInterval(() => this.sweepSessions(), 60_000);
    this.sweeper.unref();
  }

  // ---- building ---------------------------------------------------------------------------------

  register(c: Component<any, any>): void {
    if (this.finalized) throw new Error('Components must be added while the app is being built.');
    c.owner = this;
    c.id = this.nextId++;
    this.components.push(c);
  }

  listen(targets: [Component<any, any> | null, string][], o: EventOptions<any>, after?: { id: number; only: 'success' | 'failure' | null }): EventHandle {
    const asList = (x: unknown) => (x == null ? [] : Array.isArray(x) ? x : [x]) as Component<any, any>[];
    const inputs = asList(o.inputs);
    const outputs = asList(o.outputs);
    for (const c of [...inputs, ...outputs]) {
      if (c.owner !== this) throw new Error(`A ${c.type} used by a listener is not part of this app; create it inside the build function.`);
    }
    const fn = (o.fn as AnyFn | undefined) ?? null;
    let concurrencyId = o.concurrencyId;
    if (!concurrencyId && fn) {
      if (!fnIds.has(fn)) fnIds.set(fn, `fn${++fnCounter}`);
      concurrencyId = fnIds.get(fn);
    }
    const id = this.dependencies.length;
    const dep: Dependency = {
      id,
      targets: targets.map(([c, e]) => [c ? c.id : null, e]),
      inputs,
      outputs,
      fn,
      js: o.js ?? null,
      generator: o.generator ?? isGeneratorFunction(fn),
      apiName: o.apiName === false ? false : (o.apiName ?? (fn ? null : false)),
      apiVisibility: o.apiVisibility ?? 'public',
      apiDescription: o.apiDescription ?? null,
      queue: fn ? o.queue ?? true : false,
      concurrencyId: concurrencyId ?? `dep${id}`,
      concurrencyLimit: o.concurrencyLimit === undefined ? (this.options.defaultConcurrencyLimit === undefined ? 1 : this.options.defaultConcurrencyLimit) : o.concurrencyLimit,
      showProgress: o.showProgress ?? 'full',
      triggerMode: o.triggerMode ?? 'once',
      cancels: (o.cancels == null ? [] : Array.isArray(o.cancels) ? o.cancels : [o.cancels]).map((h: EventHandle) => h.id),
      triggerAfter: after?.id ?? null,
      only: after?.only ?? null,
      scrollToOutput: o.scrollToOutput ?? false,
      timeLimit: o.timeLimit ?? null,
    };
    this.dependencies.push(dep);
    return this.handle(id);
  }

  private handle(id: number): EventHandle {
    return {
      id,
      then: (o) => this.listen([], o, { id, only: null }),
      success: (o) => this.listen([], o, { id, only: 'success' }),
      failure: (o) => this.listen([], o, { id, only: 'failure' }),
    };
  }

  /** Runs when the page loads (Gradio's `demo.load`). */
  load<const I extends Inputs = []>(options: EventOptions<I>): EventHandle {
    return this.listen([[this.rootBlock, 'load']], options);
  }

  /** Runs when a user's page goes away (their heartbeat connection closes), with that session's State. */
  unload<const I extends Inputs = []>(options: EventOptions<I>): EventHandle {
    return this.listen([[null, 'unload']], { apiName: false, apiVisibility: 'private', queue: false, ...(options as EventOptions<any>) });
  }

  /** Runs the unload listeners of a session, then forgets its State. */
  async endSession(key: string, root: string): Promise<void> {
    const unloads = this.dependencies.filter((d) => d.fn && d.targets.some(([id, e]) => id === null && e === 'unload'));
    if (unloads.length && this.sessions.has(key)) {
      const signal = new AbortController().signal;
      for (const dep of unloads) {
        const job = { ...this.jobFor(dep, dep.inputs.map(() => null), key, root, {}), eventId: `unload-${dep.id}` };
        await this.run(job, { signal, emit: () => {} });
      }
    }
    this.dropSession(key);
  }

  /** Fixes API names and the layout once building is over. */
  private finalize(): void {
    if (this.finalized) return;
    this.finalized = true;
    const taken = new Set<string>();
    for (const dep of this.dependencies) {
      if (!dep.fn || dep.apiName === false) continue;
      const base = snakeCase(dep.apiName ?? (dep.fn.name && dep.fn.name !== 'fn' ? dep.fn.name : 'predict')) || 'predict';
      let name = base;
      for (let i = 1; taken.has(name); i++) name = `${base}_${i}`;
      taken.add(name);
      dep.apiName = name;
    }
    this.layoutTree = this.layoutOf(this.rootBlock);
  }

  /** Layout tree; consecutive form components are wrapped in a `form` block, as Gradio does. */
  private layoutOf(block: Component<any, any>): LayoutNode {
    const children: LayoutNode[] = [];
    let form: LayoutNode | null = null;
    for (const c of block.children) {
      if (c.form && block.type !== 'form') {
        if (!form) {
          const f = new Component<never, never>({ type: 'form', container: true, skipApi: true, props: { scale: 0, min_width: 0, visible: true } });
          f.id = this.nextId++;
          f.owner = this;
          this.components.push(f);
          form = { id: f.id, children: [] };
          children.push(form);
        }
        form.children!.push({ id: c.id });
        continue;
      }
      form = null;
      children.push(c.container ? this.layoutOf(c) : { id: c.id });
    }
    return { id: block.id, children };
  }

  // ---- config and API info --------------------------------------------------------------------------

  config(root: string): AppConfig {
    this.finalize();
    const components = this.components.map((c) => this.componentConfig(c));
    const dependencies = this.dependencies.map((d) => this.dependencyConfig(d));
    const layout = this.layoutTree!;
    return {
      version: VERSION,
      mode: this.mode,
      title: this.options.title ?? 'ml-elements',
      description: this.options.description ?? '',
      protocol: 'sse_v3',
      api_prefix: API_PREFIX,
      root,
      app_id: this.appId,
      enable_queue: true,
      // The page keeps a heartbeat open when its session holds State or has unload listeners (as Gradio does).
      connect_heartbeat: this.components.some((c) => c.type === 'state') || this.dependencies.some((d) => d.targets.some(([, e]) => e === 'unload')),
      show_error: this.options.showError ?? false,
      max_file_size: this.options.maxFileSize ?? null,
      components,
      dependencies,
      layout,
      page: { '': { components: components.map((c) => c.id), dependencies: dependencies.map((d) => d.id), layout } },
      pages: [['', 'Home', true]],
      current_page: '',
      css: this.options.css ?? null,
      js: null,
      head: null,
      theme: 'default',
      theme_hash: null,
      stylesheets: [],
      body_css: { body_background_fill: 'white', body_text_color: '#1f2937', body_background_fill_dark: '#0b0f19', body_text_color_dark: '#f3f4f6' },
      fill_height: this.options.fillHeight ?? this.mode === 'chat_interface',
      fill_width: false,
      footer_links: ['api', 'settings'],
      is_space: false,
      space_id: null,
      is_colab: false,
      dev_mode: false,
      analytics_enabled: false,
      show_api: true,
      username: null,
      auth_required: false,
      i18n_translations: null,
    };
  }

  private componentConfig(c: Component<any, any>): ComponentConfig {
    const props: Record<string, unknown> = { ...c.props };
    if (c.type === 'state') delete props.value;
    if (c.type === 'dataset') props.component_ids = (props.component_ids as number[] | undefined) ?? [];
    const out: ComponentConfig = {
      id: c.id,
      type: c.type,
      props: props as ComponentConfig['props'],
      skip_api: c.skipApi,
      component_class_id: createHash('sha256').update(`ml-elements.${c.type}`).digest('hex').slice(0, 32),
      key: null,
    };
    if (!c.skipApi) {
      const info = c.spec.apiInfo ?? {};
      Object.assign(out, { api_info: info, api_info_as_input: info, api_info_as_output: info, example_inputs: c.spec.example ?? null });
    }
    return out;
  }

  private dependencyConfig(d: Dependency): DependencyConfig {
    return {
      id: d.id,
      targets: d.targets,
      inputs: d.inputs.map((c) => c.id),
      outputs: d.outputs.map((c) => c.id),
      backend_fn: d.fn !== null,
      js: d.js,
      js_implementation: null,
      queue: d.queue,
      api_name: d.apiName === false ? null : d.apiName,
      api_description: d.apiDescription,
      api_visibility: d.apiVisibility,
      scroll_to_output: d.scrollToOutput,
      show_progress: d.showProgress,
      show_progress_on: null,
      batch: false,
      max_batch_size: 4,
      cancels: d.cancels,
      types: { generator: d.generator, cancel: d.cancels.length > 0 },
      collects_event_data: d.fn !== null && d.targets.some(([, e]) => EVENT_DATA_EVENTS.has(e)),
      trigger_after: d.triggerAfter,
      trigger_only_on_success: d.only === 'success',
      trigger_only_on_failure: d.only === 'failure',
      trigger_mode: d.triggerMode,
      rendered_in: null,
      render_id: null,
      connection: 'sse',
      time_limit: d.timeLimit,
      stream_every: 0.5,
      event_specific_args: null,
      component_prop_inputs: [],
    };
  }

  /** API parameter names of a dependency's (non-State) inputs. */
  parameterNames(dep: Dependency): string[] {
    let names = this.paramCache.get(dep);
    if (!names) this.paramCache.set(dep, (names = this.computeParameterNames(dep)));
    return names;
  }

  private computeParameterNames(dep: Dependency): string[] {
    const seen = new Set<string>();
    return dep.inputs.filter((c) => !c.skipApi).map((c, i) => {
      let name = c.paramName ?? (c.label ? snakeCase(c.label) : '') ?? '';
      if (!name || RESERVED_PARAMS.has(name)) name = `param_${i}`;
      let unique = name;
      for (let k = 2; seen.has(unique); k++) unique = `${name}_${k}`;
      seen.add(unique);
      return unique;
    });
  }

  apiInfo(all = false): ApiInfo {
    this.finalize();
    const named: Record<string, ApiEndpointInfo> = {};
    for (const dep of this.dependencies) {
      if (!dep.fn || !dep.apiName || dep.apiVisibility === 'private' || (dep.apiVisibility === 'undocumented' && !all)) continue;
      const names = this.parameterNames(dep);
      named['/' + dep.apiName] = {
        parameters: dep.inputs.filter((c) => !c.skipApi).map((c, i) => {
          const value = c.props.value;
          const hasDefault = value !== undefined && value !== null && value !== '';
          return {
            label: c.label ?? `parameter_${c.id}`,
            parameter_name: names[i],
            parameter_has_default: hasDefault,
            parameter_default: hasDefault ? value : null,
            type: c.spec.apiInfo ?? {},
            python_type: { type: c.spec.pythonType ?? 'Any', description: '' },
            component: displayName(c.type),
            example_input: c.spec.example ?? null,
          };
        }),
        returns: dep.outputs.filter((c) => !c.skipApi).map((c) => ({
          label: c.label ?? `value_${c.id}`,
          type: c.spec.apiInfo ?? {},
          python_type: { type: c.spec.pythonType ?? 'Any', description: '' },
          component: displayName(c.type),
        })),
        api_visibility: dep.apiVisibility,
        description: dep.apiDescription ?? '',
      };
    }
    return { named_endpoints: named, unnamed_endpoints: {} };
  }

  // ---- requests → jobs ---------------------------------------------------------------------------------

  /** The dependency for a fn_index or api name, or a 4xx saying what exists. */
  dependency(ref: { fnIndex?: unknown; apiName?: string }): Dependency {
    this.finalize();
    if (ref.apiName !== undefined) {
      const name = ref.apiName.replace(/^\/+|\/+$/g, '');
      const dep = this.dependencies.find((d) => d.fn && d.apiName === name);
      if (!dep) {
        const names = this.dependencies.filter((d) => d.fn && d.apiName && d.apiVisibility !== 'private').map((d) => `/${d.apiName}`);
        throw new HttpError(404, `No endpoint named "/${name}". Valid endpoints are: ${names.join(', ') || 'none'}.`);
      }
      return dep;
    }
    const i = ref.fnIndex;
    if (i === undefined || i === null) throw new HttpError(400, 'No function index provided: send "fn_index" (a dependency id from /config).');
    if (typeof i !== 'number' || !Number.isInteger(i)) throw new HttpError(400, `"fn_index" must be an integer, got ${JSON.stringify(i)}.`);
    const dep = this.dependencies[i];
    if (!dep) throw new HttpError(400, `Unknown fn_index ${i}: this app has functions 0 to ${this.dependencies.length - 1}.`);
    if (!dep.fn) throw new HttpError(400, `Function ${i} runs in the browser only (it has no server-side function).`);
    return dep;
  }

  /** Checks a request's `data` against the dependency's inputs (arity and types); fills State slots. */
  checkData(dep: Dependency, data: unknown): unknown[] {
    if (data === undefined) data = [];
    if (!Array.isArray(data)) throw new HttpError(400, `"data" must be a list of input values, got ${typeof data}.`);
    const visible = dep.inputs.filter((c) => !c.skipApi);
    let full = data;
    if (data.length !== dep.inputs.length) {
      if (data.length !== visible.length) {
        const names = this.parameterNames(dep);
        throw new HttpError(
          400,
          `Function "${dep.apiName || dep.id}" takes ${visible.length} input${visible.length === 1 ? '' : 's'} (${names.join(', ') || 'none'}) but ${data.length} ${data.length === 1 ? 'was' : 'were'} given.`,
        );
      }
      let k = 0;
      full = dep.inputs.map((c) => (c.skipApi ? null : data[k++]));
    }
    const names = this.parameterNames(dep);
    let k = 0;
    dep.inputs.forEach((c, i) => {
      if (c.skipApi) return;
      const problem = c.spec.check?.(full[i]);
      if (problem) throw new HttpError(400, `Input ${i} (${names[k]}): ${problem}.`);
      k++;
    });
    return full;
  }

  jobFor(dep: Dependency, data: unknown[], session: string, root: string, headers: Record<string, string>, opts: { stateKey?: string; simple?: boolean; eventId?: string; eventData?: unknown } = {}) {
    const context: JobContext = { root, stateKey: opts.stateKey ?? session, headers, simple: opts.simple ?? false, eventData: opts.eventData ?? null };
    return {
      eventId: opts.eventId,
      sessionHash: session,
      fnIndex: dep.id,
      concurrencyId: dep.concurrencyId,
      concurrencyLimit: dep.concurrencyLimit,
      data,
      outputCount: dep.outputs.length,
      context: context as unknown as Record<string, unknown>,
    };
  }

  // ---- running a job ----------------------------------------------------------------------------------

  private state(key: string): SessionState {
    let s = this.sessions.get(key);
    if (!s) this.sessions.set(key, (s = { values: new Map(), store: new Map(), touched: 0 }));
    s.touched = Date.now();
    return s;
  }

  /** Sessions whose State is held in memory. */
  get stateSessions(): number {
    return this.sessions.size;
  }

  /** Forgets a session's State (its heartbeat connection closed). */
  dropSession(key: string): void {
    this.sessions.delete(key);
  }

  private sweepSessions(): void {
    const now = Date.now();
    for (const [k, s] of this.sessions) if (now - s.touched > STATE_TTL_MS) this.sessions.delete(k);
  }

  private average(fnIndex: number): number | null {
    const d = this.durations.get(fnIndex);
    return d ? d.total / d.count : null;
  }

  /** Runs one job: converts inputs, calls the handler, streams outputs, and always ends with process_completed. */
  async run(job: QueueJob, io: JobIO): Promise<void> {
    const dep = this.dependencies[job.fnIndex];
    const ctx = job.context as unknown as JobContext;
    const vctx: ValueContext = { files: this.files, root: ctx.root, prefix: API_PREFIX };
    // Created only when used, so a session without State leaves nothing behind.
    let stored: SessionState | undefined;
    const st = () => (stored ??= this.state(ctx.stateKey));
    const started = performance.now();
    const changed = new Set<number>();
    const output = (data: unknown[], generating: boolean, duration = (performance.now() - started) / 1000) => {
      return { data, is_generating: generating, duration, average_duration: this.average(dep.id) ?? duration, render_config: null, changed_state_ids: [...changed], used_cache: null };
    };
    // The handler's signal fires on cancel, on disconnect, or when the listener's time limit passes.
    const timeout = dep.timeLimit ? AbortSignal.timeout(dep.timeLimit * 1000) : null;
    const signal = timeout ? AbortSignal.any([io.signal, timeout]) : io.signal;
    const aborted = untilAborted(signal);
    aborted.catch(() => {});
    try {
      const args = await Promise.race([
        Promise.all(dep.inputs.map(async (c, i) => {
          if (c.type === 'state') return st().values.has(c.id) ? st().values.get(c.id) : structuredClone(c.props.value ?? null);
          return c.spec.pre ? c.spec.pre(job.data[i], vctx) : job.data[i];
        })),
        aborted,
      ]);
      const hctx = this.handlerContext(job, { emit: io.emit, signal }, st, ctx);
      const result = await Promise.race([Promise.resolve(dep.fn!(...args, hctx)), aborted]);
      let final: unknown[];
      if (isStream(result)) {
        const it = (Symbol.asyncIterator in (result as object) ? (result as AsyncIterable<unknown>)[Symbol.asyncIterator]() : (result as Iterable<unknown>)[Symbol.iterator]()) as AsyncIterator<unknown>;
        let prev: unknown[] | null = null;
        try {
          for (;;) {
            const step = await Promise.race([it.next(), aborted]);
            if (step.done) break;
            const out = await this.postprocess(dep, step.value, vctx, st, changed);
            const data = prev === null || ctx.simple ? out : out.map((v, i) => diff(prev![i], v));
            io.emit({ msg: 'process_generating', output: output(data, true), success: true, time_limit: null });
            prev = out;
          }
        } finally {
          if (signal.aborted) void Promise.resolve(it.return?.()).catch(() => {});
        }
        final = prev ?? dep.outputs.map(() => null);
      } else {
        final = await this.postprocess(dep, result, vctx, st, changed);
      }
      const elapsed = (performance.now() - started) / 1000;
      const d = this.durations.get(dep.id) ?? { total: 0, count: 0 };
      d.total += elapsed;
      d.count++;
      this.durations.set(dep.id, d);
      io.emit({ msg: 'process_completed', output: output(final, false, elapsed), success: true, title: null, used_cache: null, cache_duration: null, avg_time: this.average(dep.id) });
    } catch (caught) {
      if (io.signal.aborted) return;
      const err = timeout?.aborted ? new AppError(`This took longer than its time limit of ${dep.timeLimit} s and was stopped.`, { title: 'Time limit' }) : caught;
      io.emit({ msg: 'process_completed', output: this.errorOutput(err, dep), success: false, title: err instanceof AppError ? err.title : 'Error' });
    }
  }

  /** The error payload users see: AppError and input problems always, other errors only with showError. */
  errorOutput(err: unknown, dep: Dependency): Record<string, unknown> {
    if (err instanceof AppError) return { error: err.message, title: err.title, duration: err.duration, visible: err.visible };
    if (err instanceof HttpError) return { error: err.message, title: 'Error', duration: null, visible: true };
    if (!this.options.quiet && process.env.ML_QUIET !== '1') console.error(`[ml-elements] function "${dep.apiName || dep.id}" failed:`, err);
    return this.options.showError
      ? { error: err instanceof Error ? err.message : String(err), title: 'Error', duration: null, visible: true }
      : { error: null, title: 'Error', duration: null, visible: true };
  }

  private handlerContext(job: QueueJob, io: JobIO, st: () => SessionState, ctx: JobContext): HandlerContext {
    let lastProgress = 0;
    const log = (level: 'info' | 'warning' | 'success') => (message: string, o: { title?: string; duration?: number | null; visible?: boolean } = {}) =>
      io.emit({ msg: 'log', log: message, level, duration: o.duration === undefined ? 10 : o.duration, visible: o.visible ?? true, title: o.title ?? (level === 'warning' ? 'Warning' : level === 'success' ? 'Success' : 'Info') });
    return {
      progress: (value, desc) => {
        // Latest wins: at most one progress message every 10 ms (the final step always goes out).
        const now = performance.now();
        const unit = value !== null && typeof value === 'object'
          ? { index: value.index, length: value.length, unit: value.unit ?? 'steps', progress: null, desc: desc ?? null }
          : { index: null, length: null, unit: null, progress: value, desc: desc ?? null };
        const last = unit.index !== null && unit.index >= (unit.length ?? Infinity);
        if (!last && now - lastProgress < 10) return;
        lastProgress = now;
        io.emit({ msg: 'progress', progress_data: [unit] });
      },
      info: log('info'),
      warning: log('warning'),
      success: log('success'),
      signal: io.signal,
      get session() {
        return st().store;
      },
      request: { headers: ctx.headers, sessionHash: ctx.stateKey, eventId: job.eventId, root: ctx.root },
      eventData: ctx.eventData ?? null,
    };
  }

  /** Handler result → one wire value per output (State values are kept here and sent as null). */
  private async postprocess(dep: Dependency, value: unknown, vctx: ValueContext, st: () => SessionState, changed: Set<number>): Promise<unknown[]> {
    const n = dep.outputs.length;
    let values: unknown[];
    if (n === 0) values = [];
    else if (n === 1) values = [value];
    else if (Array.isArray(value) && value.length === n) values = value;
    else throw new AppError(`The function returned ${Array.isArray(value) ? `${value.length} values` : 'a single value'} but has ${n} outputs: return an array of ${n} values.`);
    return Promise.all(values.map(async (v, i) => {
      const c = dep.outputs[i];
      if (c.type === 'state') {
        if (st().values.get(c.id) !== v) changed.add(c.id);
        st().values.set(c.id, v);
        return null;
      }
      if (isPropsUpdate(v)) return 'value' in v && c.spec.post ? { ...v, value: await c.spec.post(v.value, vctx) } : v;
      return c.spec.post ? c.spec.post(v, vctx) : v;
    }));
  }

  // ---- serving ------------------------------------------------------------------------------------------

  /** An Express router serving the whole app; mount it under any path. */
  router(): express.Router {
    this.finalize();
    return createRouter(this);
  }

  /** Starts a server for this app alone. */
  async launch(options: { port?: number; host?: string; quiet?: boolean } = {}): Promise<{ url: string; server: Server; close(): Promise<void> }> {
    const server = express();
    server.disable('x-powered-by');
    server.use(this.router());
    const { server: http, url } = await listen(server, options);
    if (!options.quiet && process.env.ML_QUIET !== '1') console.log(`Running on ${url}`);
    return { url, server: http, close: async () => { await this.close(); await new Promise<void>((r) => http.close(() => r())); http.closeAllConnections?.(); } };
  }

  /** Stops the queue and deletes stored files. */
  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await this.queue.close();
    await this.files.destroy();
  }
}

/** A free-form app: create components and listeners inside `build`. */
export function Blocks(build: (app: App) => void): App;
export function Blocks(options: AppOptions, build: (app: App) => void): App;
export function Blocks(a: AppOptions | ((app: App) => void), b?: (app: App) => void): App {
  return typeof a === 'function' ? new App('blocks', {}, a) : new App('blocks', a, b!);
}
