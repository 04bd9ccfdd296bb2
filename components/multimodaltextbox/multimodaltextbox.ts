import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { FileData } from '../../src/protocol/index.js';
import { MlFormControl } from '../base/form-control.js';
import { appContext, type AppContext } from '../base/context.js';
import { tokens } from '../base/styles.js';
import { acceptAttr, checkFiles, transferFiles, uploadFiles, UploadError } from '../shared/upload.js';
import { multimodalTextboxStyles } from './multimodaltextbox.styles.js';

/** Gradio's MultimodalTextbox value: text plus attachments (FileData in an app, File alone). */
export interface MultimodalValue {
  text: string;
  files: (FileData | File)[];
}

/**
 * A multiline message box with attachments, a send button and an optional stop button: Gradio's MultimodalTextbox.
 * Enter sends, Shift+Enter starts a new line. In an app, attached files are uploaded at once; alone they stay Files.
 *
 * @summary Message box with attachments: Enter sends, Shift+Enter new line, Stop cancels.
 * @csspart input - The textarea.
 * @csspart attach - The attach-file button.
 * @csspart submit - The send button.
 * @csspart stop - The stop button.
 * @csspart file - One attached file chip.
 * @cssprop --ml-color-accent - Send button colour.
 * @fires input - The user typed or changed attachments.
 * @fires change - The user changed the value.
 * @fires ml-submit - Enter or the send button; `data` is the value.
 * @fires ml-stop - The stop button.
 * @fires ml-upload - Files were attached (and uploaded, in an app).
 * @fires ml-focus - The box got focus.
 * @fires ml-blur - The box lost focus.
 * @fires ml-error - A file was refused or its upload failed.
 */
export class MlMultimodalTextbox extends MlFormControl {
  static override styles = [tokens, multimodalTextboxStyles];

  @consume({ context: appContext, subscribe: true })
  @state()
  private ctx?: AppContext;

  @query('textarea') private textarea!: HTMLTextAreaElement;
  @query('input[type=file]') private picker!: HTMLInputElement;

  @state() private uploading = false;
  @state() private problem: string | null = null;

  /** Text and attachments. */
  @property({ attribute: false }) value: MultimodalValue = { text: '', files: [] };

  /** Hint shown when empty. */
  @property() placeholder: string | null = null;

  /** Visible lines when empty. */
  @property({ type: Number }) lines = 1;

  /** Lines the box grows to before scrolling. */
  @property({ type: Number, attribute: 'max-lines' }) maxLines = 12;

  /** Send button: shown when true, or labelled with the string. */
  @property({ attribute: false }) submitBtn: boolean | string | null = true;

  /** Stop button: shown when true, or labelled with the string. */
  @property({ attribute: false }) stopBtn: boolean | string | null = false;

  /** Accepted file types (`image`, `.pdf`, `audio/*`…); none means any. */
  @property({ attribute: false }) fileTypes: string[] | null = null;

  /** `single` or `multiple` attachments. */
  @property({ attribute: 'file-count' }) fileCount: 'single' | 'multiple' | 'directory' = 'multiple';

  /** Where files may come from; attachments are off without `upload`. */
  @property({ attribute: false }) sources: string[] = ['upload'];

  /** Focus the box when it appears. */
  @property({ type: Boolean }) override autofocus = false;

  /** Right-to-left text. */
  @property({ type: Boolean }) rtl = false;

  override connectedCallback(): void {
    super.connectedCallback();
    // Gradio sends null for an empty box; keep a usable shape.
    if (!this.value || typeof this.value !== 'object') this.value = { text: '', files: [] };
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('value')) {
      const v = this.value as Partial<MultimodalValue> | string | null;
      if (v === null || typeof v !== 'object') this.value = { text: typeof v === 'string' ? v : '', files: [] };
      else if (!Array.isArray(v.files) || typeof v.text !== 'string') this.value = { text: v.text ?? '', files: v.files ?? [] };
    }
  }

  protected override firstUpdated(): void {
    if (this.autofocus) this.textarea.focus({ preventScroll: true });
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    if (changed.has('value')) this.fit();
  }

  protected override formValue(): string | null {
    return this.value.text || null;
  }

  private fit(): void {
    const ta = this.textarea;
    if (!ta) return;
    const lh = parseFloat(getComputedStyle(ta).lineHeight) || 20;
    ta.style.height = 'auto';
    const max = lh * Math.max(this.lines, this.maxLines) + 16;
    ta.style.height = `${Math.min(ta.scrollHeight, max)}px`;
  }

  private onInput(): void {
    this.value = { ...this.value, text: this.textarea.value };
    this.emitUserChange();
  }

  private onKeydown(e: KeyboardEvent): void {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this.submit();
    }
  }

  private async attach(files: File[]): Promise<void> {
    if (!files.length || !this.editable || !this.canAttach) return;
    if (this.fileCount === 'single') files = files.slice(0, 1);
    this.problem = null;
    try {
      checkFiles(files, this.fileTypes, this.ctx?.maxFileSize);
      let added: (FileData | File)[] = files;
      if (this.ctx) {
        this.uploading = true;
        added = await uploadFiles(this.ctx, files, () => {});
      }
      const kept = this.fileCount === 'single' ? [] : this.value.files;
      this.value = { ...this.value, files: [...kept, ...added] };
      this.emitUserChange();
      this.emit('upload', added);
    } catch (e) {
      const err = e instanceof UploadError ? e : new UploadError('upload_failed', String(e));
      this.problem = err.message;
      this.fail(err.code, err.message);
    } finally {
      this.uploading = false;
    }
  }

  private removeFile(i: number): void {
    const files = this.value.files.filter((_, j) => j !== i);
    this.value = { ...this.value, files };
    this.emitUserChange();
  }

  private get canAttach(): boolean {
    return this.sources.includes('upload');
  }

  /** Sends the current value as `ml-submit` (what Enter and the send button do). */
  submit(): void {
    if (!this.editable || this.uploading) return;
    if (!this.value.text.trim() && !this.value.files.length) return;
    this.emit('submit', this.value);
  }

  override focus(options?: FocusOptions): void {
    this.textarea?.focus(options);
  }

  private label_(v: boolean | string | null, fallback: string): string {
    return typeof v === 'string' && v ? v : fallback;
  }

  protected override render() {
    const { text, files } = this.value;
    const name = this.label ?? 'Message';
    return html`
      ${this.label && !this.hideLabel ? html`<label class="label" for="ta">${this.label}</label>` : nothing}
      <div class="box" @dragover=${(e: DragEvent) => e.preventDefault()} @drop=${(e: DragEvent) => {
        e.preventDefault();
        void this.attach(transferFiles(e.dataTransfer));
      }}>
        ${files.length
          ? html`<ul class="files" aria-label="Attachments">
              ${files.map(
                (f, i) => html`<li part="file">
                  <span>${f instanceof File ? f.name : f.orig_name ?? f.path.split('/').pop()}</span>
                  <button type="button" aria-label=${`Remove ${f instanceof File ? f.name : f.orig_name ?? 'file'}`} @click=${() => this.removeFile(i)}>×</button>
                </li>`,
              )}
            </ul>`
          : nothing}
        <div class="row">
          ${this.canAttach
            ? html`<button type="button" part="attach" class="icon" aria-label="Attach files" ?disabled=${!this.editable || this.uploading}
                  @click=${() => this.picker.click()}>+</button>
                <input type="file" hidden accept=${acceptAttr(this.fileTypes)} ?multiple=${this.fileCount !== 'single'}
                  @change=${() => {
                    void this.attach([...(this.picker.files ?? [])]);
                    this.picker.value = '';
                  }} />`
            : nothing}
          <textarea id="ta" part="input" rows=${this.lines} .value=${text} placeholder=${this.placeholder ?? ''} aria-label=${name}
            dir=${this.rtl ? 'rtl' : 'auto'} ?disabled=${!this.editable}
            @input=${this.onInput} @keydown=${this.onKeydown}
            @paste=${(e: ClipboardEvent) => {
              const got = transferFiles(e.clipboardData);
              if (got.length && this.canAttach) {
                e.preventDefault();
                void this.attach(got);
              }
            }}
            @focus=${() => this.emit('focus')} @blur=${() => this.emit('blur')}></textarea>
          ${this.stopBtn
            ? html`<button type="button" part="stop" class="stop" aria-label=${this.label_(this.stopBtn, 'Stop')}
                @click=${() => this.emit('stop')}>${typeof this.stopBtn === 'string' ? this.stopBtn : '■'}</button>`
            : nothing}
          ${this.submitBtn
            ? html`<button type="button" part="submit" class="send" aria-label=${this.label_(this.submitBtn, 'Send')}
                ?disabled=${!this.editable || this.uploading} @click=${() => this.submit()}>${typeof this.submitBtn === 'string' ? this.submitBtn : '➤'}</button>`
            : nothing}
        </div>
        ${this.uploading ? html`<div class="note" role="status">Uploading…</div>` : nothing}
        ${this.problem ? html`<div class="note error" role="alert">${this.problem}</div>` : nothing}
      </div>
    `;
  }
}

if (!customElements.get('ml-multimodaltextbox')) customElements.define('ml-multimodaltextbox', MlMultimodalTextbox);

declare global {
  interface HTMLElementTagNameMap {
    'ml-multimodaltextbox': MlMultimodalTextbox;
  }
}
