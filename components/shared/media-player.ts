// The common body of <ml-audio> and <ml-video>: upload or record, then play with the browser's own player.
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { FileData } from '../../src/protocol/index.js';
import { MediaCapture, MlMediaInput, clock, cssSize, listConverter, mediaName, onDownloadClick, type MediaValue } from './media.js';
import { closeIcon, downloadIcon } from './media-icons.js';

export class MlPlayerInput extends MlMediaInput {
  /** `audio` or `video`, set by the subclass. */
  protected kind: 'audio' | 'video' = 'audio';

  private readonly capture = new MediaCapture();
  private timer: ReturnType<typeof setInterval> | undefined;

  @state() private live: MediaStream | null = null;
  @state() private elapsed = 0;
  /** Loudest sample per waveform bar, once the audio is decoded. */
  @state() private peaks: Float32Array | null = null;
  private peaksFor: string | null = null;

  /** FileData from an app, a URL, or a File/Blob. */
  @property() value: MediaValue | null = null;

  /** Where media may come from: `upload` and `microphone` (audio) or `webcam` (video). */
  @property({ converter: listConverter }) sources: string[] | null = null;

  /** Starts playing when a value arrives. */
  @property({ type: Boolean }) autoplay = false;

  /** Plays in a loop. */
  @property({ type: Boolean }) loop = false;

  /** Toolbar buttons shown: `download` (null: all). */
  @property({ converter: listConverter }) buttons: string[] | null = null;

  /** Gradio 4 prop: shows the download button. */
  @property({ type: Boolean, attribute: false }) showDownloadButton = true;

  /** Hides the waveform drawn above the audio player. */
  @property({ type: Boolean, attribute: 'without-waveform' }) withoutWaveform = false;

  /** Gradio's `waveform_options`: `waveform_color`, `waveform_progress_color`. */
  @property({ attribute: false }) waveformOptions: { waveform_color?: string; waveform_progress_color?: string } | null = null;

  /** Height of the player box (number: px). */
  @property() height: number | string | null = null;

  /** Width of the player box (number: px). */
  @property() width: number | string | null = null;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.capture.close();
    clearInterval(this.timer);
    this.live = null;
  }

  protected override acceptedTypes(): readonly string[] {
    return [this.kind];
  }

  protected override setFiles(files: (FileData | File)[]): void {
    this.value = files[0] ?? null;
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    const src = this.kind === 'audio' && !this.withoutWaveform && !this.live ? this.src(this.value) : null;
    if (src !== this.peaksFor) {
      this.peaksFor = src;
      this.peaks = null;
      if (src) void this.loadPeaks(src);
    }
    this.drawWaveform();
  }

  /** Decodes the audio for its waveform; when that fails (no CORS, unknown codec) the player stands alone. */
  private async loadPeaks(src: string): Promise<void> {
    try {
      const buf = await (await fetch(src)).arrayBuffer();
      const data = (await new OfflineAudioContext(1, 1, 44100).decodeAudioData(buf)).getChannelData(0);
      const peaks = new Float32Array(120);
      const step = Math.max(1, Math.floor(data.length / peaks.length));
      for (let i = 0; i < peaks.length; i++) {
        let max = 0;
        for (let j = i * step, end = Math.min(data.length, j + step); j < end; j++) max = Math.max(max, Math.abs(data[j]!));
        peaks[i] = max;
      }
      if (this.peaksFor === src) this.peaks = peaks;
    } catch {
      /* no waveform */
    }
  }

  private drawWaveform(): void {
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas');
    const audio = this.renderRoot.querySelector('audio');
    if (!canvas || !audio || !this.peaks) return;
    const dpr = devicePixelRatio || 1;
    const w = (canvas.width = Math.max(1, canvas.clientWidth * dpr));
    const h = (canvas.height = Math.max(1, canvas.clientHeight * dpr));
    const g = canvas.getContext('2d')!;
    const style = getComputedStyle(this);
    const color = this.waveformOptions?.waveform_color ?? (style.getPropertyValue('--_muted').trim() || '#888');
    const done = this.waveformOptions?.waveform_progress_color ?? (style.getPropertyValue('--_accent').trim() || '#c2410c');
    const played = audio.duration > 0 ? audio.currentTime / audio.duration : 0;
    const bar = w / this.peaks.length;
    this.peaks.forEach((p, i) => {
      const bh = Math.max(dpr, p * h);
      g.fillStyle = (i + 0.5) / this.peaks!.length <= played ? done : color;
      g.fillRect(i * bar + bar * 0.15, (h - bh) / 2, bar * 0.7, bh);
    });
  }

  private seek(e: MouseEvent): void {
    const audio = this.renderRoot.querySelector('audio');
    const r = (e.currentTarget as HTMLElement).getBoundingClientRect();
    if (audio && audio.duration > 0) audio.currentTime = ((e.clientX - r.left) / r.width) * audio.duration;
  }

  /** Constraints for recording. */
  protected constraints(): MediaStreamConstraints {
    return this.kind === 'audio' ? { audio: true } : { video: true, audio: true };
  }

  private get device(): string {
    return this.kind === 'audio' ? 'microphone' : 'webcam';
  }

  private has(source: string): boolean {
    return (this.sources ?? ['upload', this.device]).includes(source);
  }

  private async record(): Promise<void> {
    this.error = null;
    try {
      this.live = await this.capture.open(this.constraints());
    } catch (e) {
      this.report('media_device', `The ${this.kind === 'audio' ? 'microphone' : 'camera'} is not available: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    this.capture.start();
    this.elapsed = 0;
    const t0 = Date.now();
    this.timer = setInterval(() => (this.elapsed = (Date.now() - t0) / 1000), 250);
    this.emit('start_recording');
  }

  private async stopRecording(): Promise<void> {
    clearInterval(this.timer);
    const file = await this.capture.stop(`recording-${Date.now()}`);
    this.live = null;
    this.emit('stop_recording');
    if (file) await this.takeFiles([file]);
  }

  private clear(): void {
    this.cancelUpload();
    this.value = null;
    this.error = null;
    this.emit('clear');
    this.emitUserChange();
  }

  private onPlayerError(): void {
    this.report('network', `The ${this.kind} ${mediaName(this.value, '')} could not be loaded.`.replace('  ', ' '));
  }

  private renderPlayer(src: string, box: Record<string, string | null>): TemplateResult {
    const name = mediaName(this.value, this.kind);
    const label = this.label || name;
    const onEnded = () => this.emit(this.kind === 'audio' ? 'stop' : 'end');
    const player =
      this.kind === 'audio'
        ? html`${this.peaks && !this.withoutWaveform
              ? html`<canvas part="waveform" class="waveform" aria-hidden="true" @click=${this.seek}></canvas>`
              : nothing}
            <audio part="player" controls src=${src} aria-label=${label} ?autoplay=${this.autoplay} ?loop=${this.loop}
            @timeupdate=${this.drawWaveform} @loadedmetadata=${this.drawWaveform}
            @play=${() => this.emit('play')} @pause=${() => this.emit('pause')} @ended=${onEnded} @error=${this.onPlayerError}></audio>`
        : html`<div class="frame" part="frame" style=${styleMap(box)}>
            <video part="player" controls playsinline src=${src} aria-label=${label} ?autoplay=${this.autoplay} ?loop=${this.loop}
              @play=${() => this.emit('play')} @pause=${() => this.emit('pause')} @ended=${onEnded} @error=${this.onPlayerError}></video>
          </div>`;
    return html`${player}
      <div class="actions" part="toolbar">
        ${this.showDownloadButton && (!this.buttons || this.buttons.includes('download'))
          ? html`<a class="btn" part="download-button" href=${src} download=${name} aria-label="Download ${name}" @click=${onDownloadClick}>
              ${downloadIcon} Download</a>`
          : nothing}
        ${this.editable ? html`<button part="clear-button" aria-label="Clear ${this.kind}" @click=${this.clear}>${closeIcon} Clear</button>` : nothing}
      </div>`;
  }

  private renderLive(box: Record<string, string | null>): TemplateResult {
    return html`${this.kind === 'video'
        ? html`<div class="frame" part="frame" style=${styleMap(box)}>
            <video part="webcam" aria-label="Camera preview" autoplay muted playsinline .srcObject=${this.live}></video>
          </div>`
        : nothing}
      <div class="actions recording" role="status">
        <span class="dot" aria-hidden="true"></span> Recording ${clock(this.elapsed)}
        <button class="primary" part="stop-button" @click=${this.stopRecording}>Stop recording</button>
      </div>`;
  }

  private renderEmpty(box: Record<string, string | null>): TemplateResult {
    const noun = this.kind === 'audio' ? 'an audio file' : 'a video';
    if (!this.editable) return html`<div class="frame empty" part="frame" style=${styleMap(box)}>No ${this.kind}</div>`;
    const canRecord = this.has(this.device) && typeof navigator !== 'undefined' && !!navigator.mediaDevices;
    return html`<div class="dropzone" part="dropzone" style=${styleMap(box)}>
      <span>${this.has('upload') ? `Drop ${noun} here` : `No ${this.kind} yet`}</span>
      <div class="actions">
        ${this.has('upload')
          ? html`<button class="primary" part="upload-button" ?disabled=${this.progress !== undefined} @click=${this.openPicker}>
              Choose ${this.kind}</button>`
          : nothing}
        ${canRecord ? html`<button part="record-button" @click=${this.record}>Record</button>` : nothing}
      </div>
    </div>`;
  }

  override render(): TemplateResult {
    const src = this.src(this.value);
    const box = { height: cssSize(this.height), width: cssSize(this.width) };
    const body = this.live ? this.renderLive(box) : src ? this.renderPlayer(src, box) : this.renderEmpty(box);
    const name = this.kind === 'audio' ? 'Audio' : 'Video';
    return html`${this.renderLabel(name)}${this.renderDropTarget(html`${body}${this.renderStatus()}`)}${this.renderPicker()}`;
  }
}
