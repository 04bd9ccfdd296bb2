import { css, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import { consume } from '@lit/context';
import { MlElement } from '../base/element.js';
import { appContext, type AppContext } from '../base/context.js';
import { MlErrorEvent } from '../base/events.js';
import { tokens } from '../base/styles.js';
import { ObjectUrls, cssSize, mediaName, mediaSrc, type MediaValue } from '../shared/media.js';
import { mediaStyles } from '../shared/media.styles.js';

/** A labelled region: a mask image (Gradio's wire form) or, for pages, a box `[x1, y1, x2, y2]` in image pixels. */
export interface Annotation {
  image?: MediaValue;
  box?: [number, number, number, number];
  label: string;
}

export interface AnnotatedImageValue {
  image: MediaValue;
  annotations: Annotation[];
}

/**
 * An image with labelled masks or boxes drawn over it and a legend. Hovering or focusing a legend entry highlights
 * its regions; clicking it fires `ml-select`.
 *
 * @summary Image with labelled masks/boxes and a legend.
 * @csspart label - The label.
 * @csspart frame - The box holding the image.
 * @csspart image - The base `<img>`.
 * @csspart mask - A mask overlay.
 * @csspart box - A box overlay.
 * @csspart legend - The legend list.
 * @csspart legend-item - One legend button.
 * @csspart error - The last error message.
 * @fires ml-select - A legend entry was clicked: `{index, value: label}`.
 * @fires ml-error - `network`: the image did not load.
 */
export class MlAnnotatedimage extends MlElement {
  static override styles = [
    tokens,
    mediaStyles,
    css`
      .stack {
        position: relative;
        display: inline-block;
        max-width: 100%;
      }
      .stack img {
        display: block;
        max-width: 100%;
        max-height: var(--_h, 70vh);
      }
      .mask,
      .box {
        position: absolute;
        pointer-events: none;
        transition: opacity 0.15s;
      }
      .mask {
        inset: 0;
        width: 100%;
        height: 100%;
        opacity: 0.5;
      }
      .box {
        border: 3px solid;
        border-radius: 2px;
      }
      .box span {
        position: absolute;
        top: 0;
        left: 0;
        padding: 0 4px;
        font-size: 0.75em;
        color: #111;
        background: rgb(255 255 255 / 0.9);
        border-left: 4px solid;
      }
      .active {
        opacity: 0.85;
      }
      .dim {
        opacity: 0.1;
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: calc(var(--_space) / 2);
        list-style: none;
        margin: var(--_space) 0 0;
        padding: 0;
      }
      .swatch {
        width: 0.9em;
        height: 0.9em;
        border-radius: 3px;
      }
    `,
  ];

  private readonly urls = new ObjectUrls(this);

  @consume({ context: appContext, subscribe: true })
  @state()
  private ctx?: AppContext;

  /** Label whose regions are highlighted. */
  @state() private active: string | null = null;
  @state() private natural: [number, number] | null = null;
  @state() private error: string | null = null;

  /** `{image, annotations: [{image: mask, label} | {box: [x1, y1, x2, y2], label}]}`. */
  @property({ attribute: false }) value: AnnotatedImageValue | null = null;

  /** Shows the legend. */
  @property({ type: Boolean, attribute: 'show-legend' }) showLegend = true;

  /** Label → CSS colour. */
  @property({ attribute: 'color-map', type: Object }) colorMap: Record<string, string> | null = null;

  /** Height of the image box (number: px). */
  @property() height: number | string | null = null;

  /** Width of the image box (number: px). */
  @property() width: number | string | null = null;

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    if (!changed.has('value')) return;
    const v = this.value;
    const blobs = [v?.image, ...(v?.annotations ?? []).map((a) => a.image)].filter((b): b is Blob => b instanceof Blob);
    this.urls.keep(blobs);
  }

  private get labels(): string[] {
    return [...new Set((this.value?.annotations ?? []).map((a) => a.label))];
  }

  private color(label: string): string {
    const labels = this.labels;
    return this.colorMap?.[label] ?? `hsl(${Math.round((labels.indexOf(label) * 360) / Math.max(1, labels.length))} 85% 45%)`;
  }

  private cls(label: string): string {
    return this.active === null ? '' : this.active === label ? 'active' : 'dim';
  }

  private onLoad(e: Event): void {
    const img = e.target as HTMLImageElement;
    this.natural = [img.naturalWidth, img.naturalHeight];
    this.error = null;
  }

  private onError(): void {
    this.error = `The image ${mediaName(this.value?.image, '')} could not be loaded.`.replace('  ', ' ');
    this.dispatchEvent(new MlErrorEvent('network', this.error));
  }

  private renderOverlay(a: Annotation): TemplateResult | typeof nothing {
    const color = this.color(a.label);
    if (a.image) {
      const src = mediaSrc(a.image, this.urls, this.ctx);
      // Masks come coloured by the app; without a colour map they are shifted to the legend's hue, as Gradio does.
      const filter = this.colorMap?.[a.label] ? null : `hue-rotate(${Math.round((this.labels.indexOf(a.label) * 360) / Math.max(1, this.labels.length))}deg)`;
      return src ? html`<img class="mask ${this.cls(a.label)}" part="mask" src=${src} alt="" style=${styleMap({ filter })} />` : nothing;
    }
    if (!a.box || !this.natural) return nothing;
    const [w, h] = this.natural;
    const [x1, y1, x2, y2] = a.box;
    const pct = (n: number, d: number) => `${(n / d) * 100}%`;
    const style = { left: pct(x1, w), top: pct(y1, h), width: pct(x2 - x1, w), height: pct(y2 - y1, h), borderColor: color, background: 'transparent' };
    return html`<div class="box ${this.cls(a.label)}" part="box" style=${styleMap(style)}>
      <span style=${styleMap({ borderColor: color })}>${a.label}</span>
    </div>`;
  }

  override render(): TemplateResult {
    const v = this.value;
    const src = mediaSrc(v?.image, this.urls, this.ctx);
    const box = { height: cssSize(this.height), width: cssSize(this.width), '--_h': cssSize(this.height) };
    const anns = v?.annotations ?? [];
    return html`<span id="label" part="label" class="label ${this.hideLabel ? 'visually-hidden' : ''}">${this.label || 'Annotated image'}</span>
      <div role="group" aria-labelledby="label">
        <div class="frame ${src ? '' : 'empty'}" part="frame" style=${styleMap(box)}>
          ${src
            ? html`<div class="stack">
                <img part="image" src=${src} alt=${this.label || mediaName(v?.image, 'image')} @load=${this.onLoad} @error=${this.onError} />
                ${anns.map((a) => this.renderOverlay(a))}
              </div>`
            : 'No image'}
        </div>
        ${this.showLegend && this.labels.length
          ? html`<ul class="legend" part="legend" aria-label="Legend">
              ${this.labels.map(
                (label) => html`<li>
                  <button part="legend-item"
                    @mouseenter=${() => (this.active = label)} @mouseleave=${() => (this.active = null)}
                    @focus=${() => (this.active = label)} @blur=${() => (this.active = null)}
                    @click=${() => this.emit('select', { index: anns.findIndex((a) => a.label === label), value: label })}>
                    <span class="swatch" style=${styleMap({ background: this.color(label) })} aria-hidden="true"></span>${label}
                  </button>
                </li>`,
              )}
            </ul>`
          : nothing}
        <p class="error" part="error" role="alert" ?hidden=${!this.error}>${this.error}</p>
      </div>`;
  }
}

if (!customElements.get('ml-annotatedimage')) customElements.define('ml-annotatedimage', MlAnnotatedimage);

declare global {
  interface HTMLElementTagNameMap {
    'ml-annotatedimage': MlAnnotatedimage;
  }
}
