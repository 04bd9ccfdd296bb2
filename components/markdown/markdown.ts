import { css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { MlElement } from '../base/element.js';
import { renderMarkdown, markdownStyles } from '../shared/markdown.js';

/**
 * @summary Markdown from the app, parsed by marked and sanitised by DOMPurify (no script, handler or `javascript:` URL).
 * @csspart content - The rendered markdown.
 */
export class MlMarkdown extends MlElement {
  static override styles = [
    ...MlElement.styles,
    markdownStyles,
    css`
      :host {
        display: block;
      }
      :host([rtl]) .md {
        direction: rtl;
      }
      .md {
        overflow: auto;
      }
    `,
  ];

  /** Markdown source. */
  @property() value = '';
  /** Right-to-left text. */
  @property({ type: Boolean, reflect: true }) rtl = false;
  /** Fixed height (px or CSS length). */
  @property({ attribute: false }) height: number | string | null = null;
  /** Largest height before scrolling. */
  @property({ attribute: false }) maxHeight: number | string | null = null;

  override render() {
    const css = (v: number | string | null) => (typeof v === 'number' ? `${v}px` : (v ?? ''));
    return html`<div class="md" part="content" style="height:${css(this.height)};max-height:${css(this.maxHeight)}">
      ${unsafeHTML(renderMarkdown(String(this.value ?? '')))}
    </div>`;
  }
}

if (!customElements.get('ml-markdown')) customElements.define('ml-markdown', MlMarkdown);

declare global {
  interface HTMLElementTagNameMap {
    'ml-markdown': MlMarkdown;
  }
}
