import { html, LitElement, nothing, type PropertyValues, type ReactiveElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { ContextProvider } from '@lit/context';
import { connect, Client, type JobEvent } from '../../src/client/index.js';
import { isPropsUpdate, type AppConfig, type ComponentConfig, type DependencyConfig, type LayoutNode } from '../../src/protocol/index.js';
import { tokens, darkTokens } from '../base/styles.js';
import { appContext, type AppContext } from '../base/context.js';
import { camelCase } from '../base/element.js';
import {
  MlComponentEvent,
  MlDataEvent,
  MlErrorEvent,
  MlLoadEvent,
  MlRenderEvent,
  MlStatusEvent,
  type MlErrorCode,
  type MlStatus,
} from '../base/events.js';
import { registry, INVISIBLE_TYPES, LAYOUT_TYPES, STATE_TYPES } from '../registry.js';
import type { MlStatusTracker, TrackerState } from './status.js';
import { appStyles } from './app.styles.js';
import { copyShareLink, readShare, shareKey } from '../share/share.js';

/** One rendered component: its element, the block wrapper around it (not for layout), its config. */
interface Item {
  comp: ComponentConfig;
  el: HTMLElement & { value?: unknown; interactive?: boolean };
  wrap: HTMLElement | null;
  tracker?: MlStatusTracker;
}

interface Toast {
  id: number;
  level: 'info' | 'warning' | 'success' | 'error';
  title: string | null;
  message: string;
}

interface RunResult {
  ok: boolean;
  values: unknown[] | null;
  error?: { code: string; message: string };
}

type Dep = DependencyConfig;

// `"false"` turns a default-on switch off; presence (or anything else) turns an opt-in switch on.
const onUnlessFalse = { fromAttribute: (v: string | null) => v !== 'false', toAttribute: (v: boolean) => (v ? null : 'false') };
const onIfPresent = { fromAttribute: (v: string | null) => v !== null && v !== 'false' };

const ERROR_TEXT: Record<string, string> = {
  not_found: 'This app could not be found',
  network: 'Could not reach this app',
  unsupported_protocol: 'This app uses a protocol that is not supported',
  unauthorized: 'This app needs a login or a token',
  queue_full: 'The queue is full, try again later',
  connection_lost: 'Connection lost',
};

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);
const errorOf = (e: unknown) => {
  const err = e as { code?: string; message?: string; title?: string | null };
  return { code: err?.code ?? 'network', message: err?.message || String(e), title: err?.title ?? null };
};

let toastIds = 0;

/** Parts of the rendered components that a page can style through `ml-app::part(…)`. */
const EXPORTED_PARTS = 'label, info, input, button, range, number, choice, chip, listbox, option, sample, content, table, heading, bar, tablist, tab, summary';

/** Gradio event names that components fire as native DOM events (focus/blur as their bubbling twins). */
const NATIVE: Record<string, string> = { change: 'change', input: 'input', click: 'click', focus: 'focusin', blur: 'focusout' };

/** Gradio sizes a form in a row by its children (`Form.add_child`); configs that leave it at 0 get that here. */
function formSize(comp: ComponentConfig, node: LayoutNode, byId: Map<number, ComponentConfig>): Record<string, number> {
  if (comp.type !== 'form' || (comp.props.scale ?? 0) > 0) return {};
  const kids = (node.children ?? []).map((c) => byId.get(c.id)?.props ?? {});
  return {
    scale: kids.reduce((t, p) => t + (typeof p.scale === 'number' ? p.scale : 1), 0) || 1,
    min_width: kids.reduce((t, p) => t + (typeof p.min_width === 'number' ? p.min_width : 160), 0),
  };
}

/**
 * @summary Renders and runs a whole Gradio-compatible app from its URL: layout, components, events, queue status.
 *
 * @csspart app - The app's card.
 * @csspart body - The layout root.
 * @csspart block - The wrapper around each component (carries the status tracker).
 * @csspart error - The message shown when the app cannot load.
 * @csspart toasts - The toast stack (inside the element, never over the page).
 * @csspart toast - One toast.
 * @csspart footer - The footer with the "Use via API" toggle.
 * @csspart label - Component labels (re-exported from the components, as are input, button, range, number, choice,
 *   chip, listbox, option, sample, content, table, heading, bar, tablist, tab, summary).
 * @cssprop --ml-color-background - App background (and every `--ml-*` token of the components).
 * @fires ml-load - The config has loaded (`event.config`).
 * @fires ml-render - The layout has rendered.
 * @fires ml-status - Queue/progress status of a running event (`event.status`).
 * @fires ml-data - Outputs of an event received data (`event.values`, `event.final`).
 * @fires ml-error - Load or run failure (`event.code`: not_found, network, unsupported_protocol, app_error, queue_full, connection_lost…).
 */
export class MlApp extends LitElement {
  static override styles = [tokens, darkTokens, appStyles];

  /** Where the embed snippet of the "Use via API" panel loads the drop-in script from. */
  static scriptUrl = 'https://cdn.jsdelivr.net/npm/ml-elements/dist/ml-elements.js';

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'theme_mode', 'initial_height'];
  }

  /** URL of the app (any Gradio 5/6 app or an ml-elements server). */
  @property() src = '';
  /** Hugging Face Space `owner/name`, instead of `src`. */
  @property() space = '';
  /** Load at once instead of when the element nears the viewport. */
  @property({ converter: onIfPresent }) eager = false;
  /** `light`, `dark` or `system`. Also `theme_mode`. */
  @property({ attribute: 'theme-mode' }) themeMode: 'light' | 'dark' | 'system' = 'system';
  /** Minimum height while loading (CSS length). Also `initial_height`. */
  @property({ attribute: 'initial-height' }) initialHeight = '300px';
  /** Card border and padding around the app (`container="false"` removes them). */
  @property({ converter: onUnlessFalse }) container = true;
  /** Footer with the "Use via API" toggle (`info="false"` hides it). */
  @property({ converter: onUnlessFalse }) info = true;
  /** Scroll outputs into view when results arrive. */
  @property({ converter: onIfPresent }) autoscroll = false;
  /** Lets the app run its JavaScript event handlers (remote code) in this page. Off by default. */
  @property({ attribute: 'allow-remote-js', converter: onIfPresent }) allowRemoteJs = false;

  @state() private near = false;
  @state() private failure: { code: string; message: string; detail: string } | null = null;
  @state() private toasts: Toast[] = [];
  @state() private apiOpen = false;
  @state() private tree: HTMLElement | null = null;
  @state() private systemDark = false;
  @state() private inline: AppConfig | null = null;

  private currentClient: Client | null = null;
  private items = new Map<number, Item>();
  private initial = new Map<number, unknown>();
  private thens = new Map<number, Dep[]>();
  private changeDeps = new Map<number, Dep[]>();
  private running = new Map<number, Set<{ cancel(): Promise<void> }>>();
  private queuedLast = new Map<number, { data: unknown; trigger: number | null }>();
  private observer: IntersectionObserver | null = null;
  private media: MediaQueryList | null = null;
  private readonly provider = new ContextProvider(this, { context: appContext });

  private readonly loader = new Task(this, {
    args: () => [this.src.trim() || this.space.trim(), this.near || this.eager, this.inline] as const,
    task: async ([ref, go, inline], { signal }) => {
      this.teardown();
      if ((!ref && !inline) || !go) return null;
      let client: Client;
      try {
        client = inline ? this.fromConfig(inline, ref, signal) : await connect(ref, { signal });
      } catch (e) {
        if (signal.aborted) throw e;
        const err = errorOf(e);
        this.showFailure(err.code, err.message, ref);
        throw e;
      }
      if (signal.aborted) {
        client.close();
        throw new DOMException('superseded', 'AbortError');
      }
      this.currentClient = client;
      const config = client.config;
      if (config.auth_required) {
        this.showFailure('unauthorized', 'The app asks for a login, which an embed cannot show; open it directly.', ref);
        return client;
      }
      const protocol = String(config.protocol ?? 'ws');
      if (!protocol.startsWith('sse')) {
        this.showFailure('unsupported_protocol', `The app speaks "${protocol}"; ml-elements needs sse_v3 (Gradio 4.x or later).`, ref);
        return client;
      }
      this.provider.setValue({ client, config, root: client.root, maxFileSize: config.max_file_size ?? null } satisfies AppContext);
      this.dispatchEvent(new MlLoadEvent(config));
      const tree = await this.build(config);
      if (signal.aborted) throw new DOMException('superseded', 'AbortError');
      this.tree = tree;
      await this.updateComplete;
      // `ml-render` means drawn: wait for every component's first render too.
      await Promise.all([...this.items.values()].map((i) => i.el.isConnected && (i.el as Partial<LitElement>).updateComplete));
      if (signal.aborted) throw new DOMException('superseded', 'AbortError');
      this.restoreShared();
      this.dispatchEvent(new MlRenderEvent());
      for (const dep of config.dependencies) {
        if (dep.targets.some(([, name]) => name === 'load')) void this.trigger(dep, null, null);
      }
      return client;
    },
  });

  /**
   * The loaded app config (null until `ml-load`). Setting it renders that config instead of fetching
   * `{src}/config` (like Gradio's page with an inlined config); events still go to `config.root` or `src`.
   */
  get config(): AppConfig | null {
    return this.currentClient?.config ?? null;
  }
  set config(value: AppConfig | null) {
    this.inline = value;
  }

  private fromConfig(inline: AppConfig, ref: string, signal: AbortSignal): Client {
    const config = structuredClone(inline);
    if (!Array.isArray(config.dependencies)) throw Object.assign(new Error('The config has no dependencies list.'), { code: 'not_found' });
    config.components ??= [];
    config.dependencies.forEach((d, i) => (d.id ??= i));
    const root = (config.root || ref || location.href).replace(/\/+$/, '');
    return new Client(config, root, null, { signal }, fetch.bind(globalThis), {});
  }

  /** The connection to the app (null until `ml-load`). */
  get client(): Client | null {
    return this.currentClient;
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name.replace(/_/g, '-'), old, value);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.media = matchMedia('(prefers-color-scheme: dark)');
    this.systemDark = this.media.matches;
    this.media.addEventListener('change', this.onScheme);
    if (!this.eager) {
      this.observer = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          this.near = true;
          this.observer?.disconnect();
        }
      }, { rootMargin: '200px' });
      this.observer.observe(this);
    } else if (this.hasUpdated) void this.loader.run();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.media?.removeEventListener('change', this.onScheme);
    this.observer?.disconnect();
    this.near = false;
    this.teardown();
    this.tree = null;
  }

  private onScheme = (e: MediaQueryListEvent) => (this.systemDark = e.matches);

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('themeMode') || changed.has('systemDark')) {
      this.toggleAttribute('dark', this.themeMode === 'dark' || (this.themeMode !== 'light' && this.systemDark));
    }
  }

  /**
   * Runs the event whose `api_name` is `apiName` like a user action: `data` (one value per non-State input, or an
   * object keyed by parameter name) is written into the inputs first; outputs update on screen. Resolves with the
   * output values, rejects with the error.
   */
  async submit(apiName: string, data?: unknown[] | Record<string, unknown>): Promise<unknown[]> {
    const config = this.config;
    if (!config) throw new Error('The app has not loaded yet.');
    const name = apiName.replace(/^\//, '');
    const dep = config.dependencies.find((d) => d.api_name === name);
    if (!dep) throw new Error(`No event named "${apiName}" in this app.`);
    if (data) {
      const inputs = dep.inputs.filter((id) => !this.isState(id));
      const params = this.currentClient?.viewApi().endpoints.find((e) => e.fnIndex === dep.id)?.parameters ?? [];
      inputs.forEach((id, i) => {
        const label = String(this.items.get(id)?.comp.props.label ?? '').toLowerCase().replace(/\W+/g, '_');
        const v = Array.isArray(data) ? data[i] : (data[params[i]?.name ?? label] ?? data[label]);
        if (v !== undefined) this.setValue(id, v);
      });
    }
    const result = await this.run(dep, null, null);
    if (!result.ok) throw Object.assign(new Error(result.error?.message ?? 'The event failed.'), { code: result.error?.code });
    return result.values ?? [];
  }

  // ---- loading and rendering ----

  private teardown() {
    // Tell the server to drop our running jobs, then close the session stream.
    for (const jobs of this.running.values()) for (const job of jobs) void job.cancel().catch(() => undefined);
    this.currentClient?.close();
    this.currentClient = null;
    this.items.clear();
    this.initial.clear();
    this.thens.clear();
    this.changeDeps.clear();
    this.running.clear();
    this.queuedLast.clear();
    this.failure = null;
    this.toasts = [];
    this.apiOpen = false;
    this.tree = null;
  }

  private showFailure(code: string, message: string, ref: string) {
    const text = ERROR_TEXT[code] ?? 'This app could not be loaded';
    this.failure = { code, message: text, detail: `${message} (${ref})` };
    this.dispatchEvent(new MlErrorEvent(code, `${text}: ${message}`));
  }

  private isState(id: number): boolean {
    return STATE_TYPES.has(this.items.get(id)?.comp.type ?? '');
  }

  private async build(config: AppConfig): Promise<HTMLElement> {
    const byId = new Map(config.components.map((c) => [c.id, c]));
    const types = new Set(config.components.map((c) => c.type));
    // A module that fails to load leaves its components as placeholders; the rest still works.
    await Promise.all([...types].map((t) => registry[t]?.load().catch(() => undefined)));

    const inputs = new Set(config.dependencies.flatMap((d) => (d.backend_fn || d.js ? d.inputs : [])));
    const targets = new Set(config.dependencies.flatMap((d) => d.targets.map(([id]) => id)));
    const outputs = new Set(config.dependencies.flatMap((d) => d.outputs));

    const make = (node: LayoutNode): HTMLElement | null => {
      const comp = byId.get(node.id);
      if (!comp) return null;
      const entry = registry[comp.type];
      const tag = entry && customElements.get(entry.tag) ? entry.tag : null;
      let el: Item['el'];
      if (tag) el = document.createElement(tag);
      else {
        el = document.createElement('div');
        el.className = 'unknown';
        el.setAttribute('role', 'note');
        el.textContent = `Unsupported component "${comp.type}"${comp.props.label ? ` (${String(comp.props.label)})` : ''}`;
      }
      const layout = LAYOUT_TYPES.has(comp.type);
      el.setAttribute('exportparts', EXPORTED_PARTS);
      const item: Item = { comp, el, wrap: null };
      if (!layout && !INVISIBLE_TYPES.has(comp.type)) {
        item.wrap = document.createElement('div');
        item.wrap.className = 'block';
        item.wrap.setAttribute('part', 'block');
        item.wrap.dataset.type = comp.type;
        item.wrap.append(el);
      }
      this.items.set(comp.id, item);
      this.initial.set(comp.id, comp.props.value);
      if (comp.type === 'tabitem' || comp.type === 'tab') (el as { tabId?: unknown }).tabId = comp.props.id ?? null;
      // Gradio: without an explicit setting, a component is interactive when something reads it or it is no output.
      const interactive = comp.props.interactive ?? (inputs.has(comp.id) || targets.has(comp.id) || !outputs.has(comp.id));
      this.applyProps(comp.id, { ...comp.props, interactive, ...formSize(comp, node, byId) }, false);
      for (const child of node.children ?? []) {
        const c = make(child);
        if (c) el.append(c);
      }
      return item.wrap ?? (INVISIBLE_TYPES.has(comp.type) ? null : el);
    };

    const root = document.createElement('div');
    root.className = 'root';
    root.setAttribute('part', 'body');
    const layout = config.layout ?? { id: -1, children: config.components.map((c) => ({ id: c.id })) };
    for (const child of layout.children ?? []) {
      const el = make(child);
      if (el) root.append(el);
    }
    // Components outside the layout (State, hidden helpers) still take part in events.
    for (const comp of config.components) if (!this.items.has(comp.id)) make({ id: comp.id });
    this.wire(config);
    return root;
  }

  /** Sets Gradio props on an element: shared props on the block, the rest by camelCase name if declared. */
  private applyProps(id: number, props: Record<string, unknown>, fireChange = true) {
    const item = this.items.get(id);
    if (!item) return;
    const { el } = item;
    const box = item.wrap ?? el;
    const declared = (el.constructor as typeof ReactiveElement).elementProperties;
    for (const [key, v] of Object.entries(props)) {
      switch (key) {
        case '__type__':
        case 'id':
        case 'name':
        case 'autofocus': // an embed never takes focus (and scrolls the page) on its own
          break;
        case 'value':
          this.setValue(id, v, fireChange);
          break;
        case 'visible':
          box.hidden = v === false || v === 'hidden';
          break;
        case 'elem_id':
          if (typeof v === 'string') box.id = v;
          break;
        case 'elem_classes':
          if (Array.isArray(v)) box.classList.add(...v.filter((c): c is string => typeof c === 'string' && c !== ''));
          break;
        case 'scale':
          if (typeof v === 'number') box.style.setProperty('--_scale', String(v));
          break;
        case 'min_width':
          if (typeof v === 'number') box.style.setProperty('--_min-width', `min(${v}px, 100%)`);
          break;
        case 'show_label':
          if ('showLabel' in el) (el as unknown as { showLabel: boolean }).showLabel = v !== false;
          break;
        default: {
          const name = camelCase(key);
          if (declared?.has(name)) (el as unknown as Record<string, unknown>)[name] = v;
        }
      }
    }
  }

  private setValue(id: number, value: unknown, fireChange = false) {
    const item = this.items.get(id);
    if (!item || this.isState(id)) return;
    const before = item.el.value;
    item.el.value = value;
    if (fireChange && !same(before, value)) this.fireChange(id);
  }

  private fireChange(id: number) {
    for (const dep of this.changeDeps.get(id) ?? []) void this.trigger(dep, null, id);
  }

  private readValue(id: number): unknown {
    const item = this.items.get(id);
    if (!item || this.isState(id)) return null;
    return 'value' in item.el ? (item.el.value ?? null) : (this.initial.get(id) ?? null);
  }

  // ---- events ----

  private wire(config: AppConfig) {
    for (const dep of config.dependencies) {
      if (dep.trigger_after !== null && dep.trigger_after !== undefined) {
        this.thens.set(dep.trigger_after, [...(this.thens.get(dep.trigger_after) ?? []), dep]);
      }
      for (const [id, name] of dep.targets) {
        const item = id === null ? undefined : this.items.get(id);
        if (!item || name === 'load' || name === 'unload') continue;
        if (name === 'change') this.changeDeps.set(id!, [...(this.changeDeps.get(id!) ?? []), dep]);
        const type = NATIVE[name] ?? `ml-${name}`;
        item.el.addEventListener(type, (e) => {
          // Only the component's own events: not ones bubbling up from children of a layout block.
          if (e.target !== item.el) return;
          void this.trigger(dep, e instanceof MlComponentEvent ? e.data : null, id);
        });
      }
    }
  }

  private async trigger(dep: Dep, eventData: unknown, triggerId: number | null): Promise<void> {
    for (const id of dep.cancels ?? []) this.cancelDep(id);
    const busy = (this.running.get(dep.id)?.size ?? 0) > 0;
    if (busy && dep.trigger_mode === 'always_last') {
      this.queuedLast.set(dep.id, { data: eventData, trigger: triggerId });
      return;
    }
    if (busy && dep.trigger_mode !== 'multiple') return;
    await this.run(dep, eventData, triggerId);
  }

  private cancelDep(id: number) {
    this.queuedLast.delete(id);
    for (const job of this.running.get(id) ?? []) void job.cancel().catch(() => undefined);
  }

  /** Values a JS-only dependency produces without running remote code (the Interface Clear button), or null. */
  private clearValues(dep: Dep): unknown[] | null {
    if (dep.backend_fn || !dep.js) return null;
    const literal = /^\s*(?:async\s*)?\(\s*\)\s*=>\s*([\s\S]+)$/.exec(dep.js)?.[1];
    if (literal) {
      try {
        const v: unknown = JSON.parse(literal.trim());
        if (Array.isArray(v) && v.length === dep.outputs.length) return v;
        if (dep.outputs.length === 1) return [v];
      } catch {
        // not a plain value list: fall through
      }
    }
    const clearButton = dep.targets.some(([id]) => {
      const comp = id === null ? undefined : this.items.get(id)?.comp;
      return comp?.type === 'button' && /clear/i.test(String(comp.props.value ?? ''));
    });
    return clearButton ? dep.outputs.map((id) => this.initial.get(id) ?? null) : null;
  }

  private async runJs(dep: Dep, inputs: unknown[]): Promise<unknown[] | null> {
    if (!dep.js) return inputs;
    if (!this.allowRemoteJs) return dep.backend_fn ? inputs : this.clearValues(dep);
    const fn = new Function(`return (${dep.js})`)() as (...a: unknown[]) => unknown;
    const out = await fn(...inputs);
    if (dep.backend_fn) return Array.isArray(out) ? out : [out];
    return dep.outputs.length === 1 ? [out] : Array.isArray(out) ? out : [out];
  }

  private statusTargets(dep: Dep): number[] {
    return dep.show_progress === 'hidden' ? [] : (dep.show_progress_on ?? dep.outputs);
  }

  private track(dep: Dep, ids: number[], s: TrackerState | null) {
    for (const id of ids) {
      const item = this.items.get(id);
      if (!item?.wrap) continue;
      if (!item.tracker) {
        // Loaded with the first job, not with the app; Lit keeps properties set before the upgrade.
        void import('./status.js');
        item.tracker = document.createElement('ml-status-tracker') as MlStatusTracker;
        item.wrap.append(item.tracker);
      }
      item.tracker.status = s;
    }
    if (!s) return;
    const status: MlStatus = {
      fnIndex: dep.id,
      apiName: typeof dep.api_name === 'string' ? dep.api_name : null,
      stage: s.stage === 'streaming' ? 'streaming' : s.stage,
      rank: s.rank,
      queueSize: s.queueSize,
      eta: s.eta,
      progress: s.progress ?? undefined,
      message: s.message ?? undefined,
    };
    this.dispatchEvent(new MlStatusEvent(status));
  }

  private applyOutputs(dep: Dep, values: unknown[], before: Map<number, unknown> | null) {
    dep.outputs.forEach((id, i) => {
      const v = values[i];
      if (v === undefined || this.isState(id)) return;
      if (isPropsUpdate(v)) this.applyProps(id, v as Record<string, unknown>, false);
      else this.setValue(id, v);
    });
    if (before) {
      for (const id of dep.outputs) if (!this.isState(id) && !same(before.get(id), this.readValue(id))) this.fireChange(id);
      if (this.autoscroll) this.items.get(dep.outputs[0]!)?.wrap?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    }
    this.dispatchEvent(new MlDataEvent(dep.id, typeof dep.api_name === 'string' ? dep.api_name : null, values, before !== null));
  }

  private toast(level: Toast['level'], message: string, title: string | null = null, duration: number | null = null) {
    const t: Toast = { id: ++toastIds, level, message, title };
    this.toasts = [...this.toasts, t];
    const ms = (duration ?? (level === 'error' ? 0 : 10)) * 1000;
    if (ms > 0) setTimeout(() => this.dismissToast(t.id), ms);
  }

  private dismissToast(id: number) {
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }

  // ---- share links (components/share): input values in the host page's URL fragment ----

  private get shareKey(): string {
    return shareKey(this, this.src || this.space);
  }

  /** Values of the inputs of the app's events, by component id. */
  private sharedValues(): Record<string, unknown> {
    const inputs = new Set((this.config?.dependencies ?? []).flatMap((d) => d.inputs));
    const values: Record<string, unknown> = {};
    for (const id of inputs) {
      const item = this.items.get(id);
      if (item && !this.isState(id) && item.el.interactive !== false && item.el.value !== undefined) values[id] = item.el.value;
    }
    return values;
  }

  private restoreShared(): void {
    const shared = readShare(this.shareKey);
    if (!shared) return;
    const inputs = this.sharedValues();
    for (const [id, value] of Object.entries(shared)) if (id in inputs) this.setValue(Number(id), value);
  }

  private async copyLink(): Promise<void> {
    const { copied } = await copyShareLink(this.shareKey, this.sharedValues());
    this.toast('success', copied ? 'Link copied: it opens this page with these inputs.' : 'This page’s address now holds these inputs: copy it from the address bar.');
  }

  /** Runs one dependency to the end: reads inputs, submits, updates outputs and trackers, then its `.then()`s. */
  private async run(dep: Dep, eventData: unknown, triggerId: number | null): Promise<RunResult> {
    const client = this.currentClient;
    if (!client) return { ok: false, values: null, error: { code: 'network', message: 'Not connected.' } };
    let result: RunResult;
    // A file still uploading when the user presses Submit is awaited, not sent as null.
    await Promise.all(dep.inputs.map((id) => (this.items.get(id)?.el as { uploadComplete?: Promise<void> } | undefined)?.uploadComplete));
    const inputs = dep.inputs.map((id) => this.readValue(id));
    if (!dep.backend_fn) {
      let values: unknown[] | null = null;
      try {
        values = await this.runJs(dep, inputs);
        if (values) this.applyOutputs(dep, values, new Map(dep.outputs.map((id) => [id, this.readValue(id)])));
        result = { ok: true, values };
      } catch (e) {
        result = { ok: false, values: null, error: { code: 'app_error', message: String(e) } };
      }
    } else {
      result = await this.submitJob(client, dep, inputs, eventData, triggerId);
    }
    if (this.currentClient !== client) return result;
    for (const next of this.thens.get(dep.id) ?? []) {
      if (next.trigger_only_on_success && !result.ok) continue;
      if (next.trigger_only_on_failure && result.ok) continue;
      void this.trigger(next, null, null);
    }
    const last = this.queuedLast.get(dep.id);
    if (last) {
      this.queuedLast.delete(dep.id);
      void this.trigger(dep, last.data, last.trigger);
    }
    return result;
  }

  private async submitJob(client: Client, dep: Dep, raw: unknown[], eventData: unknown, triggerId: number | null): Promise<RunResult> {
    const ids = this.statusTargets(dep);
    const mode = dep.show_progress ?? 'full';
    const s: TrackerState = { stage: 'pending', mode, start: performance.now() };
    const before = new Map(dep.outputs.map((id) => [id, this.readValue(id)]));
    let data: unknown[] | null;
    try {
      data = await this.runJs(dep, raw);
    } catch (e) {
      data = raw;
    }
    const job = client.submit(dep.id, data ?? raw, {
      raw: true,
      eventData: dep.collects_event_data ? eventData : undefined,
      triggerId,
    });
    job.result.catch(() => undefined);
    const running = this.running.get(dep.id) ?? new Set();
    this.running.set(dep.id, running);
    running.add(job);
    // The box that submitted shows its stop button while the job runs.
    const source = triggerId === null ? undefined : this.items.get(triggerId)?.el;
    const busy = source && 'busy' in source ? (source as { busy: boolean }) : null;
    if (busy) busy.busy = true;
    this.track(dep, ids, { ...s });
    let values: unknown[] | null = null;
    let error: { code: string; message: string } | undefined;
    try {
      for await (const ev of job as AsyncIterable<JobEvent>) {
        if (this.currentClient !== client) break;
        switch (ev.type) {
          case 'queued':
            Object.assign(s, { stage: 'queued', rank: ev.rank, queueSize: ev.queueSize, eta: ev.eta });
            break;
          case 'started':
            Object.assign(s, { stage: 'running', eta: ev.eta ?? s.eta, rank: null });
            break;
          case 'progress':
            Object.assign(s, { stage: 'running', progress: ev.levels });
            break;
          case 'log':
            if (ev.visible !== false) this.toast(ev.level, ev.message, ev.title, ev.duration);
            continue;
          case 'data':
            s.stage = 'streaming';
            values = ev.values;
            this.applyOutputs(dep, ev.values, null);
            break;
          case 'complete':
            values = ev.values;
            s.stage = 'complete';
            this.applyOutputs(dep, ev.values, before);
            break;
          case 'error':
            error = { code: ev.code, message: ev.message };
            if (ev.code !== 'cancelled') {
              Object.assign(s, { stage: 'error', message: ev.title ?? null });
              if (ev.visible !== false) this.toast('error', ev.message || 'An error occurred.', ev.title ?? 'Error', ev.duration ?? null);
              this.dispatchEvent(new MlErrorEvent(ev.code === 'server_error' ? 'app_error' : ev.code, ev.message, ev.title ?? null));
            } else s.stage = 'complete';
            break;
        }
        this.track(dep, ids, { ...s });
      }
    } catch (e) {
      const err = errorOf(e);
      error = { code: err.code, message: err.message };
      Object.assign(s, { stage: 'error', message: null });
      this.track(dep, ids, { ...s });
      this.toast('error', err.message, ERROR_TEXT[err.code] ?? 'Error');
      this.dispatchEvent(new MlErrorEvent(err.code as MlErrorCode, err.message, err.title));
    } finally {
      running.delete(job);
      if (busy) busy.busy = false;
    }
    if (!error && s.stage !== 'complete') this.track(dep, ids, { ...s, stage: 'complete' });
    return { ok: !error, values, error };
  }

  // ---- rendering ----

  private async openApi() {
    await import('./api-panel.js');
    this.apiOpen = !this.apiOpen;
  }

  override render() {
    const loading = !this.failure && !this.tree;
    return html`<div class="app" part="app" style=${loading || this.failure ? `min-height:${this.initialHeight}` : ''}>
      ${this.failure
        ? html`<div class="failed" part="error" role="alert">
            <strong>${this.failure.message}</strong><small>${this.failure.detail}</small>
          </div>`
        : loading
          ? html`<div class="loading" role="status">${this.loader.status === 1 ? 'Loading…' : ''}</div>`
          : this.tree}
      <div class="toasts" part="toasts">
        ${this.toasts.map(
          (t) => html`<div class="toast ${t.level}" part="toast" role=${t.level === 'error' ? 'alert' : 'status'}>
            <p>${t.title ? html`<strong>${t.title}: </strong>` : nothing}${t.message}</p>
            <button aria-label="Dismiss" @click=${() => this.dismissToast(t.id)}>✕</button>
          </div>`,
        )}
      </div>
      ${this.info && this.tree
        ? html`<footer part="footer">
            <button aria-expanded=${this.apiOpen} @click=${this.openApi}>Use via API</button>
            <button @click=${this.copyLink}>Copy link</button>
          </footer>`
        : nothing}
      ${this.apiOpen && this.currentClient
        ? html`<ml-api-panel
            .client=${this.currentClient}
            .src=${this.src || this.space}
            .scriptUrl=${MlApp.scriptUrl}
            @ml-close=${() => (this.apiOpen = false)}
          ></ml-api-panel>`
        : nothing}
    </div>`;
  }
}

if (!customElements.get('ml-app')) customElements.define('ml-app', MlApp);

declare global {
  interface HTMLElementTagNameMap {
    'ml-app': MlApp;
  }
}
