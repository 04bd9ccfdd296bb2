import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { MlElement } from '../base/element.js';

type Span = { token: string; class_or_confidence: string | number | null };

const PALETTE = ['#ffa8a8', '#a5d8ff', '#b2f2bb', '#ffec99', '#d0bfff', '#ffc078', '#99e9f2', '#eebefa'];

/**
 * @summary Text with labelled or scored spans, Gradio's HighlightedText.
 * @csspart text - The text.
 * @csspart legend - The category legend.
 * @fires ml-select - `{index, value: [token, class]}` when the user clicks a span.
 */
export class MlHighlightedtext extends MlElement {
  static override styles = [
    ...MlElement.styles,
    css`
      :host {
        display: block;
      }
      .text {
        line-height: 1.9;
        white-space: pre-wrap;
      }
      mark {
        color: #1f2328;
        border-radius: 4px;
        padding: 1px 3px;
      }
      mark small {
        font-size: 0.7em;
        font-weight: 600;
        margin-left: 4px;
        opacity: 0.75;
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        margin-bottom: var(--_space);
        font-size: 0.8em;
      }
      .legend span {
        border-radius: 4px;
        padding: 0 6px;
        color: #1f2328;
      }
    `,
  ];

  /** `[{token, class_or_confidence}]` (or `[[token, class]]` pairs). */
  @property({ attribute: false }) value: Span[] | [string, string | number | null][] | null = null;
  /** Category → CSS colour. */
  @property({ attribute: false }) colorMap: Record<string, string> | null = null;
  /** Shows a legend of categories. */
  @property({ type: Boolean, attribute: 'show-legend' }) showLegend = false;
  /** Shows the category next to each span. */
  @property({ type: Boolean, attribute: 'show-inline-category' }) showInlineCategory = true;

  private get spans(): Span[] {
    return (Array.isArray(this.value) ? this.value : []).map((s) => (Array.isArray(s) ? { token: String(s[0]), class_or_confidence: s[1] } : s));
  }

  private color(c: string | number | null, cats: string[]): string {
    if (typeof c === 'number') return c >= 0 ? `rgb(255 80 80 / ${Math.min(1, c)})` : `rgb(80 130 255 / ${Math.min(1, -c)})`;
    if (c === null) return 'transparent';
    return this.colorMap?.[c] ?? PALETTE[cats.indexOf(c) % PALETTE.length]!;
  }

  override render() {
    const spans = this.spans;
    const cats = [...new Set(spans.map((s) => s.class_or_confidence).filter((c): c is string => typeof c === 'string'))];
    return html`${this.label && !this.hideLabel ? html`<span class="label">${this.label}</span>` : nothing}
      ${this.showLegend && cats.length
        ? html`<div class="legend" part="legend">${cats.map((c) => html`<span style="background:${this.color(c, cats)}">${c}</span>`)}</div>`
        : nothing}
      <div class="text" part="text">
        ${spans.map((s, i) =>
          s.class_or_confidence === null
            ? s.token
            : html`<mark style="background:${this.color(s.class_or_confidence, cats)}" @click=${() => this.emit('select', { index: i, value: [s.token, s.class_or_confidence] })}
                >${s.token}${this.showInlineCategory && typeof s.class_or_confidence === 'string' ? html`<small>${s.class_or_confidence}</small>` : nothing}</mark
              >`,
        )}
      </div>`;
  }
}

if (!customElements.get('ml-highlightedtext')) customElements.define('ml-highlightedtext', MlHighlightedtext);

declare global {
  interface HTMLElementTagNameMap {
    'ml-highlightedtext': MlHighlightedtext;
  }
}
