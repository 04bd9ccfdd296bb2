import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { MlElement } from '../base/element.js';

interface Frame {
  headers?: string[];
  data?: unknown[][];
  metadata?: { display_value?: unknown[][] | null } | null;
}

/**
 * @summary A table of values, Gradio's Dataframe (display; cells editable when interactive).
 * @csspart table - The table.
 * @fires input - When the user edits a cell.
 * @fires change - When the user edits a cell.
 * @fires ml-select - `{index: [row, col], value, row_value, col_value}` when the user focuses a cell.
 */
export class MlDataframe extends MlElement {
  static override styles = [
    ...MlElement.styles,
    css`
      :host {
        display: block;
      }
      .scroll {
        overflow: auto;
        max-height: var(--ml-dataframe-max-height, 500px);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
      }
      table {
        border-collapse: collapse;
        width: 100%;
        font-size: 0.9em;
      }
      th,
      td {
        border-bottom: 1px solid var(--_border);
        padding: 4px var(--_space);
        text-align: left;
        vertical-align: top;
      }
      th {
        background: var(--_surface);
        position: sticky;
        top: 0;
      }
      td[contenteditable='true']:focus {
        outline: 2px solid var(--_focus);
        outline-offset: -2px;
      }
    `,
  ];

  /** `{headers, data}`. */
  @property({ attribute: false }) value: Frame | null = null;
  /** Wrap long cell text. */
  @property({ type: Boolean }) wrap = false;

  private edit(r: number, c: number, e: Event) {
    const text = (e.target as HTMLElement).textContent ?? '';
    const data = (this.value?.data ?? []).map((row) => [...row]);
    const old = data[r]?.[c];
    data[r]![c] = typeof old === 'number' && text.trim() !== '' && !Number.isNaN(Number(text)) ? Number(text) : text;
    this.value = { ...this.value, data };
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  override render() {
    const headers = Array.isArray(this.value?.headers) ? this.value.headers : [];
    const raw = this.value?.metadata?.display_value ?? this.value?.data;
    const rows = Array.isArray(raw) ? raw.map((r) => (Array.isArray(r) ? r : [r])) : [];
    return html`${this.label && !this.hideLabel ? html`<span class="label" id="caption">${this.label}</span>` : nothing}
      <div class="scroll">
        <table part="table" aria-label=${this.label ?? 'Table'} style=${this.wrap ? '' : 'white-space:nowrap'}>
          <thead>
            <tr>${headers.map((h) => html`<th scope="col">${h}</th>`)}</tr>
          </thead>
          <tbody>
            ${rows.map(
              (row, r) => html`<tr>
                ${row.map(
                  (cell, c) => html`<td
                    contenteditable=${this.interactive ? 'true' : 'false'}
                    tabindex=${this.interactive ? nothing : 0}
                    @focus=${() => this.emit('select', { index: [r, c], value: cell, row_value: row, col_value: rows.map((x) => x[c]) })}
                    @blur=${(e: Event) => this.interactive && String(cell ?? '') !== (e.target as HTMLElement).textContent && this.edit(r, c, e)}
                  >${cell === null || cell === undefined ? '' : String(cell)}</td>`,
                )}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }
}

if (!customElements.get('ml-dataframe')) customElements.define('ml-dataframe', MlDataframe);

declare global {
  interface HTMLElementTagNameMap {
    'ml-dataframe': MlDataframe;
  }
}
