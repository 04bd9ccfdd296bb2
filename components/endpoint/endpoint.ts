import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { connect, type Client, type JobEvent } from '../../src/client/index.js';
import type { ApiEndpointDescription } from '../../src/client/index.js';
import { isFileData, isPropsUpdate } from '../../src/protocol/index.js';
import { camelCase } from '../base/element.js';
import { MlDataEvent, MlErrorEvent, MlLoadEvent, MlStatusEvent, type MlStatus } from '../base/events.js';
import { tokens } from '../base/styles.js';
import { endpointStyles } from './endpoint.styles.js';

/** Elements that run the endpoint when clicked (native submit buttons, `<ml-button>`, anything marked `submit`). */
const SUBMIT = '[submit], ml-button, button:not([type=button]):not([type=reset]), input[type=submit]';
const NOT_INPUT = new Set(['submit', 'button', 'reset', 'image']);

interface Failure {
  code: string;
  message: string;
  title: string | null;
}

/**
 * Lays a page's own markup over one endpoint of a remote app. Inputs are the descendants with a `name`
 * (any `ml-*` input or native `input`/`select`/`textarea`), matched to the endpoint's parameters by name;
 * parameters with no input take their defaults. A click on a descendant `button`, `<ml-button>` or element with
 * a `submit` attribute (or submitting a descendant `<form>`, or Enter in an `<ml-textbox>`) runs the call. Outputs
 * are the descendants with an `output` attribute: `output="1"` takes return value 1, `output="Result"` the value
 * labelled Result, a bare `output` the next value in document order. `ml-*` elements and native inputs get the
 * value; `<img>`, `<audio>`, `<video>` and `<a>` get a file's URL; other elements get the value as text.
 *
 * @summary A custom layout over one endpoint of a remote app.
 * @slot - The page's inputs, submit control and outputs.
 * @csspart status - Queue position, progress and elapsed time while a call runs.
 * @csspart progress - The progress bar inside the status line.
 * @csspart error - The message of the last failure.
 * @fires ml-load - The app's config has loaded and the endpoint exists (`event.config`).
 * @fires ml-status - Queue, progress and completion of a call (`event.status`).
 * @fires ml-data - Output values arrived (`event.values`, `event.final`).
 * @fires ml-error - Loading or a call failed (`event.code`, `event.message`).
 * @cssprop --ml-color-error - Colour of the error box.
 */
export class MlEndpoint extends LitElement {
  static override styles = [tokens, endpointStyles];

  @state() private status: MlStatus | null = null;
  @state() private failure: Failure | null = null;
  @state() private elapsed = 0;

  /** The app: its URL, a path on this page's server, or a Hugging Face Space id (`owner/name`). */
  @property() src = '';

  /** The endpoint to call, e.g. `/filter`; defaults to the app's first public endpoint. */
  @property({ attribute: 'api-name' }) apiName = '';

  /** Also runs whenever an input changes (after the running call ends). */
  @property({ type: Boolean }) live = false;

  /** Present while a call runs: style it with `ml-endpoint[running]`. */
  @property({ type: Boolean, reflect: true }) running = false;

  /** The connection, once loaded. */
  client: Client | null = null;

  /** The endpoint being called, once loaded. */
  endpoint: ApiEndpointDescription | null = null;

  private loading: Promise<Client | null> | null = null;
  private again = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private cancelRun: (() => Promise<void>) | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('click', this.onClick);
    this.addEventListener('submit', this.onSubmit);
    this.addEventListener('ml-submit', this.onEnter);
    this.addEventListener('change', this.onChange);
    // Moved in the page: reconnect (the first connection starts in updated()).
    if (this.hasUpdated && this.src) void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('click', this.onClick);
    this.removeEventListener('submit', this.onSubmit);
    this.removeEventListener('ml-submit', this.onEnter);
    this.removeEventListener('change', this.onChange);
    this.reset();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if ((changed.has('src') || changed.has('apiName')) && this.isConnected) {
      this.reset();
      if (this.src) void this.load();
    }
  }

  /** Connects and checks the endpoint and the input names; resolves null (and reports) on failure. */
  load(): Promise<Client | null> {
    this.loading ??= (async () => {
      const src = this.src;
      try {
        // A URL, a path on this page's server, or a Space id (owner/name): the client resolves all three.
        const client = await connect(src);
        if (src !== this.src) {
          client.close();
          return null;
        }
        const endpoints = client.viewApi().endpoints;
        const wanted = this.apiName ? '/' + this.apiName.replace(/^\//, '') : endpoints[0]?.name;
        const endpoint = endpoints.find((e) => e.name === wanted);
        if (!endpoint) {
          client.close();
          const names = endpoints.map((e) => e.name).join(', ') || 'none';
          this.report({ code: 'not_found', message: `The app at ${src} has no endpoint "${wanted ?? ''}". Its endpoints: ${names}.`, title: null });
          return null;
        }
        this.client = client;
        this.endpoint = endpoint;
        this.dispatchEvent(new MlLoadEvent(client.config));
        this.checkNames();
        return client;
      } catch (e) {
        this.report(failureOf(e, `Could not load the app at ${src}.`));
        return null;
      }
    })();
    const loading = this.loading;
    // A failed load is tried again by the next run (the server may be back).
    void loading.then((client) => {
      if (!client && this.loading === loading) this.loading = null;
    });
    return loading;
  }

  /**
   * Reads the inputs, calls the endpoint and shows the results; resolves with the output values, or null when it
   * failed (the failure is shown and fired as `ml-error`) or a call is already running. `values` override inputs.
   */
  async run(values: Record<string, unknown> = {}): Promise<unknown[] | null> {
    if (this.running) return null;
    this.running = true;
    this.failure = null;
    this.elapsed = 0;
    this.status = { fnIndex: -1, apiName: this.apiName || null, stage: 'pending' };
    try {
      const client = await this.load();
      const endpoint = this.endpoint;
      if (!client || !endpoint) return null;
      const job = client.submit(endpoint.name, { ...this.read(), ...values });
      this.cancelRun = () => job.cancel();
      let result: unknown[] | null = null;
      for await (const ev of job) result = this.onJobEvent(endpoint, ev) ?? result;
      return result;
    } catch (e) {
      this.report(failureOf(e, 'The call failed.'));
      return null;
    } finally {
      this.cancelRun = null;
      this.running = false;
      clearInterval(this.timer);
      if (this.again) {
        this.again = false;
        void this.run();
      }
    }
  }

  /** Stops the running call. */
  async cancel(): Promise<void> {
    await this.cancelRun?.();
  }

  /** The current input values by parameter name. */
  read(): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    const checkboxes = new Map<string, HTMLInputElement[]>();
    for (const el of this.inputs()) {
      const name = el.getAttribute('name')!;
      if (el instanceof HTMLInputElement && el.type === 'checkbox') checkboxes.set(name, [...(checkboxes.get(name) ?? []), el]);
      else if (el instanceof HTMLInputElement && el.type === 'radio') {
        if (el.checked) values[name] = el.value;
      } else values[name] = valueOf(el);
    }
    for (const [name, boxes] of checkboxes) {
      values[name] = boxes.length === 1 ? boxes[0].checked : boxes.filter((b) => b.checked).map((b) => b.value);
    }
    return values;
  }

  private inputs(): Element[] {
    return [...this.querySelectorAll('[name]')].filter(
      (el) =>
        !el.hasAttribute('output') &&
        el.closest('ml-endpoint') === this &&
        !(el instanceof HTMLButtonElement) &&
        !(el instanceof HTMLFormElement) &&
        !(el instanceof HTMLInputElement && NOT_INPUT.has(el.type)),
    );
  }

  private outputs(): Element[] {
    return [...this.querySelectorAll('[output]')].filter((el) => el.closest('ml-endpoint') === this);
  }

  /** An input named after no parameter is a page bug worth saying out loud at once. */
  private checkNames(): void {
    const params = this.endpoint!.parameters.map((p) => p.name);
    const unknown = [...new Set(this.inputs().map((el) => el.getAttribute('name')!))].filter((n) => !params.includes(n));
    if (unknown.length) {
      this.report({
        code: 'bad_request',
        message: `${this.endpoint!.name} has no parameter ${unknown.map((n) => `"${n}"`).join(', ')}. Its parameters: ${params.join(', ') || 'none'}.`,
        title: null,
      });
    }
  }

  private onJobEvent(endpoint: ApiEndpointDescription, ev: JobEvent): unknown[] | null {
    const base = { fnIndex: endpoint.fnIndex, apiName: endpoint.name };
    switch (ev.type) {
      case 'queued':
        this.setStatus({ ...base, stage: 'queued', rank: ev.rank, queueSize: ev.queueSize, eta: ev.eta });
        return null;
      case 'started': {
        this.setStatus({ ...base, stage: 'running', eta: ev.eta });
        const start = performance.now();
        clearInterval(this.timer);
        this.timer = setInterval(() => (this.elapsed = (performance.now() - start) / 1000), 100);
        return null;
      }
      case 'progress':
        this.setStatus({ ...base, stage: 'running', progress: ev.levels });
        return null;
      case 'log':
        this.setStatus({ ...this.status!, message: ev.message });
        return null;
      case 'data':
        this.write(ev.values);
        this.dispatchEvent(new MlDataEvent(endpoint.fnIndex, endpoint.name, ev.values, false));
        this.setStatus({ ...base, stage: 'streaming' });
        return null;
      case 'complete':
        this.write(ev.values);
        this.dispatchEvent(new MlDataEvent(endpoint.fnIndex, endpoint.name, ev.values, true));
        this.setStatus({ ...base, stage: 'complete' });
        return ev.values;
      case 'error':
        if (ev.code === 'cancelled') {
          // Stopping is the user's choice, not a failure: said in the status line, still fired for scripts.
          this.setStatus({ ...base, stage: 'cancelled', message: 'Stopped.' });
          this.dispatchEvent(new MlErrorEvent(ev.code, ev.message, ev.title));
          return null;
        }
        this.setStatus({ ...base, stage: 'error', message: ev.message });
        this.report({ code: ev.code, message: ev.message, title: ev.title });
        return null;
    }
  }

  /** Puts output values into the elements marked `output`. */
  private write(values: unknown[]): void {
    const labels = this.endpoint?.returns.map((r) => r.label.toLowerCase()) ?? [];
    let next = 0;
    for (const el of this.outputs()) {
      const key = el.getAttribute('output')!.trim();
      const index = key === '' ? next++ : /^\d+$/.test(key) ? Number(key) : labels.indexOf(key.toLowerCase());
      if (index >= 0 && index < values.length) show(el, values[index]);
    }
  }

  private setStatus(status: MlStatus): void {
    this.status = status;
    this.dispatchEvent(new MlStatusEvent(status));
  }

  private report(failure: Failure): void {
    this.failure = failure;
    this.dispatchEvent(new MlErrorEvent(failure.code, failure.message, failure.title));
  }

  private reset(): void {
    void this.cancelRun?.();
    this.client?.close();
    this.client = null;
    this.endpoint = null;
    this.loading = null;
    this.failure = null;
    this.status = null;
  }

  private readonly onClick = (event: Event): void => {
    const control = event
      .composedPath()
      .find((n): n is Element => n instanceof Element && n.getRootNode() === this.getRootNode() && n.matches(SUBMIT));
    if (!control || !this.contains(control) || control.hasAttribute('output')) return;
    // A submit button of a form inside us submits that form; the submit event runs the call (after validation).
    const form = (control as HTMLButtonElement).form;
    if (form && this.contains(form)) return;
    event.preventDefault();
    void this.run();
  };

  private readonly onSubmit = (event: Event): void => {
    event.preventDefault();
    void this.run();
  };

  private readonly onEnter = (event: Event): void => {
    if (event.target !== this && this.inputs().includes(event.target as Element)) void this.run();
  };

  private readonly onChange = (event: Event): void => {
    if (!this.live || !this.inputs().includes(event.target as Element)) return;
    if (this.running) this.again = true;
    else void this.run();
  };

  private renderStatus() {
    const s = this.status;
    if (s?.stage === 'cancelled') return s.message;
    if (!this.running || !s) return nothing;
    if (s.stage === 'queued' && s.rank != null) {
      return html`In queue: ${s.rank + 1} of ${s.queueSize}${s.eta != null ? html` · about ${Math.ceil(s.eta)}s` : nothing}`;
    }
    const level = s.progress?.[0];
    const step = level?.index != null && level.length ? html`<progress part="progress" max=${level.length} value=${level.index}></progress>
        <span>${level.index}/${level.length}${level.unit ? ` ${level.unit}` : ''}</span>` : nothing;
    return html`<span>${level?.desc ?? s.message ?? (s.stage === 'pending' || s.stage === 'queued' ? 'Starting…' : 'Running…')}</span>
      ${step}<span>${this.elapsed.toFixed(1)}s</span>`;
  }

  override render() {
    const f = this.failure;
    return html`<slot></slot>
      <div part="status" role="status" aria-live="polite">${this.renderStatus()}</div>
      ${f ? html`<div part="error" role="alert"><strong>${f.title ?? 'Error'}</strong>${f.message}</div>` : nothing}`;
  }
}

function failureOf(e: unknown, fallback: string): Failure {
  const err = e as { code?: string; message?: string; title?: string | null };
  return { code: err?.code ?? 'network', message: err?.message || fallback, title: err?.title ?? null };
}

/** The wire value of one input element. */
function valueOf(el: Element): unknown {
  if (el instanceof HTMLInputElement) {
    if (el.type === 'number' || el.type === 'range') return Number.isNaN(el.valueAsNumber) ? null : el.valueAsNumber;
    if (el.type === 'file') return el.multiple ? [...(el.files ?? [])] : (el.files?.[0] ?? null);
    return el.value;
  }
  if (el instanceof HTMLSelectElement && el.multiple) return [...el.selectedOptions].map((o) => o.value);
  return (el as Element & { value?: unknown }).value ?? null;
}

/** Shows one output value in an element chosen by the page. */
function show(el: Element, value: unknown): void {
  if (isPropsUpdate(value)) {
    for (const [key, v] of Object.entries(value)) {
      if (key === '__type__') continue;
      if (key === 'value') show(el, v);
      else if (camelCase(key) in el && el.localName.startsWith('ml-')) (el as unknown as Record<string, unknown>)[camelCase(key)] = v;
    }
    return;
  }
  const url = isFileData(value) ? (value.url ?? null) : typeof value === 'string' ? value : null;
  if (el instanceof HTMLImageElement || el instanceof HTMLMediaElement) {
    if (url) el.src = url;
    else el.removeAttribute('src');
  } else if (el instanceof HTMLAnchorElement) {
    if (url) el.href = url;
    else el.removeAttribute('href');
  } else if (el.localName.startsWith('ml-') || el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLOutputElement) {
    const target = el as Element & { value: unknown };
    if (el.localName.startsWith('ml-')) target.value = value;
    else target.value = value == null ? '' : typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  } else {
    el.textContent = value == null ? '' : typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value, null, 2);
  }
}

if (!customElements.get('ml-endpoint')) customElements.define('ml-endpoint', MlEndpoint);

declare global {
  interface HTMLElementTagNameMap {
    'ml-endpoint': MlEndpoint;
  }
}
