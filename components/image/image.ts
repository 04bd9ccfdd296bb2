import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { FileData } from '../../src/protocol/index.js';
import { MlMediaInput, cssSize, listConverter, mediaName, onDownloadClick, type MediaValue } from '../shared/media.js';
import { mediaStyles } from '../shared/media.styles.js';
import { tokens } from '../base/styles.js';
import { imageStyles } from './image.styles.js';
import { closeIcon, downloadIcon, exitFullscreenIcon, fullscreenIcon } from '../shared/media-icons.js';

/**
 * An image input and output. As input: choose a file, drop it, paste it, or take a webcam photo; in an app the
 * file is uploaded at once. As output: shows the image with download and fullscreen buttons; a click reports
 * pixel coordinates. Alone it is a form control whose form value is the chosen File.
 *
 * @summary Image input (choose, drop, paste, webcam) and display (download, fullscreen, select).
 * @csspart base - The drop target around everything.
 * @csspart label - The label.
 * @csspart dropzone - The empty input area.
 * @csspart frame - The box holding the image or the camera.
 * @csspart image - The `<img>`.
 * @csspart toolbar - Download, fullscreen and clear buttons.
 * @csspart upload-button - Opens the file chooser.
 * @csspart webcam-button - Starts the camera.
 * @csspart paste-button - Reads an image from the clipboard.
 * @csspart capture-button - Takes the photo.
 * @csspart download-button - The download link.
 * @csspart fullscreen-button - Toggles fullscreen.
 * @csspart clear-button - Removes the image.
 * @csspart progress - Upload progress.
 * @csspart error - The last error message.
 * @cssprop --ml-media-min-height - Height of the empty drop zone.
 * @fires change - The user chose, dropped, pasted, captured or cleared an image.
 * @fires input - Same moments as `change`.
 * @fires ml-upload - A file was taken (uploaded, in an app); `data` is the new value.
 * @fires ml-clear - The user cleared the image.
 * @fires ml-select - A click on the image; `data` is `{index: [x, y], value: null}` in image pixels.
 * @fires ml-error - `file_type`, `file_too_large`, `upload_failed`, `network` (image did not load), `media_device`.
 */
export class MlImage extends MlMediaInput {
  static override styles = [tokens, mediaStyles, imageStyles];

  @state() private camera: MediaStream | null = null;
  @state() private fullscreen = false;

  /** FileData from an app, an image URL, or a File/Blob. */
  @property() value: MediaValue | null = null;

  /** Where an image may come from: `upload`, `webcam`, `clipboard`. */
  @property({ converter: listConverter }) sources: string[] | null = ['upload', 'webcam', 'clipboard'];

  /** Height of the image box (number: px). */
  @property() height: number | string | null = null;

  /** Width of the image box (number: px). */
  @property() width: number | string | null = null;

  /** Toolbar buttons shown: `download`, `fullscreen` (null: both). */
  @property({ converter: listConverter }) buttons: string[] | null = null;

  /** Gradio 4 prop: shows the download button. */
  @property({ type: Boolean, attribute: false }) showDownloadButton = true;

  /** Gradio 4 prop: shows the fullscreen button. */
  @property({ type: Boolean, attribute: false }) showFullscreenButton = true;

  /** Shows the webcam (and takes the photo) mirrored, like a mirror. */
  @property({ type: Boolean, attribute: false }) mirrorWebcam = true;

  /** Text in the empty drop zone. */
  @property() placeholder: string | null = null;

  private loadFailed = false;

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('fullscreenchange', this.onFullscreenChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('fullscreenchange', this.onFullscreenChange);
    this.stopCamera();
  }

  protected override acceptedTypes(): readonly string[] {
    return ['image'];
  }

  protected override setFiles(files: (FileData | File)[]): void {
    this.value = files[0] ?? null;
  }

  private has(source: string): boolean {
    return !this.sources || this.sources.includes(source);
  }

  private show(button: string): boolean {
    const legacy = button === 'download' ? this.showDownloadButton : button === 'fullscreen' ? this.showFullscreenButton : true;
    return legacy && (!this.buttons || this.buttons.includes(button));
  }

  private readonly onFullscreenChange = (): void => {
    this.fullscreen = !!this.shadowRoot?.fullscreenElement;
  };

  private onLoad(): void {
    if (this.loadFailed) this.error = null;
    this.loadFailed = false;
  }

  private onLoadError(): void {
    this.loadFailed = true;
    this.report('network', `The image ${mediaName(this.value, '')} could not be loaded.`.replace('  ', ' '));
  }

  private onImageClick(e: MouseEvent): void {
    const img = e.currentTarget as HTMLImageElement;
    const { naturalWidth: nw, naturalHeight: nh } = img;
    if (!nw || !nh) return;
    const r = img.getBoundingClientRect();
    // The image is drawn with object-fit: contain, so map through the letterboxed content box.
    const scale = Math.min(r.width / nw, r.height / nh);
    const x = Math.floor((e.clientX - r.left - (r.width - nw * scale) / 2) / scale);
    const y = Math.floor((e.clientY - r.top - (r.height - nh * scale) / 2) / scale);
    if (x < 0 || y < 0 || x >= nw || y >= nh) return;
    this.emit('select', { index: [x, y], value: null });
  }

  private toggleFullscreen(): void {
    if (this.shadowRoot?.fullscreenElement) void document.exitFullscreen();
    else void this.renderRoot.querySelector('.frame')?.requestFullscreen?.().catch(() => {});
  }

  private async startCamera(): Promise<void> {
    this.error = null;
    try {
      if (!navigator.mediaDevices?.getUserMedia) throw new Error('this page may not use a camera');
      this.camera = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
    } catch (e) {
      this.report('media_device', `The camera is not available: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private stopCamera(): void {
    for (const t of this.camera?.getTracks() ?? []) t.stop();
    this.camera = null;
  }

  private async capture(): Promise<void> {
    const video = this.renderRoot.querySelector('video');
    if (!video?.videoWidth) return;
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    const g = canvas.getContext('2d')!;
    if (this.mirrorWebcam) g.setTransform(-1, 0, 0, 1, canvas.width, 0);
    g.drawImage(video, 0, 0);
    const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/png'));
    this.stopCamera();
    if (blob) await this.takeFiles([new File([blob], `webcam-${Date.now()}.png`, { type: 'image/png' })]);
  }

  private async pasteFromClipboard(): Promise<void> {
    this.error = null;
    try {
      for (const item of await navigator.clipboard.read()) {
        const type = item.types.find((t) => t.startsWith('image/'));
        if (type) return void (await this.takeFiles([new File([await item.getType(type)], `clipboard.${type.slice(6)}`, { type })]));
      }
      this.report('file_type', 'The clipboard holds no image.');
    } catch (e) {
      this.report('clipboard', `The clipboard could not be read (${e instanceof Error ? e.message : String(e)}); press Ctrl+V instead.`);
    }
  }

  private clear(): void {
    this.cancelUpload();
    this.value = null;
    this.error = null;
    this.emit('clear');
    this.emitUserChange();
  }

  private renderImage(src: string, box: Record<string, string | null>): TemplateResult {
    const name = mediaName(this.value, 'image.png');
    return html`<div class="frame" part="frame" style=${styleMap(box)}>
      <img part="image" src=${src} alt=${this.label || name} @load=${this.onLoad} @error=${this.onLoadError}
        @click=${this.onImageClick} />
      <div class="toolbar" part="toolbar">
        ${this.show('download')
          ? html`<a class="btn" part="download-button" href=${src} download=${name} aria-label="Download ${name}"
              @click=${onDownloadClick}>${downloadIcon}</a>`
          : nothing}
        ${this.show('fullscreen')
          ? html`<button part="fullscreen-button" aria-label=${this.fullscreen ? 'Exit fullscreen' : 'View fullscreen'}
              @click=${this.toggleFullscreen}>${this.fullscreen ? exitFullscreenIcon : fullscreenIcon}</button>`
          : nothing}
        ${this.editable ? html`<button part="clear-button" aria-label="Clear image" @click=${this.clear}>${closeIcon}</button>` : nothing}
      </div>
    </div>`;
  }

  private renderCamera(box: Record<string, string | null>): TemplateResult {
    return html`<div class="frame" part="frame" style=${styleMap(box)}>
        <video part="webcam" aria-label="Camera preview" autoplay muted playsinline class=${this.mirrorWebcam ? 'mirror' : ''}
          .srcObject=${this.camera}></video>
      </div>
      <div class="actions">
        <button class="primary" part="capture-button" @click=${this.capture}>Take photo</button>
        <button @click=${this.stopCamera}>Cancel</button>
      </div>`;
  }

  private renderEmpty(box: Record<string, string | null>): TemplateResult {
    if (!this.editable) return html`<div class="frame empty" part="frame" style=${styleMap(box)}>No image</div>`;
    const webcam = this.has('webcam') && typeof navigator !== 'undefined' && !!navigator.mediaDevices;
    return html`<div class="dropzone" part="dropzone" style=${styleMap(box)}>
      <span>${this.placeholder ?? (this.has('upload') ? 'Drop an image here' : 'No image yet')}</span>
      <div class="actions">
        ${this.has('upload')
          ? html`<button class="primary" part="upload-button" ?disabled=${this.progress !== undefined} @click=${this.openPicker}>
              Choose image</button>`
          : nothing}
        ${webcam ? html`<button part="webcam-button" @click=${this.startCamera}>Use webcam</button>` : nothing}
        ${this.has('clipboard') ? html`<button part="paste-button" @click=${this.pasteFromClipboard}>Paste</button>` : nothing}
      </div>
    </div>`;
  }

  override render(): TemplateResult {
    const src = this.src(this.value);
    const box = { height: cssSize(this.height), width: cssSize(this.width) };
    const body = this.camera ? this.renderCamera(box) : src ? this.renderImage(src, box) : this.renderEmpty(box);
    return html`${this.renderLabel('Image')}${this.renderDropTarget(html`${body}${this.renderStatus()}`)}${this.renderPicker()}`;
  }
}

if (!customElements.get('ml-image')) customElements.define('ml-image', MlImage);

declare global {
  interface HTMLElementTagNameMap {
    'ml-image': MlImage;
  }
}
