import { css, html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { FileData } from '../../src/protocol/index.js';
import { MlMediaInput, cssSize, listConverter, mediaName, mediaSize, onDownloadClick, type MediaValue } from '../shared/media.js';
import { mediaStyles } from '../shared/media.styles.js';
import { formatBytes } from '../shared/upload.js';
import { tokens } from '../base/styles.js';
import { closeIcon } from '../shared/media-icons.js';

/**
 * A file input and list: one or several files (or a folder), filtered by type, with sizes and download links.
 * In an app each file is uploaded at once; alone the Files are the value and the form value.
 *
 * @summary File upload (single, multiple, folder) and download list.
 * @csspart base - The drop target around everything.
 * @csspart label - The label.
 * @csspart dropzone - The input area.
 * @csspart list - The list of files.
 * @csspart file - One file row.
 * @csspart download-link - A file's name, a download link.
 * @csspart size - A file's size.
 * @csspart remove-button - Removes one file.
 * @csspart upload-button - Opens the file chooser.
 * @csspart clear-button - Removes every file.
 * @csspart progress - Upload progress.
 * @csspart error - The last error message.
 * @fires change - The user added, removed or cleared files.
 * @fires input - Same moments as `change`.
 * @fires ml-upload - Files were taken (uploaded, in an app).
 * @fires ml-clear - The user removed every file.
 * @fires ml-delete - The user removed one file: `{file, index}`.
 * @fires ml-download - The user downloaded a file: `{index, value}`.
 * @fires ml-select - The user clicked a file: `{index, value: name}`.
 * @fires ml-error - `file_type`, `file_too_large`, `upload_failed`.
 */
export class MlFile extends MlMediaInput {
  static override styles = [
    tokens,
    mediaStyles,
    css`
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        overflow: auto;
      }
      li {
        display: flex;
        align-items: center;
        gap: var(--_space);
        padding: calc(var(--_space) / 2) var(--_space);
      }
      li + li {
        border-top: 1px solid var(--_border);
      }
      li a {
        flex: 1;
        min-width: 0;
        overflow-wrap: anywhere;
        color: var(--_text);
      }
      .size {
        color: var(--_muted);
        font-size: 0.85em;
        white-space: nowrap;
      }
    `,
  ];

  /** FileData from an app, a URL, or a File; a list when `file-count` is `multiple` or `directory`. */
  @property() value: MediaValue | MediaValue[] | null = null;

  /** `single`, `multiple` or `directory`. */
  @property({ attribute: 'file-count' }) fileCount: 'single' | 'multiple' | 'directory' = 'single';

  /** Accepted types: `image`, `audio`, `video`, `text`, `.pdf`, `application/json` … (none: any file). */
  @property({ attribute: 'file-types', converter: listConverter }) fileTypes: string[] | null = null;

  /** Height of the list (number: px). */
  @property() height: number | string | null = null;

  protected override acceptedTypes(): readonly string[] | null {
    return this.fileTypes;
  }

  protected override get multiple(): boolean {
    return this.fileCount !== 'single';
  }

  private get files(): MediaValue[] {
    const v = this.value;
    return v === null || v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v];
  }

  protected override setFiles(files: (FileData | File)[]): void {
    this.value = this.multiple ? [...this.files, ...files] : (files[0] ?? null);
  }

  private removeAt(index: number): void {
    const file = this.files[index];
    const rest = this.files.filter((_, i) => i !== index);
    this.value = this.multiple ? rest : null;
    this.emit('delete', { file, index });
    this.emitUserChange();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part~=remove-button], [part~=upload-button]')?.focus());
  }

  private clear(): void {
    this.cancelUpload();
    this.value = this.multiple ? [] : null;
    this.error = null;
    this.emit('clear');
    this.emitUserChange();
  }

  private onLinkClick(e: MouseEvent, index: number): void {
    this.emit('select', { index, value: mediaName(this.files[index]) });
    this.emit('download', { index, value: this.files[index] });
    onDownloadClick(e);
  }

  protected override get directory(): boolean {
    return this.fileCount === 'directory';
  }

  private renderRow(f: MediaValue, i: number): TemplateResult {
    const name = mediaName(f);
    const src = this.src(f);
    const size = formatBytes(mediaSize(f));
    return html`<li part="file">
      ${src
        ? html`<a part="download-link" href=${src} download=${name} @click=${(e: MouseEvent) => this.onLinkClick(e, i)}>${name}</a>`
        : html`<span>${name}</span>`}
      <span class="size" part="size">${size}</span>
      ${this.editable ? html`<button part="remove-button" aria-label="Remove ${name}" @click=${() => this.removeAt(i)}>${closeIcon}</button>` : nothing}
    </li>`;
  }

  override render(): TemplateResult {
    const files = this.files;
    const noun = this.fileCount === 'directory' ? 'folder' : this.multiple ? 'files' : 'file';
    const list = files.length
      ? html`<ul part="list" aria-label="Files" style=${styleMap({ maxHeight: cssSize(this.height) })}>${files.map((f, i) => this.renderRow(f, i))}</ul>`
      : this.editable
        ? nothing
        : html`<div class="frame empty" part="frame">No file</div>`;
    const canAdd = this.editable && (this.multiple || !files.length);
    const zone = canAdd
      ? html`<div class="dropzone ${files.length ? 'compact' : ''}" part="dropzone">
          <span>Drop ${noun} here</span>
          <button class="primary" part="upload-button" ?disabled=${this.progress !== undefined} @click=${this.openPicker}>
            ${files.length ? 'Add files' : `Choose ${noun}`}</button>
        </div>`
      : nothing;
    const clear =
      this.editable && files.length ? html`<div class="actions"><button part="clear-button" @click=${this.clear}>Remove all</button></div>` : nothing;
    return html`${this.renderLabel('File')}${this.renderDropTarget(html`${list}${zone}${clear}${this.renderStatus()}`)}${this.renderPicker()}`;
  }
}

if (!customElements.get('ml-file')) customElements.define('ml-file', MlFile);

declare global {
  interface HTMLElementTagNameMap {
    'ml-file': MlFile;
  }
}
