import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { MlElement } from '../base/element.js';

/**
 * @summary A JSON value, pretty-printed, Gradio's JSON.
 * @csspart label - The label.
 * @csspart content - The JSON text.
 */
export class MlJson extends MlElement {
  static override styles = [
    ...MlElement.styles,
    css`
      :host {
        display: block;
      }
      pre {
        margin: 0;
        font-family: var(--_mono);
        font-size: 0.85em;
        background: var(--_surface);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: var(--_space);
        overflow: auto;
        max-height: var(--ml-json-max-height, 24em);
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
    `,
  ];

  /** Any JSON value. */
  @property({ attribute: false }) value: unknown = null;

  override render() {
    const text = this.value === null || this.value === undefined ? '' : JSON.stringify(this.value, null, 2);
    return html`${this.label && !this.hideLabel ? html`<span class="label" part="label" id="l">${this.label}</span>` : nothing}
      <pre part="content" tabindex="0" role="region" aria-label=${this.label ?? 'JSON'}>${text}</pre>`;
  }
}

if (!customElements.get('ml-json')) customElements.define('ml-json', MlJson);

declare global {
  interface HTMLElementTagNameMap {
    'ml-json': MlJson;
  }
}
