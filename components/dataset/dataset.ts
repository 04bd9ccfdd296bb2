import { css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { MlElement } from '../base/element.js';
import { isFileData } from '../../src/protocol/index.js';

/**
 * @summary Examples: a clickable list of samples, Gradio's Dataset (`gr.Examples`). Clicking a sample sets `value`
 * to its index and fires `click`; `<ml-app>` then loads the sample into the inputs.
 * @csspart sample - One sample button.
 * @fires click - The user picked a sample (`value` is its index).
 * @fires ml-select - `{index, value: sample}`.
 */
export class MlDataset extends MlElement {
  static override styles = [
    ...MlElement.styles,
    css`
      :host {
        display: block;
      }
      .gallery {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_space);
      }
      button {
        font: inherit;
        color: var(--_text);
        background: var(--_surface);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: calc(var(--_space) * 0.75) var(--_space);
        cursor: pointer;
        text-align: left;
        max-width: 100%;
      }
      button:hover {
        border-color: var(--_accent);
      }
      table {
        border-collapse: collapse;
        width: 100%;
      }
      th {
        text-align: left;
        font-size: 0.85em;
        color: var(--_muted);
        padding: 2px var(--_space);
      }
      tr.sample:hover td {
        background: var(--_surface);
      }
      td {
        padding: 0;
        border-top: 1px solid var(--_border);
      }
      td button {
        all: unset;
        display: block;
        padding: 4px var(--_space);
        width: 100%;
        box-sizing: border-box;
        cursor: pointer;
      }
      td button:focus-visible {
        outline: 2px solid var(--_focus);
      }
      img {
        max-height: 4em;
        max-width: 8em;
        display: block;
      }
      nav {
        display: flex;
        gap: 4px;
        margin-top: var(--_space);
      }
      nav button {
        padding: 0 8px;
      }
    `,
  ];

  /** Index of the last clicked sample. */
  @property({ attribute: false }) value: number | null = null;
  /** Rows of raw values, one per input component. */
  @property({ attribute: false }) samples: unknown[][] = [];
  /** Component types of the columns. */
  @property({ attribute: false }) components: string[] = [];
  /** Column headers. */
  @property({ attribute: false }) headers: string[] = [];
  /** Display labels instead of the values. */
  @property({ attribute: false }) sampleLabels: string[] | null = null;
  /** Samples per page. */
  @property({ type: Number, attribute: 'samples-per-page' }) samplesPerPage = 10;
  /** `gallery` or `table` (default: gallery for one column). */
  @property() layout: string | null = null;

  @state() private page = 0;

  private cell(v: unknown) {
    if (isFileData(v) || (v && typeof v === 'object' && 'url' in v)) {
      const f = v as { url?: string | null; path?: string; orig_name?: string | null; mime_type?: string | null };
      const url = f.url ?? '';
      if (/^https?:|^data:image\//.test(url) && (f.mime_type?.startsWith('image/') || /\.(png|jpe?g|gif|webp|avif|svg)$/i.test(f.path ?? url))) {
        return html`<img src=${url} alt=${f.orig_name ?? ''} />`;
      }
      return f.orig_name ?? f.path ?? '';
    }
    if (v === null || v === undefined) return '';
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  }

  private pick(index: number) {
    // Set before the native click reaches listeners on the host.
    this.value = index;
    this.emit('select', { index, value: this.samples[index] });
  }

  override render() {
    const per = Math.max(1, this.samplesPerPage);
    const pages = Math.ceil((Array.isArray(this.samples) ? this.samples.length : 0) / per);
    const start = this.page * per;
    const samples = Array.isArray(this.samples) ? this.samples.map((r) => (Array.isArray(r) ? r : [r])) : [];
    const shown = samples.slice(start, start + per);
    const table = this.layout === 'table' || (this.layout !== 'gallery' && this.components.length > 1);
    const label = (row: unknown[], i: number) => this.sampleLabels?.[start + i] ?? null;
    // Clicks outside a sample must not reach the host as a sample click.
    const guard = (e: Event) => {
      if (!(e.target as Element).closest('.s')) e.stopPropagation();
    };
    return html`${this.hideLabel ? nothing : html`<span class="label">${this.label ?? 'Examples'}</span>`}
      <div @click=${guard} role="group" aria-label=${this.label ?? 'Examples'}>
        ${table
          ? html`<table>
              ${this.headers.length ? html`<tr>${this.headers.map((h) => html`<th>${h}</th>`)}</tr>` : nothing}
              ${shown.map(
                (row, i) => html`<tr class="sample">
                  ${label(row, i) !== null
                    ? html`<td colspan=${row.length}><button class="s" part="sample" @click=${() => this.pick(start + i)}>${label(row, i)}</button></td>`
                    : row.map((v, c) => html`<td><button class="s" part="sample" tabindex=${c === 0 ? 0 : -1} @click=${() => this.pick(start + i)}>${this.cell(v)}</button></td>`)}
                </tr>`,
              )}
            </table>`
          : html`<div class="gallery">
              ${shown.map(
                (row, i) => html`<button class="s" part="sample" @click=${() => this.pick(start + i)}>${label(row, i) ?? row.map((v) => this.cell(v))}</button>`,
              )}
            </div>`}
        ${pages > 1
          ? html`<nav aria-label="Pages">
              ${Array.from({ length: pages }, (_, p) => html`<button aria-current=${p === this.page ? 'page' : 'false'} @click=${() => (this.page = p)}>${p + 1}</button>`)}
            </nav>`
          : nothing}
      </div>`;
  }
}

if (!customElements.get('ml-dataset')) customElements.define('ml-dataset', MlDataset);

declare global {
  interface HTMLElementTagNameMap {
    'ml-dataset': MlDataset;
  }
}
