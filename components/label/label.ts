import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { MlElement } from '../base/element.js';

interface LabelValue {
  label?: string | number | null;
  confidences?: { label: string | number; confidence: number }[] | null;
}

/**
 * @summary A classification result: the top label and confidence bars, Gradio's Label.
 * @csspart heading - The top label.
 * @csspart bar - One confidence bar.
 * @fires ml-select - `{index, value}` when the user picks a class.
 */
export class MlLabel extends MlElement {
  static override styles = [
    ...MlElement.styles,
    css`
      :host {
        display: block;
      }
      .heading {
        margin: 0 0 var(--_space);
        font-size: 1.4em;
        font-weight: 700;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: 6px;
      }
      li {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 2px 8px;
        font-size: 0.9em;
      }
      .track {
        grid-column: 1 / -1;
        height: 6px;
        border-radius: 3px;
        background: var(--_border);
        overflow: hidden;
      }
      .track > div {
        height: 100%;
        background: var(--_accent);
      }
    `,
  ];

  /** `{label, confidences: [{label, confidence}]}`, or a plain string/number. */
  @property({ attribute: false }) value: LabelValue | string | number | null = null;
  /** Shows the top label above the bars. */
  @property({ type: Boolean, attribute: 'show-heading' }) showHeading = true;

  override render() {
    const v: LabelValue = typeof this.value === 'object' && this.value !== null ? this.value : { label: this.value };
    return html`${this.label && !this.hideLabel ? html`<span class="label">${this.label}</span>` : nothing}
      ${this.showHeading && v.label !== null && v.label !== undefined ? html`<div class="heading" part="heading">${v.label}</div>` : nothing}
      ${v.confidences?.length
        ? html`<ul aria-label=${this.label ?? 'Confidences'}>
            ${v.confidences.map(
              (c, i) => html`<li @click=${() => this.emit('select', { index: i, value: c.label })}>
                <span>${c.label}</span><span>${Math.round(c.confidence * 100)}%</span>
                <div class="track" part="bar" role="meter" aria-valuemin="0" aria-valuemax="1" aria-valuenow=${c.confidence} aria-label=${String(c.label)}>
                  <div style="width:${Math.max(0, Math.min(1, c.confidence)) * 100}%"></div>
                </div>
              </li>`,
            )}
          </ul>`
        : nothing}`;
  }
}

if (!customElements.get('ml-label')) customElements.define('ml-label', MlLabel);

declare global {
  interface HTMLElementTagNameMap {
    'ml-label': MlLabel;
  }
}
