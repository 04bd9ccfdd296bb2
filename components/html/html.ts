import { css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { MlElement } from '../base/element.js';
import { sanitizeHtml } from '../shared/markdown.js';

/**
 * @summary HTML from the app, sanitised by DOMPurify: no script, event handler or `javascript:` URL survives.
 * @csspart content - The HTML.
 */
export class MlHtml extends MlElement {
  static override styles = [
    ...MlElement.styles,
    css`
      :host {
        display: block;
      }
      img {
        max-width: 100%;
      }
    `,
  ];

  /** HTML source. */
  @property() value = '';

  override render() {
    return html`<div part="content">${unsafeHTML(sanitizeHtml(String(this.value ?? '')))}</div>`;
  }
}

if (!customElements.get('ml-html')) customElements.define('ml-html', MlHtml);

declare global {
  interface HTMLElementTagNameMap {
    'ml-html': MlHtml;
  }
}
