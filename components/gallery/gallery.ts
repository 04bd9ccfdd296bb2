import { css, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { FileData } from '../../src/protocol/index.js';
import { MlMediaInput, cssSize, listConverter, mediaName, onDownloadClick, type MediaValue } from '../shared/media.js';
import { mediaStyles } from '../shared/media.styles.js';
import { tokens } from '../base/styles.js';
import { closeIcon, downloadIcon, nextIcon, prevIcon } from '../shared/media-icons.js';

/** One gallery entry as Gradio sends it (`{image, caption}` / `{video, caption}`), or a bare file / `[file, caption]`. */
export type GalleryItem = { image?: MediaValue; video?: MediaValue; caption?: string | null } | MediaValue | [MediaValue, string | null];

interface Entry {
  media: MediaValue;
  caption: string | null;
  video: boolean;
}

function isVideo(m: MediaValue): boolean {
  const type = m instanceof Blob ? m.type : typeof m === 'object' ? (m.mime_type ?? '') : '';
  return type.startsWith('video/') || /\.(mp4|webm|ogv|mov|m4v)$/i.test(mediaName(m, ''));
}

function entry(x: GalleryItem): Entry | null {
  if (Array.isArray(x)) return x[0] ? { media: x[0], caption: x[1] ?? null, video: isVideo(x[0]) } : null;
  if (x && typeof x === 'object' && !(x instanceof Blob) && ('image' in x || 'video' in x)) {
    const media = x.video ?? x.image;
    return media ? { media, caption: x.caption ?? null, video: !!x.video || isVideo(media) } : null;
  }
  return x ? { media: x as MediaValue, caption: null, video: isVideo(x as MediaValue) } : null;
}

/**
 * A grid of images and videos with captions. Clicking one selects it and opens a large preview, browsed with
 * ←/→ and closed with Esc. When interactive, images can be chosen or dropped to add them.
 *
 * @summary Image and video gallery with captions, keyboard preview and select events.
 * @csspart base - The drop target around everything.
 * @csspart label - The label.
 * @csspart grid - The thumbnail grid.
 * @csspart thumbnail - One thumbnail button.
 * @csspart caption - A caption.
 * @csspart preview - The large preview.
 * @csspart previous-button - Shows the previous item.
 * @csspart next-button - Shows the next item.
 * @csspart close-button - Closes the preview.
 * @csspart download-button - Downloads the previewed item.
 * @csspart dropzone - Where files are added (interactive).
 * @csspart upload-button - Opens the file chooser (interactive).
 * @csspart progress - Upload progress.
 * @csspart error - The last error message.
 * @cssprop --ml-gallery-gap - Space between thumbnails.
 * @cssprop --ml-gallery-preview-height - Height of the previewed image.
 * @fires ml-select - An item was selected: `{index, value: {image|video, caption}, selected: true}`.
 * @fires ml-preview_open - The preview opened.
 * @fires ml-preview_close - The preview closed.
 * @fires change - The user added or removed items.
 * @fires ml-upload - Files were added (uploaded, in an app).
 * @fires ml-error - `file_type`, `file_too_large`, `upload_failed`.
 */
export class MlGallery extends MlMediaInput {
  static override styles = [
    tokens,
    mediaStyles,
    css`
      .grid {
        display: grid;
        gap: var(--ml-gallery-gap, var(--_space));
        list-style: none;
        margin: 0;
        padding: 0;
        overflow: auto;
      }
      .grid button {
        position: relative;
        display: block;
        width: 100%;
        padding: 0;
        aspect-ratio: 1;
        overflow: hidden;
        background: var(--_surface);
      }
      .grid button[aria-current='true'] {
        border: 2px solid var(--_accent);
      }
      .grid img,
      .grid video {
        width: 100%;
        height: 100%;
        display: block;
      }
      figcaption {
        font-size: 0.8em;
        padding: 2px 6px;
        color: var(--_text);
      }
      .grid figcaption {
        position: absolute;
        left: 0;
        right: 0;
        bottom: 0;
        background: color-mix(in srgb, var(--_bg) 85%, transparent);
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .preview {
        position: relative;
        display: flex;
        flex-direction: column;
        align-items: center;
        gap: var(--_space);
        padding: var(--_space);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        background: var(--_surface);
      }
      .preview img,
      .preview video {
        min-width: 0;
        max-width: 100%;
        height: var(--ml-gallery-preview-height, min(60vh, 400px));
        object-fit: contain;
      }
      .stage {
        display: flex;
        align-items: center;
        gap: var(--_space);
        max-width: 100%;
      }
      .counter {
        color: var(--_muted);
        font-size: 0.8em;
      }
    `,
  ];

  /** Whether the preview is showing. */
  @state() private open = false;

  /** Items: `{image, caption}` / `{video, caption}` objects, files, URLs or `[file, caption]` pairs. */
  @property({ attribute: false }) value: GalleryItem[] | null = null;

  /** Thumbnails per row (Gradio's per-breakpoint list: the last number is used). */
  @property({ converter: (v) => (v && v.trim().startsWith('[') ? (JSON.parse(v) as number[]) : Number(v)) }) columns: number | number[] = 2;

  /** Height of the grid (number: px). */
  @property() height: number | string | null = null;

  /** Opens the preview of the selected (or first) item at once. */
  @property({ type: Boolean }) preview = false;

  /** Whether clicking a thumbnail opens the preview. */
  @property({ type: Boolean, attribute: 'allow-preview' }) allowPreview = true;

  /** Index of the selected item, or null. */
  @property({ type: Number, attribute: 'selected-index' }) selectedIndex: number | null = null;

  /** CSS `object-fit` of thumbnails. */
  @property({ attribute: 'object-fit' }) objectFit = 'cover';

  /** Toolbar buttons in the preview: `download` (null: all). */
  @property({ converter: listConverter }) buttons: string[] | null = null;

  /** Types that may be added: `image`, `video` (default both). */
  @property({ attribute: 'file-types', converter: listConverter }) fileTypes: string[] | null = ['image', 'video'];

  protected override acceptedTypes(): readonly string[] | null {
    return this.fileTypes;
  }

  protected override get multiple(): boolean {
    return true;
  }

  private get entries(): Entry[] {
    return (this.value ?? []).map(entry).filter((e): e is Entry => !!e);
  }

  protected override blobs(): Blob[] {
    return this.entries.map((e) => e.media).filter((m): m is Blob => m instanceof Blob);
  }

  protected override setFiles(files: (FileData | File)[]): void {
    const added = files.map((f) => (isVideo(f) ? { video: f, caption: null } : { image: f, caption: null }));
    this.value = [...(this.value ?? []), ...added];
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    const n = this.entries.length;
    if (changed.has('preview') && this.preview && n && this.allowPreview) {
      this.open = true;
      this.selectedIndex ??= 0;
    }
    if (this.selectedIndex !== null && this.selectedIndex >= n) this.selectedIndex = n ? n - 1 : null;
    if (!n) this.open = false;
  }

  private async show(index: number, focusPreview: boolean): Promise<void> {
    const items = this.entries;
    if (!items.length) return;
    const i = (index + items.length) % items.length;
    this.selectedIndex = i;
    const { media, caption, video } = items[i]!;
    this.emit('select', { index: i, value: video ? { video: media, caption } : { image: media, caption }, selected: true });
    if (!this.allowPreview) return;
    if (!this.open) {
      this.open = true;
      this.emit('preview_open');
    }
    if (focusPreview) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.preview')?.focus();
    }
  }

  private async close(): Promise<void> {
    this.open = false;
    this.emit('preview_close');
    await this.updateComplete;
    this.renderRoot.querySelectorAll<HTMLElement>('[part~=thumbnail]')[this.selectedIndex ?? 0]?.focus();
  }

  private onPreviewKey(e: KeyboardEvent): void {
    const i = this.selectedIndex ?? 0;
    if (e.key === 'ArrowLeft') void this.show(i - 1, false);
    else if (e.key === 'ArrowRight') void this.show(i + 1, false);
    else if (e.key === 'Escape') void this.close();
    else return;
    e.preventDefault();
  }

  private clear(): void {
    this.cancelUpload();
    this.value = [];
    this.open = false;
    this.selectedIndex = null;
    this.emit('clear');
    this.emitUserChange();
  }

  private itemName(e: Entry, i: number, n: number): string {
    return e.caption || `${e.video ? 'Video' : 'Image'} ${i + 1} of ${n}`;
  }

  private renderPreview(items: Entry[]): TemplateResult {
    const i = this.selectedIndex ?? 0;
    const e = items[i]!;
    const src = this.src(e.media) ?? '';
    const file = mediaName(e.media, e.video ? 'video.mp4' : 'image.png');
    const name = this.itemName(e, i, items.length);
    return html`<div class="preview" part="preview" role="group" aria-roledescription="preview" aria-label=${name} tabindex="-1"
      @keydown=${this.onPreviewKey}>
      <div class="toolbar">
        ${!this.buttons || this.buttons.includes('download')
          ? html`<a class="btn" part="download-button" href=${src} download=${file} aria-label="Download ${file}" @click=${onDownloadClick}>${downloadIcon}</a>`
          : nothing}
        <button part="close-button" aria-label="Close preview" @click=${this.close}>${closeIcon}</button>
      </div>
      <div class="stage">
        <button part="previous-button" aria-label="Previous" ?hidden=${items.length < 2} @click=${() => this.show(i - 1, false)}>${prevIcon}</button>
        ${e.video ? html`<video src=${src} controls playsinline aria-label=${name}></video>` : html`<img src=${src} alt=${name} />`}
        <button part="next-button" aria-label="Next" ?hidden=${items.length < 2} @click=${() => this.show(i + 1, false)}>${nextIcon}</button>
      </div>
      ${e.caption ? html`<figcaption part="caption">${e.caption}</figcaption>` : nothing}
      <span class="counter" aria-live="polite">${i + 1} / ${items.length}</span>
    </div>`;
  }

  private renderGrid(items: Entry[]): TemplateResult {
    const cols = Array.isArray(this.columns) ? (this.columns.at(-1) ?? 2) : this.columns || 2;
    const fit = styleMap({ objectFit: /^[a-z-]+$/.test(this.objectFit) ? this.objectFit : 'cover' });
    return html`<ul class="grid" part="grid" aria-label="Gallery" style=${styleMap({ gridTemplateColumns: `repeat(${Math.max(1, Math.floor(Number(cols)) || 2)},minmax(0,1fr))`, maxHeight: cssSize(this.height) })}>
      ${items.map((e, i) => {
        const src = this.src(e.media) ?? '';
        return html`<li>
          <button part="thumbnail" aria-label=${this.itemName(e, i, items.length)} aria-current=${this.selectedIndex === i ? 'true' : 'false'}
            @click=${() => this.show(i, true)}>
            ${e.video ? html`<video src=${src} muted preload="metadata" style=${fit}></video>` : html`<img src=${src} alt="" loading="lazy" style=${fit} />`}
            ${e.caption ? html`<figcaption part="caption">${e.caption}</figcaption>` : nothing}
          </button>
        </li>`;
      })}
    </ul>`;
  }

  override render(): TemplateResult {
    const items = this.entries;
    const body = this.open && items.length ? this.renderPreview(items) : items.length ? this.renderGrid(items) : nothing;
    const zone = this.editable
      ? html`<div class="dropzone ${items.length ? 'compact' : ''}" part="dropzone">
          <span>Drop images here</span>
          <div class="actions">
            <button class="primary" part="upload-button" ?disabled=${this.progress !== undefined} @click=${this.openPicker}>Add images</button>
            ${items.length ? html`<button part="clear-button" @click=${this.clear}>Remove all</button>` : nothing}
          </div>
        </div>`
      : items.length
        ? nothing
        : html`<div class="frame empty" part="frame">No images</div>`;
    return html`${this.renderLabel('Gallery')}${this.renderDropTarget(html`${body}${zone}${this.renderStatus()}`)}${this.renderPicker()}`;
  }
}

if (!customElements.get('ml-gallery')) customElements.define('ml-gallery', MlGallery);

declare global {
  interface HTMLElementTagNameMap {
    'ml-gallery': MlGallery;
  }
}
