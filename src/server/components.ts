// Component builders: Gradio's config `type` names and props, plus the conversion between wire values
// and what a handler receives or returns.
import { FILE_DATA_TYPE, isFileData, snakeCase, type FileData, type ShowProgress, type TriggerMode } from '../protocol/index.js';
import type { FileStore, InputFile } from './files.js';

export type { InputFile } from './files.js';

/** Where conversions find the file store and the public URL of this request. */
export interface ValueContext {
  files: FileStore;
  root: string;
  prefix: string;
}

/** Per-session key/value store handed to handlers (lives as long as the user's session). */
export type SessionStore = Map<string, unknown>;

/** The second half of every handler's arguments. */
export interface HandlerContext {
  /** Reports progress: a fraction 0–1, or `{ index, length }` steps, with an optional description. */
  progress(value: number | { index: number; length: number; unit?: string } | null, desc?: string): void;
  /** Shows the user a message while the function runs (Gradio's gr.Info / gr.Warning / gr.Success). */
  info(message: string, options?: LogOptions): void;
  warning(message: string, options?: LogOptions): void;
  success(message: string, options?: LogOptions): void;
  /** Aborts when the user cancels or their session disconnects. */
  signal: AbortSignal;
  /** Per-session storage that survives between calls of the same user. */
  session: SessionStore;
  request: { headers: Record<string, string>; sessionHash: string; eventId: string; root: string };
  /** What the page sent with the event (`select`: `{ index, value, selected }`, `like`: `{ index, value, liked }`), else null. */
  eventData: unknown;
}

export interface LogOptions {
  title?: string;
  /** Seconds to show it; null = until dismissed. */
  duration?: number | null;
  visible?: boolean;
}

export type AnyFn = (...args: any[]) => unknown;

/** Options of an event listener (`button.click({ … })`). */
export interface EventOptions<I extends Inputs = Inputs> {
  fn?: (...args: [...ArgsOf<I>, HandlerContext]) => unknown;
  inputs?: I;
  outputs?: Component<any, any> | readonly Component<any, any>[];
  /** Endpoint name (`/greet`); default the function's name. false = no name. */
  apiName?: string | false;
  apiDescription?: string;
  apiVisibility?: 'public' | 'private' | 'undocumented';
  /** false = run directly on `/run` without the queue. */
  queue?: boolean;
  /** Jobs of this group running at once (default 1, null = unlimited). */
  concurrencyLimit?: number | null;
  /** Listeners sharing an id share one waiting line and limit (default: one per function). */
  concurrencyId?: string;
  showProgress?: ShowProgress;
  triggerMode?: TriggerMode;
  cancels?: EventHandle | readonly EventHandle[];
  /** Client-side function source; with no `fn` the listener runs only in the browser. */
  js?: string;
  scrollToOutput?: boolean;
  /** Force streaming even when `fn` is not a generator function (e.g. returns an async iterable). */
  generator?: boolean;
  /** Seconds a run may take; past it the handler's signal aborts and the user sees an error. */
  timeLimit?: number;
}

export type Inputs = Component<any, any> | readonly Component<any, any>[];
type ValueOf<C> = C extends Component<infer T, any> ? T : never;
export type ArgsOf<I> = I extends Component<any, any>
  ? [ValueOf<I>]
  : I extends readonly Component<any, any>[]
    ? { [K in keyof I]: ValueOf<I[K]> }
    : [];

/** A registered listener; chain follow-ups with `then` (always), `success` or `failure`. */
export interface EventHandle {
  readonly id: number;
  then<I extends Inputs = []>(options: EventOptions<I>): EventHandle;
  success<I extends Inputs = []>(options: EventOptions<I>): EventHandle;
  failure<I extends Inputs = []>(options: EventOptions<I>): EventHandle;
}

/** What Blocks implements so that components can register themselves and their listeners. */
export interface Owner {
  register(component: Component<any, any>): void;
  listen(targets: [Component<any, any> | null, string][], options: EventOptions<any>, after?: { id: number; only: 'success' | 'failure' | null }): EventHandle;
}

export interface ComponentSpec<In, Out> {
  type: string;
  props?: Record<string, unknown>;
  skipApi?: boolean;
  /** A layout block holding children. */
  container?: boolean;
  /** Auto-wrapped with its neighbours in a `form` block. */
  form?: boolean;
  apiInfo?: Record<string, unknown>;
  pythonType?: string;
  example?: unknown;
  /** Validates a wire value at join time; returns a message for the user when it is wrong. */
  check?(value: unknown): string | null;
  pre?(value: unknown, ctx: ValueContext): In | Promise<In>;
  post?(value: Out, ctx: ValueContext): unknown;
}

export class Component<In = unknown, Out = In> {
  /** Config id; assigned when the component joins an app. */
  id = -1;
  owner: Owner | null = null;
  readonly type: string;
  readonly props: Record<string, unknown>;
  readonly skipApi: boolean;
  readonly container: boolean;
  readonly form: boolean;
  readonly children: Component<any, any>[] = [];
  /** API parameter name (explicit `name` option, else the label in snake_case). */
  paramName: string | null = null;
  readonly spec: ComponentSpec<In, Out>;

  constructor(spec: ComponentSpec<In, Out>) {
    this.spec = spec;
    this.type = spec.type;
    this.props = { ...spec.props, name: spec.type };
    this.skipApi = spec.skipApi ?? false;
    this.container = spec.container ?? false;
    this.form = spec.form ?? false;
  }

  get label(): string | null {
    return (this.props.label as string | undefined) ?? null;
  }

  /** Listens to any event by name (`component.on('change', …)`). */
  on<const I extends Inputs = []>(event: string, options: EventOptions<I>): EventHandle {
    if (!this.owner) throw new Error(`Add the ${this.type} to an app (inside Blocks or Interface) before listening to its "${event}" event.`);
    return this.owner.listen([[this, event]], options);
  }
  click<const I extends Inputs = []>(o: EventOptions<I>): EventHandle { return this.on('click', o); }
  change<const I extends Inputs = []>(o: EventOptions<I>): EventHandle { return this.on('change', o); }
  input<const I extends Inputs = []>(o: EventOptions<I>): EventHandle { return this.on('input', o); }
  submit<const I extends Inputs = []>(o: EventOptions<I>): EventHandle { return this.on('submit', o); }
  select<const I extends Inputs = []>(o: EventOptions<I>): EventHandle { return this.on('select', o); }
  upload<const I extends Inputs = []>(o: EventOptions<I>): EventHandle { return this.on('upload', o); }
  clear<const I extends Inputs = []>(o: EventOptions<I>): EventHandle { return this.on('clear', o); }
}

// ---- build context: components created inside Blocks(...) or a layout callback attach themselves ----------

interface Frame {
  owner: Owner;
  parent: Component<any, any>;
}
const frames: Frame[] = [];

/** Runs `build` with `parent` as the container new components are added to. */
export function withParent(owner: Owner, parent: Component<any, any>, build: () => void): void {
  frames.push({ owner, parent });
  try {
    build();
  } finally {
    frames.pop();
  }
}

/** Adds a component to the app and container being built (if any) and returns it. */
export function attach<C extends Component<any, any>>(c: C, owner?: Owner, parent?: Component<any, any>): C {
  const frame = frames[frames.length - 1];
  const o = owner ?? frame?.owner;
  const p = parent ?? frame?.parent;
  if (!o || !p || c.owner) return c;
  o.register(c);
  p.children.push(c);
  return c;
}

// ---- props helpers ----------------------------------------------------------------------------------

/** Options shared by every component. */
export interface CommonOptions {
  label?: string;
  /** API parameter name; default the label in snake_case. */
  name?: string;
  info?: string;
  visible?: boolean;
  interactive?: boolean;
  showLabel?: boolean;
  container?: boolean;
  scale?: number;
  minWidth?: number;
  elemId?: string;
  elemClasses?: string[];
  [prop: string]: unknown;
}

const COMMON = { show_label: true, container: true, min_width: 160, visible: true, elem_classes: [] as string[] };

/** camelCase options → snake_case props, dropping undefined and our own keys. */
function propsOf(options: Record<string, unknown>, defaults: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { ...defaults };
  for (const [k, v] of Object.entries(options)) {
    if (v === undefined || k === 'name') continue;
    out[snakeCase(k)] = v;
  }
  return out;
}

function make<In, Out>(spec: ComponentSpec<In, Out>, options: CommonOptions): Component<In, Out> {
  const c = new Component(spec);
  c.paramName = options.name ?? null;
  return attach(c);
}

const typeName = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`);

const checkString = (v: unknown) => (v == null || typeof v === 'string' ? null : `expected a string, got ${typeName(v)}`);
const checkNumber = (v: unknown) =>
  v == null || (typeof v === 'number' && Number.isFinite(v)) ? null : `expected a number, got ${typeName(v)}`;

type ChoiceInput = string | number | [string, string | number];
function choicesOf(choices: readonly ChoiceInput[] | undefined): [string, string | number][] {
  return (choices ?? []).map((c) => (Array.isArray(c) ? [String(c[0]), c[1]] : [String(c), c]));
}

// ---- text and numbers ---------------------------------------------------------------------------------

export interface TextboxOptions extends CommonOptions {
  value?: string;
  lines?: number;
  maxLines?: number;
  placeholder?: string;
  type?: 'text' | 'password' | 'email';
  autofocus?: boolean;
  submitBtn?: boolean | string;
  stopBtn?: boolean | string;
}

export function textbox(options: TextboxOptions = {}): Component<string, string | null> {
  return make<string, string | null>(
    {
      type: 'textbox',
      form: true,
      props: propsOf(options, { ...COMMON, value: '', lines: 1, max_lines: 20, type: 'text', autofocus: false, autoscroll: true, rtl: false, show_copy_button: false }),
      apiInfo: { type: 'string' },
      pythonType: 'str',
      example: 'Hello!!',
      check: checkString,
      pre: (v) => (v == null ? '' : String(v)),
      post: (v) => (v == null ? null : String(v)),
    },
    options,
  );
}

export interface NumberOptions extends CommonOptions {
  value?: number | null;
  minimum?: number;
  maximum?: number;
  step?: number;
  precision?: number;
}

function roundTo(v: number, precision: number | undefined) {
  return precision == null ? v : Number(v.toFixed(precision));
}

export function number(options: NumberOptions = {}): Component<number | null, number | null> {
  const precision = options.precision;
  return make<number | null, number | null>(
    {
      type: 'number',
      form: true,
      props: propsOf(options, { ...COMMON, value: 0, step: 1 }),
      apiInfo: { type: 'number' },
      pythonType: 'float',
      example: 3,
      check: checkNumber,
      pre: (v) => (v == null ? null : roundTo(v as number, precision)),
      post: (v) => (v == null ? null : roundTo(Number(v), precision)),
    },
    options,
  );
}

export interface SliderOptions extends CommonOptions {
  minimum?: number;
  maximum?: number;
  step?: number;
  value?: number;
}

export function slider(options: SliderOptions = {}): Component<number, number> {
  const min = options.minimum ?? 0;
  const max = options.maximum ?? 100;
  return make<number, number>(
    {
      type: 'slider',
      form: true,
      props: propsOf({ ...options, minimum: min, maximum: max }, { ...COMMON, step: 1, value: options.value ?? min }),
      apiInfo: { type: 'number', description: `numeric value between ${min} and ${max}` },
      pythonType: 'float',
      example: min,
      check: (v) => checkNumber(v) ?? (v != null && ((v as number) < min || (v as number) > max) ? `expected a number between ${min} and ${max}, got ${v}` : null),
      pre: (v) => (v == null ? (options.value ?? min) : (v as number)),
      post: (v) => Number(v),
    },
    options,
  );
}

export function checkbox(options: CommonOptions & { value?: boolean } = {}): Component<boolean, boolean> {
  return make<boolean, boolean>(
    {
      type: 'checkbox',
      form: true,
      props: propsOf(options, { ...COMMON, value: false }),
      apiInfo: { type: 'boolean' },
      pythonType: 'bool',
      example: true,
      check: (v) => (v == null || typeof v === 'boolean' ? null : `expected true or false, got ${typeName(v)}`),
      pre: (v) => Boolean(v),
      post: (v) => Boolean(v),
    },
    options,
  );
}

export interface ChoiceOptions extends CommonOptions {
  /** Values, or `[label, value]` pairs. */
  choices?: readonly ChoiceInput[];
  /** What the handler receives: the chosen value (default) or its index. */
  type?: 'value' | 'index';
}

function choiceComponent<V>(type: 'radio' | 'dropdown' | 'checkboxgroup', title: string, options: ChoiceOptions & { value?: unknown; multiselect?: boolean; allowCustomValue?: boolean }): Component<V, V> {
  const choices = choicesOf(options.choices);
  const values = choices.map((c) => c[1]);
  const multi = type === 'checkboxgroup' || options.multiselect === true;
  const custom = options.allowCustomValue === true;
  const enumInfo = { enum: values, type: typeof values[0] === 'number' ? 'number' : 'string' };
  const one = (v: unknown) =>
    custom || values.includes(v as string) ? null : `${JSON.stringify(v)} is not one of the choices: ${values.map((x) => JSON.stringify(x)).join(', ')}`;
  const toHandler = (v: unknown) => (options.type === 'index' ? values.indexOf(v as string) : v);
  return make<V, V>(
    {
      type,
      form: true,
      props: propsOf({ ...options, choices }, { ...COMMON, value: multi ? [] : (options.value ?? values[0] ?? null), type: 'value' }),
      apiInfo: multi ? { items: enumInfo, title, type: 'array' } : { ...enumInfo, title },
      pythonType: multi ? `list[Literal[${values.map((x) => JSON.stringify(x).replace(/"/g, "'")).join(', ')}]]` : `Literal[${values.map((x) => JSON.stringify(x).replace(/"/g, "'")).join(', ')}]`,
      example: multi ? values.slice(0, 1) : values[0],
      check: (v) => {
        if (v == null) return null;
        if (multi) return Array.isArray(v) ? (v.map(one).find((e) => e) ?? null) : `expected a list of choices, got ${typeName(v)}`;
        return one(v);
      },
      pre: (v) => (multi ? ((v as unknown[] | null) ?? []).map(toHandler) : v == null ? null : toHandler(v)) as V,
      post: (v) => v,
    },
    options,
  );
}

export function radio<V extends string | number = string>(options: ChoiceOptions & { value?: V | null } = {}): Component<V, V> {
  return choiceComponent<V>('radio', 'Radio', options);
}
export function dropdown<V = string>(options: ChoiceOptions & { value?: V | null; multiselect?: boolean; allowCustomValue?: boolean; filterable?: boolean } = {}): Component<V, V> {
  return choiceComponent<V>('dropdown', 'Dropdown', options);
}
export function checkboxGroup<V extends string | number = string>(options: ChoiceOptions & { value?: V[] } = {}): Component<V[], V[]> {
  return choiceComponent<V[]>('checkboxgroup', 'Checkbox Group', options);
}

export function colorPicker(options: CommonOptions & { value?: string } = {}): Component<string, string> {
  return make<string, string>(
    {
      type: 'colorpicker',
      form: true,
      props: propsOf(options, { ...COMMON, value: '#000000' }),
      apiInfo: { type: 'string' },
      pythonType: 'str',
      example: '#000000',
      check: (v) => checkString(v) ?? (v != null && !/^#[0-9a-f]{3,8}$|^rgba?\(/i.test(v as string) ? `expected a colour like "#ff8800", got ${JSON.stringify(v)}` : null),
      pre: (v) => String(v ?? '#000000'),
      post: (v) => v,
    },
    options,
  );
}

export function code(options: CommonOptions & { value?: string; language?: string; lines?: number } = {}): Component<string, string> {
  return make<string, string>(
    {
      type: 'code',
      props: propsOf(options, { ...COMMON, value: '', lines: 5, language: null }),
      apiInfo: { type: 'string' },
      pythonType: 'str',
      example: 'print("Hello")',
      check: checkString,
      pre: (v) => String(v ?? ''),
      post: (v) => (v == null ? null : String(v)),
    },
    options,
  );
}

// ---- display ------------------------------------------------------------------------------------------

function textDisplay(type: 'markdown' | 'html', value: string | CommonOptions & { value?: string }): Component<string, string> {
  const options = typeof value === 'string' ? { value } : value;
  return make<string, string>(
    {
      type,
      props: propsOf(options, { ...COMMON, value: '', show_label: false, ...(type === 'markdown' ? { sanitize_html: true, line_breaks: false, rtl: false } : {}) }),
      apiInfo: { type: 'string' },
      pythonType: 'str',
      example: type === 'markdown' ? '# Hello!' : '<p>Hello</p>',
      check: checkString,
      pre: (v) => String(v ?? ''),
      post: (v) => (v == null ? null : String(v)),
    },
    options,
  );
}
export const markdown = (value: string | (CommonOptions & { value?: string }) = {}) => textDisplay('markdown', value);
export const html = (value: string | (CommonOptions & { value?: string }) = {}) => textDisplay('html', value);

export function button(value: string | (CommonOptions & { value?: string; variant?: 'primary' | 'secondary' | 'stop'; size?: 'sm' | 'md' | 'lg' }) = {}): Component<string, string> {
  const options = typeof value === 'string' ? { value } : value;
  return make<string, string>(
    {
      type: 'button',
      props: propsOf(options, { value: 'Run', variant: 'secondary', visible: true, interactive: true, elem_classes: [], size: 'lg', min_width: 160 }),
      apiInfo: { type: 'string' },
      pythonType: 'str',
      example: 'Run',
      check: checkString,
      pre: (v) => String(v ?? ''),
      post: (v) => v,
    },
    options,
  );
}

export function json(options: CommonOptions & { value?: unknown; open?: boolean } = {}): Component<unknown, unknown> {
  return make<unknown, unknown>(
    {
      type: 'json',
      props: propsOf(options, { ...COMMON, value: null }),
      apiInfo: {},
      pythonType: 'Any',
      example: { a: 1 },
      pre: (v) => v,
      post: (v) => v,
    },
    options,
  );
}

/** Classification result: a handler returns a label, or `{ class: confidence }`. */
export function label(options: CommonOptions & { numTopClasses?: number; value?: unknown } = {}): Component<unknown, string | number | Record<string, number> | null> {
  const top = options.numTopClasses;
  return make(
    {
      type: 'label',
      props: propsOf(options, { ...COMMON, value: null }),
      apiInfo: { type: 'object', properties: { label: { type: 'string' }, confidences: { type: 'array', items: { type: 'object' } } } },
      pythonType: 'Dict(label: str, confidences: List[Dict(label: str, confidence: float)])',
      example: { label: 'cat', confidences: [{ label: 'cat', confidence: 0.9 }] },
      pre: (v) => v,
      post: (v) => {
        if (v == null) return null;
        if (typeof v !== 'object') return { label: String(v) };
        const confidences = Object.entries(v)
          .map(([label, confidence]) => ({ label, confidence: Number(confidence) }))
          .sort((a, b) => b.confidence - a.confidence)
          .slice(0, top);
        return { label: confidences[0]?.label ?? null, confidences };
      },
    },
    options,
  );
}

export interface HighlightedToken {
  token: string;
  class_or_confidence: string | number | null;
}
/** Text with labelled spans: return `[text, label | null][]`. */
export function highlightedText(options: CommonOptions & { colorMap?: Record<string, string>; showLegend?: boolean; combineAdjacent?: boolean } = {}): Component<HighlightedToken[], [string, string | number | null][] | HighlightedToken[] | null> {
  return make(
    {
      type: 'highlightedtext',
      props: propsOf(options, { ...COMMON, value: null, show_legend: false, combine_adjacent: false, show_inline_category: true }),
      apiInfo: { type: 'array', items: { type: 'object', properties: { token: { type: 'string' }, class_or_confidence: {} } } },
      pythonType: 'List[Dict(token: str, class_or_confidence: str | float | None)]',
      example: [{ token: 'Hello', class_or_confidence: 'greeting' }],
      pre: (v) => (v ?? []) as HighlightedToken[],
      post: (v) => (v == null ? null : v.map((t) => (Array.isArray(t) ? { token: t[0], class_or_confidence: t[1] } : t))),
    },
    options,
  );
}

// ---- files ---------------------------------------------------------------------------------------------

const FILE_DATA_SCHEMA = {
  $defs: {
    FileDataMeta: { properties: { _type: { const: FILE_DATA_TYPE, title: 'Type', type: 'string' } }, required: ['_type'], title: 'FileDataMeta', type: 'object' },
  },
  properties: {
    path: { title: 'Path', type: 'string' },
    url: { anyOf: [{ type: 'string' }, { type: 'null' }], default: null, title: 'Url' },
    size: { anyOf: [{ type: 'integer' }, { type: 'null' }], default: null, title: 'Size' },
    orig_name: { anyOf: [{ type: 'string' }, { type: 'null' }], default: null, title: 'Orig Name' },
    mime_type: { anyOf: [{ type: 'string' }, { type: 'null' }], default: null, title: 'Mime Type' },
    is_stream: { default: false, title: 'Is Stream', type: 'boolean' },
    meta: { $ref: '#/$defs/FileDataMeta' },
  },
  required: ['path'],
  title: 'FileData',
  type: 'object',
};
const EXAMPLE_IMAGE = 'https://raw.githubusercontent.com/gradio-app/gradio/main/test/test_files/bus.png';

/** What a handler may return for a file output. */
export type FileOutput = Uint8Array | string | InputFile | FileData | { data: Uint8Array; name?: string; mimeType?: string } | null | undefined;

const checkFile = (v: unknown) =>
  v == null || isFileData(v) || (typeof v === 'object' && v !== null && typeof (v as { path?: unknown }).path === 'string')
    ? null
    : `expected a file (FileData with a "path" from ${'/upload'} or an http(s) URL), got ${JSON.stringify(v)?.slice(0, 80)}`;

async function fileIn(v: unknown, ctx: ValueContext): Promise<InputFile | null> {
  if (v == null) return null;
  return ctx.files.acceptInput(v as FileData, ctx.root, ctx.prefix);
}

/** Turns what a handler returned into output FileData with an absolute URL in the app's output store. */
export async function fileOut(v: FileOutput, ctx: ValueContext): Promise<FileData | null> {
  if (v == null) return null;
  if (v instanceof Uint8Array) return ctx.files.describe(await ctx.files.saveOutput(v, null), ctx.root, ctx.prefix);
  if (typeof v === 'string') {
    if (/^https?:\/\//i.test(v)) return { path: v, url: v, orig_name: v.split('/').pop() ?? null, is_stream: false, meta: { _type: FILE_DATA_TYPE } };
    return fileOut({ path: v } as FileData, ctx);
  }
  if ('data' in v && v.data instanceof Uint8Array) {
    return ctx.files.describe(await ctx.files.saveOutput(v.data, v.name ?? null, v.mimeType), ctx.root, ctx.prefix, v.name, v.mimeType);
  }
  const p = (v as { path: string }).path;
  if (/^https?:\/\//i.test(p)) return { ...(v as FileData), url: p, meta: { _type: FILE_DATA_TYPE } };
  let file: string;
  try {
    file = await ctx.files.resolveServable(p);
  } catch {
    // A file from elsewhere on disk: copy it into the output store so it can be served.
    const { readFile } = await import('node:fs/promises');
    const data = await readFile(p).catch(() => {
      throw new Error(`Output file ${p} does not exist.`);
    });
    file = await ctx.files.saveOutput(data, p.split('/').pop() ?? null);
  }
  const orig = (v as FileData).orig_name ?? (v as InputFile).origName ?? null;
  const mime = (v as FileData).mime_type ?? (v as InputFile).mimeType ?? null;
  return ctx.files.describe(file, ctx.root, ctx.prefix, orig, mime);
}

function fileComponent(type: 'image' | 'audio' | 'video' | 'file', options: CommonOptions, defaults: Record<string, unknown>): Component<any, FileOutput> {
  const multiple = type === 'file' && options.fileCount === 'multiple';
  return make<any, FileOutput>(
    {
      type,
      props: propsOf(options, { ...COMMON, value: null, ...defaults }),
      apiInfo: multiple ? { type: 'array', items: FILE_DATA_SCHEMA } : FILE_DATA_SCHEMA,
      pythonType: multiple ? 'List[filepath]' : 'filepath',
      example: { path: EXAMPLE_IMAGE, meta: { _type: FILE_DATA_TYPE }, orig_name: 'bus.png', url: EXAMPLE_IMAGE },
      check: (v) => (multiple && Array.isArray(v) ? (v.map(checkFile).find((e) => e) ?? null) : checkFile(v)),
      pre: async (v, ctx) => (multiple ? Promise.all(((v as unknown[]) ?? []).map((x) => fileIn(x, ctx))) : fileIn(v, ctx)),
      post: (v, ctx) => (multiple && Array.isArray(v) ? Promise.all(v.map((x) => fileOut(x as FileOutput, ctx))) : fileOut(v, ctx)),
    },
    options,
  );
}

/** An image: the handler receives `{ path, mimeType, … }` and may return a Buffer, a path or a URL. */
export function image(options: CommonOptions & { height?: number; width?: number; sources?: string[]; format?: string } = {}): Component<InputFile | null, FileOutput> {
  return fileComponent('image', options, { type: 'filepath', sources: ['upload', 'webcam', 'clipboard'], format: 'webp', show_download_button: true, image_mode: 'RGB' });
}
export function audio(options: CommonOptions & { sources?: string[] } = {}): Component<InputFile | null, FileOutput> {
  return fileComponent('audio', options, { type: 'filepath', sources: ['upload', 'microphone'], autoplay: false, show_download_button: true });
}
export function video(options: CommonOptions & { sources?: string[]; height?: number; width?: number } = {}): Component<InputFile | null, FileOutput> {
  return fileComponent('video', options, { sources: ['upload', 'webcam'], autoplay: false, show_download_button: true, format: null });
}
export function file(options: CommonOptions & { fileCount?: 'single' | 'multiple'; fileTypes?: string[] } = {}): Component<any, FileOutput | FileOutput[]> {
  return fileComponent('file', options, { file_count: 'single', type: 'filepath' }) as Component<any, FileOutput | FileOutput[]>;
}

/** A gallery item as a handler receives it. */
export interface GalleryItem {
  image?: InputFile | null;
  video?: InputFile | null;
  caption: string | null;
}
/** Return a list of images (Buffer, path or URL), optionally `[image, caption]` pairs. */
export function gallery(options: CommonOptions & { columns?: number; height?: number | string } = {}): Component<GalleryItem[], (FileOutput | [FileOutput, string])[] | null> {
  return make(
    {
      type: 'gallery',
      props: propsOf(options, { ...COMMON, value: null, columns: 2, show_share_button: false, show_download_button: true, preview: false, allow_preview: true, object_fit: 'cover', type: 'filepath' }),
      apiInfo: { type: 'array', items: { type: 'object', properties: { image: FILE_DATA_SCHEMA, caption: { type: ['string', 'null'] } } } },
      pythonType: 'List[Dict(image: filepath, caption: str | None)]',
      example: [{ image: { path: EXAMPLE_IMAGE, meta: { _type: FILE_DATA_TYPE } }, caption: null }],
      check: (v) => (v == null || Array.isArray(v) ? null : `expected a list of images, got ${typeName(v)}`),
      pre: async (v, ctx) =>
        Promise.all(
          ((v ?? []) as Record<string, unknown>[]).map(async (item) => {
            // Clients send `{image, caption}` items, or (JS client for Gallery) bare FileData / paths.
            const media = (item?.image ?? item?.video ?? item) as FileData | string | null;
            const fd = typeof media === 'string' ? ({ path: media } as FileData) : media;
            const file = await fileIn(fd, ctx);
            const isVideo = item?.video != null || /^video\//.test(file?.mimeType ?? '');
            return { [isVideo ? 'video' : 'image']: file, caption: (item?.caption as string | null | undefined) ?? null } as GalleryItem;
          }),
        ),
      post: async (v, ctx) => {
        if (v == null) return null;
        return Promise.all(
          v.map(async (item) => {
            const [media, caption] = Array.isArray(item) ? item : [item, null];
            const fd = await fileOut(media as FileOutput, ctx);
            const isVideo = /^video\//.test(fd?.mime_type ?? '');
            return { [isVideo ? 'video' : 'image']: fd, caption };
          }),
        );
      },
    },
    options,
  );
}

// ---- tables and chat --------------------------------------------------------------------------------------

export interface Table {
  headers: string[];
  data: unknown[][];
}
/** A table: the handler receives `{ headers, data }` and returns that or a plain 2-D array. */
export function dataframe(options: CommonOptions & { headers?: string[]; value?: unknown[][] | Table; datatype?: string | string[]; wrap?: boolean } = {}): Component<Table, Table | unknown[][] | null> {
  const headersFor = (rows: unknown[][]) => options.headers ?? (rows[0] ?? []).map((_, i) => String(i + 1));
  const toTable = (v: unknown): Table | null =>
    v == null ? null : Array.isArray(v) ? { headers: headersFor(v as unknown[][]), data: v as unknown[][] } : (v as Table);
  const initial = toTable(options.value ?? [[]]);
  return make(
    {
      type: 'dataframe',
      props: propsOf({ ...options, value: initial ?? undefined }, { ...COMMON, datatype: 'str', row_count: [1, 'dynamic'], col_count: null, wrap: false, type: 'pandas', interactive: null }),
      apiInfo: {
        type: 'object',
        properties: { headers: { type: 'array', items: { type: 'string' } }, data: { type: 'array', items: { type: 'array', items: {} } } },
      },
      pythonType: 'Dict(headers: List[str], data: List[List[Any]])',
      example: { headers: ['a', 'b'], data: [['foo', 'bar']] },
      check: (v) =>
        v == null || Array.isArray(v) || (typeof v === 'object' && Array.isArray((v as Table).data)) ? null : `expected {headers, data} or a list of rows, got ${typeName(v)}`,
      pre: (v) => toTable(v) ?? { headers: options.headers ?? [], data: [] },
      post: (v) => toTable(v),
    },
    options,
  );
}

/** A chat message as a handler sees it. */
export interface ChatMessage {
  role: 'user' | 'assistant' | 'system';
  content: string | FileData;
  metadata?: Record<string, unknown> | null;
}
type ChatPart = { type: 'text'; text: string } | { type: 'file'; file: FileData; alt_text: string | null };
interface WireMessage {
  role: string;
  content: ChatPart[];
  metadata: Record<string, unknown> | null;
  options: unknown[] | null;
}

function partsOf(content: unknown): ChatPart[] {
  if (Array.isArray(content)) return content as ChatPart[];
  if (content != null && typeof content === 'object') return [{ type: 'file', file: content as FileData, alt_text: null }];
  return [{ type: 'text', text: String(content ?? '') }];
}

/** Normalises messages (string content, or legacy `[user, bot]` pairs) to the wire's part lists. */
export function toWireMessages(v: unknown): WireMessage[] {
  if (!Array.isArray(v)) return [];
  const out: WireMessage[] = [];
  for (const m of v) {
    if (Array.isArray(m)) {
      if (m[0] != null) out.push({ role: 'user', content: partsOf(m[0]), metadata: null, options: null });
      if (m[1] != null) out.push({ role: 'assistant', content: partsOf(m[1]), metadata: null, options: null });
    } else if (m && typeof m === 'object') {
      const msg = m as ChatMessage & { options?: unknown[] };
      out.push({ role: msg.role, content: partsOf(msg.content), metadata: msg.metadata ?? null, options: msg.options ?? null });
    }
  }
  return out;
}

/** Wire messages → what a handler gets: text parts joined into one string, a lone file as FileData. */
export function fromWireMessages(v: unknown): ChatMessage[] {
  if (!Array.isArray(v)) return [];
  return v
    .filter((m): m is Record<string, unknown> => m !== null && typeof m === 'object' && !Array.isArray(m))
    .map((m) => {
      const parts = Array.isArray(m.content) ? (m.content as ChatPart[]) : partsOf(m.content);
      const files = parts.filter((p) => p.type === 'file');
      const content = files.length && parts.length === 1 ? (files[0] as { file: FileData }).file : parts.map((p) => (p.type === 'text' ? p.text : '')).join('');
      return { role: (m.role as ChatMessage['role']) ?? 'user', content, metadata: (m.metadata as Record<string, unknown>) ?? null };
    });
}

export function chatbot(options: CommonOptions & { value?: ChatMessage[]; height?: number | string; placeholder?: string } = {}): Component<ChatMessage[], ChatMessage[] | [string | null, string | null][] | null> {
  return make(
    {
      type: 'chatbot',
      props: propsOf({ ...options, value: toWireMessages(options.value ?? []) }, { ...COMMON, type: 'messages', show_copy_button: false, render_markdown: true, sanitize_html: true, bubble_full_width: true, autoscroll: true, layout: 'bubble', likeable: false, _retryable: false, _undoable: false }),
      apiInfo: { type: 'array', items: { type: 'object', properties: { role: { type: 'string' }, content: {} } } },
      pythonType: 'List[Dict(role: str, content: str | List)]',
      example: [{ role: 'user', content: [{ type: 'text', text: 'Hello!' }] }],
      check: (v) => (v == null || Array.isArray(v) ? null : `expected a list of messages, got ${typeName(v)}`),
      pre: (v) => fromWireMessages(v),
      post: (v) => (v == null ? null : toWireMessages(v)),
    },
    options,
  );
}

// ---- invisible blocks ---------------------------------------------------------------------------------------

/** Per-session value kept on the server; the wire carries null. */
export function state<T>(value?: T): Component<T, T> {
  const c = new Component<T, T>({
    type: 'state',
    skipApi: true,
    props: { value: value === undefined ? null : value, visible: true },
    pre: (v) => v as T,
    post: (v) => v,
  });
  return attach(c);
}

/** Clickable examples; its value is the clicked row's index. */
export function dataset(options: { components: Component<any, any>[]; samples: unknown[][]; label?: string; headers?: string[]; samplesPerPage?: number; visible?: boolean }): Component<number, number> {
  const c = new Component<number, number>({
    type: 'dataset',
    props: {
      label: options.label ?? 'Examples',
      components: options.components.map((x) => x.type),
      component_props: options.components.map((x) => ({ ...x.props })),
      component_ids: options.components.map((x) => x.id),
      headers: options.headers ?? options.components.map((x) => x.label ?? ''),
      samples: options.samples,
      samples_per_page: options.samplesPerPage ?? 10,
      type: 'index',
      layout: null,
      container: true,
      visible: options.visible ?? true,
      elem_classes: [],
      value: null,
      sample_labels: null,
    },
    apiInfo: { type: 'integer', description: 'index of the selected example' },
    pythonType: 'int',
    example: 0,
    check: (v) => (v == null || (Number.isInteger(v) && (v as number) >= 0 && (v as number) < options.samples.length) ? null : `expected an example index below ${options.samples.length}, got ${typeName(v)}`),
    pre: (v) => Number(v ?? 0),
    post: (v) => v,
  });
  return attach(c);
}

// ---- layout -------------------------------------------------------------------------------------------

type LayoutArgs<O> = [build: () => void] | [options: O, build: () => void];

function container(type: string, props: Record<string, unknown>, build: () => void): Component<never, never> {
  const c = new Component<never, never>({ type, container: true, skipApi: true, props });
  attach(c);
  const frame = frames[frames.length - 1];
  if (!frame) throw new Error(`${type}(...) must be called inside Blocks(...) or another layout block.`);
  withParent(frame.owner, c, build);
  return c;
}
function split<O>(args: LayoutArgs<O>): [Partial<O>, () => void] {
  return args.length === 1 ? [{}, args[0]] : [args[0], args[1]];
}

export function row(...args: LayoutArgs<{ variant?: 'default' | 'panel' | 'compact'; equalHeight?: boolean; visible?: boolean; scale?: number }>) {
  const [o, build] = split(args);
  return container('row', propsOf(o, { variant: 'default', visible: true, equal_height: false, elem_classes: [] }), build);
}
export function column(...args: LayoutArgs<{ variant?: 'default' | 'panel' | 'compact'; scale?: number; minWidth?: number; visible?: boolean }>) {
  const [o, build] = split(args);
  return container('column', propsOf(o, { scale: 1, min_width: 320, variant: 'default', visible: true, elem_classes: [] }), build);
}
export function group(...args: LayoutArgs<{ visible?: boolean }>) {
  const [o, build] = split(args);
  return container('group', propsOf(o, { visible: true, elem_classes: [] }), build);
}
export function tabs(...args: LayoutArgs<{ selected?: string | number; visible?: boolean }>) {
  const [o, build] = split(args);
  return container('tabs', propsOf(o, { visible: true, elem_classes: [] }), build);
}
export function tab(label: string, build: () => void, options: { id?: string | number; visible?: boolean; interactive?: boolean } = {}) {
  return container('tabitem', propsOf({ ...options, label }, { visible: true, interactive: true, elem_classes: [] }), build);
}
export function accordion(label: string, build: () => void, options: { open?: boolean; visible?: boolean } = {}) {
  return container('accordion', propsOf({ ...options, label }, { open: true, visible: true, elem_classes: [] }), build);
}

/** A props update returned in place of a value (`update({ visible: false })`). */
export function update(props: Record<string, unknown>): { __type__: 'update' } & Record<string, unknown> {
  return { __type__: 'update', ...props };
}

/** Clickable example rows that fill `inputs` (Gradio's gr.Examples): a Dataset plus its click listener. */
export function examples(options: { inputs: Component<any, any> | Component<any, any>[]; samples: unknown[][]; label?: string }): Component<number, number> {
  const inputs = Array.isArray(options.inputs) ? options.inputs : [options.inputs];
  const rows = options.samples;
  const ds = dataset({ components: inputs, samples: rows, label: options.label });
  if (ds.owner) wireExamples(ds, inputs, rows);
  return ds;
}

/** The listener that copies a clicked example row into the inputs. */
export function wireExamples(ds: Component<number, number>, inputs: Component<any, any>[], rows: unknown[][]): void {
  {
    ds.click({
      fn: (i: number) => (inputs.length === 1 ? rows[i][0] : rows[i]),
      inputs: ds,
      outputs: inputs,
      queue: false,
      apiName: false,
      apiVisibility: 'private',
      showProgress: 'hidden',
    });
  }
}
