// Shared machinery of the media elements: object URLs without leaks, file URLs and names, downloads, and
// `MlMediaInput`, the base of every element that takes files (choose, drop, paste → check → upload → value).
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { FileData } from '../../src/protocol/index.js';
import { MlFormControl } from '../base/form-control.js';
import { appContext, type AppContext } from '../base/context.js';
import { MlErrorEvent } from '../base/events.js';
import { tokens } from '../base/styles.js';
import { acceptAttr, checkFiles, dragHasFiles, transferFiles, uploadFiles, UploadError } from './upload.js';
import { mediaStyles } from './media.styles.js';

/** What a media element shows: a FileData from an app, a plain URL, or a local File/Blob. */
export type MediaValue = FileData | string | Blob;

/** One object URL per Blob; URLs of Blobs no longer shown are revoked, all of them on disconnect. */
export class ObjectUrls implements ReactiveController {
  private readonly map = new Map<Blob, string>();
  private stale = false;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  get(blob: Blob): string {
    let url = this.map.get(blob);
    if (!url) this.map.set(blob, (url = URL.createObjectURL(blob)));
    return url;
  }

  /** Revokes every URL whose Blob is not in `blobs`. */
  keep(blobs: readonly Blob[]): void {
    for (const [blob, url] of this.map) {
      if (!blobs.includes(blob)) {
        URL.revokeObjectURL(url);
        this.map.delete(blob);
      }
    }
  }

  hostDisconnected(): void {
    this.stale = this.map.size > 0;
    this.keep([]);
  }

  /** Back in the document (moved): render again so revoked URLs are replaced by fresh ones. */
  hostConnected(): void {
    if (this.stale) this.host.requestUpdate();
    this.stale = false;
  }
}

/** Only URL schemes that cannot run script in our page. */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url.trim())?.[1]?.toLowerCase();
  return !scheme || ['http', 'https', 'blob', 'data'].includes(scheme) ? url : null;
}

/** The URL to display a value from (object URL for local files, the app's file URL for FileData). */
export function mediaSrc(v: unknown, urls: ObjectUrls, ctx?: AppContext): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'string') return safeUrl(v);
  if (v instanceof Blob) return urls.get(v);
  const f = v as Partial<FileData>;
  if (typeof f.url === 'string' && f.url) return safeUrl(f.url);
  if (typeof f.path === 'string' && f.path) return safeUrl(ctx ? ctx.client.fileUrl(f as FileData) : f.path);
  return null;
}

/** A file name to show and to save under. */
export function mediaName(v: unknown, fallback = 'file'): string {
  if (v instanceof File && v.name) return v.name;
  const f = v as Partial<FileData> | string | null;
  if (f && typeof f === 'object' && f.orig_name) return f.orig_name;
  const s = typeof f === 'string' ? f : (f as Partial<FileData> | null)?.path ?? (f as Partial<FileData> | null)?.url ?? '';
  if (!s || s.startsWith('data:') || s.startsWith('blob:')) return fallback;
  const last = s.split(/[?#]/)[0]!.split(/[\\/]/).pop() ?? '';
  try {
    return decodeURIComponent(last) || fallback;
  } catch {
    return last || fallback;
  }
}

/** Size in bytes when known. */
export function mediaSize(v: unknown): number | null {
  if (v instanceof Blob) return v.size;
  return (v as Partial<FileData> | null)?.size ?? null;
}

/**
 * Saves a file. Browsers ignore `download` on cross-origin links and navigate instead, so a remote file is
 * fetched into a Blob first; if the app forbids that (no CORS) the file opens in a new tab.
 */
export async function downloadFile(url: string, name: string): Promise<void> {
  let href = url;
  const remote = /^https?:/i.test(url) && new URL(url, location.href).origin !== location.origin;
  if (remote) {
    try {
      const res = await fetch(url);
      if (!res.ok) throw new Error(String(res.status));
      href = URL.createObjectURL(await res.blob());
    } catch {
      window.open(url, '_blank', 'noopener');
      return;
    }
  }
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  if (href !== url) setTimeout(() => URL.revokeObjectURL(href), 30_000);
}

/** Click handler for `<a download>` links: does the cross-origin-safe download instead of navigating. */
export function onDownloadClick(e: MouseEvent): void {
  const a = e.currentTarget as HTMLAnchorElement;
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
  e.preventDefault();
  void downloadFile(a.href, a.download || 'file');
}

/** A CSS length from a Gradio size prop (number = px). */
export function cssSize(v: number | string | null | undefined): string | null {
  if (v === null || v === undefined || v === '') return null;
  return typeof v === 'number' || /^\d+(\.\d+)?$/.test(v) ? `${v}px` : v;
}

/**
 * Base of the elements that take files. In an app (context present) a chosen, dropped or pasted file is checked
 * against the accepted types and the size limit, uploaded at once with progress, and the value becomes its
 * FileData; alone the File itself is the value and the form value. Then `ml-upload`, `input`, `change` fire.
 */
export class MlMediaInput extends MlFormControl {
  static override styles = [tokens, mediaStyles];

  protected readonly urls = new ObjectUrls(this);

  @consume({ context: appContext, subscribe: true })
  @state()
  protected ctx?: AppContext;

  /** The message shown after a failure, until the next action. */
  @state() protected error: string | null = null;

  /** Upload progress 0..1, `null` while unknown, `undefined` when idle. */
  @state() protected progress: number | null | undefined = undefined;

  @state() protected dragging = false;

  /** Largest accepted file in bytes; unset: the app's `max_file_size`. */
  @property({ type: Number, attribute: 'max-file-size' }) maxFileSize: number | null = null;

  private abort: AbortController | null = null;

  /** Uploaded FileData → the local file, shown instead of fetching it back from the app. */
  private readonly local = new WeakMap<object, Blob>();

  /** Accepted types in Gradio's `file_types` notation; null: anything. */
  protected acceptedTypes(): readonly string[] | null {
    return null;
  }

  /** Whether several files may be taken at once. */
  protected get multiple(): boolean {
    return false;
  }

  /** Whether the chooser picks a folder. */
  protected get directory(): boolean {
    return false;
  }

  /** Local Blobs in the value (kept alive as object URLs and sent with the form). */
  protected blobs(): Blob[] {
    const v = (this as unknown as { value: unknown }).value;
    return (Array.isArray(v) ? v : [v]).filter((x): x is Blob => x instanceof Blob);
  }

  /** Puts taken files (FileData in an app, File alone) into the value. */
  protected setFiles(_files: (FileData | File)[]): void {}

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('paste', this.onPaste);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('paste', this.onPaste);
    this.abort?.abort();
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    if (changed.has('value')) this.urls.keep(this.shownBlobs());
  }

  /** The URL to show a value (or a part of it) from. */
  protected src(v: unknown): string | null {
    return mediaSrc((v && typeof v === 'object' && this.local.get(v)) || v, this.urls, this.ctx);
  }

  private shownBlobs(): Blob[] {
    const out = this.blobs();
    const walk = (v: unknown, depth: number): void => {
      if (!v || typeof v !== 'object' || v instanceof Blob || depth > 2) return;
      const b = this.local.get(v);
      if (b) out.push(b);
      for (const x of Array.isArray(v) ? v : Object.values(v)) walk(x, depth + 1);
    };
    walk((this as unknown as { value: unknown }).value, 0);
    return out;
  }

  protected override formValue(): string | File | FormData | null {
    const blobs = this.blobs();
    const v = (this as unknown as { value: unknown }).value;
    if (!blobs.length) return v === null || v === undefined || (Array.isArray(v) && !v.length) ? null : typeof v === 'string' ? v : JSON.stringify(v);
    const files = blobs.map((b) => (b instanceof File ? b : new File([b], 'blob', { type: b.type })));
    if (files.length === 1 && !this.multiple) return files[0]!;
    const fd = new FormData();
    for (const f of files) fd.append(this.name, f);
    return fd;
  }

  /** Shows a message and fires `ml-error`; the element keeps working. */
  protected report(code: string, message: string): void {
    this.error = message;
    this.dispatchEvent(new MlErrorEvent(code, message));
  }

  private job: Promise<void> | null = null;

  /**
   * Resolves once the upload in progress (if any) has finished and the value is set, like `updateComplete`.
   * A page or `<ml-app>` awaits it before reading `value` for a submit.
   */
  get uploadComplete(): Promise<void> {
    return this.job ?? Promise.resolve();
  }

  /** Checks, uploads (in an app) and takes files as the user's new value; a newer choice cancels an older upload. */
  protected async takeFiles(files: File[]): Promise<void> {
    if (!files.length || !this.editable) return;
    if (!this.multiple) files = files.slice(0, 1);
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    const job = (this.job = this.take(files, abort.signal));
    await job;
    if (this.job === job) this.job = null;
  }

  /** Stops an upload in progress (the user cleared or replaced the value). */
  protected cancelUpload(): void {
    this.abort?.abort();
    this.progress = undefined;
  }

  private async take(files: File[], signal: AbortSignal): Promise<void> {
    this.error = null;
    try {
      checkFiles(files, this.acceptedTypes(), this.maxFileSize ?? this.ctx?.maxFileSize);
      let taken: (FileData | File)[] = files;
      if (this.ctx) {
        this.progress = null;
        try {
          taken = await uploadFiles(this.ctx, files, (p) => !signal.aborted && (this.progress = p), signal);
        } finally {
          if (!signal.aborted) this.progress = undefined;
        }
        taken.forEach((fd, i) => this.local.set(fd, files[i]!));
      }
      if (signal.aborted) return;
      this.setFiles(taken);
      await this.updateComplete;
      this.emit('upload', (this as unknown as { value: unknown }).value);
      this.emitUserChange();
    } catch (e) {
      if (signal.aborted) return;
      if (e instanceof UploadError) this.report(e.code, e.message);
      else this.report('upload_failed', `Upload failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** Opens the file chooser. */
  protected openPicker(): void {
    this.renderRoot.querySelector<HTMLInputElement>('input[type=file]')?.click();
  }

  private readonly onPaste = (e: ClipboardEvent): void => {
    const files = transferFiles(e.clipboardData);
    if (!files.length || !this.editable) return;
    e.preventDefault();
    void this.takeFiles(files);
  };

  private onPicked(e: Event): void {
    const input = e.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    void this.takeFiles(files);
  }

  private onDragOver(e: DragEvent): void {
    if (!this.editable || !dragHasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer!.dropEffect = 'copy';
    this.dragging = true;
  }

  private onDrop(e: DragEvent): void {
    this.dragging = false;
    if (!this.editable) return;
    e.preventDefault();
    void this.takeFiles(transferFiles(e.dataTransfer));
  }

  /** The hidden file input behind the choose buttons. */
  protected renderPicker(): TemplateResult {
    return html`<input type="file" hidden tabindex="-1" aria-hidden="true" accept=${acceptAttr(this.acceptedTypes())}
      ?multiple=${this.multiple} ?webkitdirectory=${this.directory} @change=${this.onPicked} />`;
  }

  /** The label (the group's accessible name) and help text. */
  protected renderLabel(fallback: string): TemplateResult {
    return html`<span id="label" part="label" class="label ${this.hideLabel ? 'visually-hidden' : ''}">${this.label || fallback}</span>
      ${this.info ? html`<p class="info" part="info">${this.info}</p>` : nothing}`;
  }

  /** Upload progress and the last error. */
  protected renderStatus(): TemplateResult {
    const p = this.progress;
    return html`${p !== undefined
      ? html`<div class="progress" part="progress"><progress aria-label="Uploading" max="1" value=${p ?? nothing}></progress>
          <span>${p === null ? 'Uploading…' : `Uploading ${Math.round(p * 100)}%`}</span></div>`
      : nothing}
      <p class="error" part="error" role="alert" ?hidden=${!this.error}>${this.error}</p>`;
  }

  /** A drop target around `content`: files dropped anywhere on it are taken. */
  protected renderDropTarget(content: unknown, cls = ''): TemplateResult {
    return html`<div part="base" role="group" aria-labelledby="label" class="base ${cls} ${this.dragging ? 'dragging' : ''}"
      @dragover=${this.onDragOver} @dragleave=${() => (this.dragging = false)} @drop=${this.onDrop}>${content}</div>`;
  }
}

/** Attribute converter for list props: `["upload","webcam"]` or `upload webcam` / `upload,webcam`. */
export const listConverter = {
  fromAttribute(v: string | null): string[] | null {
    if (v === null) return null;
    const t = v.trim();
    if (t.startsWith('[')) {
      try {
        return (JSON.parse(t) as unknown[]).map(String);
      } catch {
        return [];
      }
    }
    return t.split(/[\s,]+/).filter(Boolean);
  },
  toAttribute(v: string[] | null): string | null {
    return v ? v.join(' ') : null;
  },
};

/** Records from the microphone or camera with MediaRecorder; `stop()` resolves to the recording. */
export class MediaCapture {
  stream: MediaStream | null = null;
  private recorder: MediaRecorder | null = null;
  private chunks: Blob[] = [];

  /** Asks for the device; throws a readable Error when the page may not use it. */
  async open(constraints: MediaStreamConstraints): Promise<MediaStream> {
    if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === 'undefined') throw new Error('this page may not record media');
    return (this.stream = await navigator.mediaDevices.getUserMedia(constraints));
  }

  start(): void {
    if (!this.stream) return;
    this.chunks = [];
    this.recorder = new MediaRecorder(this.stream);
    this.recorder.ondataavailable = (e) => e.data.size && this.chunks.push(e.data);
    this.recorder.start(250);
  }

  get recording(): boolean {
    return this.recorder?.state === 'recording';
  }

  /** Ends the recording and releases the device; null when nothing was recorded. */
  async stop(name: string): Promise<File | null> {
    const rec = this.recorder;
    if (rec && rec.state !== 'inactive') {
      await new Promise((r) => {
        rec.onstop = r;
        rec.stop();
      });
    }
    this.close();
    if (!this.chunks.length) return null;
    const type = (rec?.mimeType || this.chunks[0]!.type || 'application/octet-stream').split(';')[0]!;
    return new File(this.chunks, `${name}.${type.split('/')[1] ?? 'webm'}`, { type });
  }

  /** Releases the device without keeping anything. */
  close(): void {
    if (this.recorder?.state === 'recording') this.recorder.stop();
    this.recorder = null;
    for (const t of this.stream?.getTracks() ?? []) t.stop();
    this.stream = null;
  }
}

/** Seconds as `m:ss`. */
export function clock(s: number): string {
  const sec = Math.floor(s % 60);
  return `${Math.floor(s / 60)}:${sec < 10 ? '0' : ''}${sec}`;
}
