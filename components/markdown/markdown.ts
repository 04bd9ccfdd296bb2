import { css, html, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { MlElement } from '../base/element.js';
import { markdownStyles } from '../shared/markdown.styles.js';

type Renderer = typeof import('../shared/markdown.js');
let renderer: Promise<Renderer> | null = null;
const loadRenderer = () => (renderer ??= import('../shared/markdown.js'));

// Text that parses to one paragraph of itself: no markdown or HTML syntax, no autolinks, no block markers.
const PLAIN = /^[^<>&*_`[\]\\#|~!=]*$/;
const BLOCKISH = /^\s*([-+>]|\d+[.)]\s)|^( {4}|\t)|:\/\/|www\./m;
// One heading or paragraph element holding plain text, like the title Gradio's Interface generates.
const SIMPLE_ELEMENT = /^\s*<(h[1-6]|p)(?:\s+style\s*=\s*(?:"[^"<>]*"|'[^'<>]*'))?\s*>([^<>&*_`[\]\\#|~!=]*)<\/\1>\s*$/i;

/** Renders what needs no parser with plain templates (text is escaped); null when the parser is needed. */
function simple(source: string): TemplateResult | null {
  const text = source.trim();
  if (!text) return html``;
  if (PLAIN.test(text) && !BLOCKISH.test(text) && !text.includes('\n\n')) return html`<p>${text}</p>`;
  const m = SIMPLE_ELEMENT.exec(text);
  if (!m || BLOCKISH.test(m[2]!)) return null;
  const inner = m[2]!.trim();
  switch (m[1]!.toLowerCase()) {
    case 'h1':
      return html`<h1>${inner}</h1>`;
    case 'h2':
      return html`<h2>${inner}</h2>`;
    case 'h3':
      return html`<h3>${inner}</h3>`;
    case 'p':
      return html`<p>${inner}</p>`;
    default:
      return null;
  }
}

/**
 * @summary Markdown from the app, parsed by marked and sanitised by DOMPurify (no script, handler or `javascript:` URL).
 * Plain text and simple titles render at once without the parser; anything else loads it on demand.
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
      .pending {
        white-space: pre-wrap;
      }
    `,
  ];

  /** Markdown source. */
  @property() value = '';
  /** Right-to-left text. */
  @property({ type: Boolean, reflect: true }) rtl = false;
  /** Single newlines become line breaks. */
  @property({ type: Boolean, attribute: 'line-breaks' }) lineBreaks = false;
  /** Fixed height (px or CSS length). */
  @property({ attribute: false }) height: number | string | null = null;
  /** Largest height before scrolling. */
  @property({ attribute: false }) maxHeight: number | string | null = null;

  @state() private parsed: { source: string; html: string } | null = null;

  protected override willUpdate(changed: PropertyValues): void {
    const source = String(this.value ?? '');
    if ((changed.has('value') || changed.has('lineBreaks')) && simple(source) === null) void loadRenderer().then((r) => this.parse(r, source));
  }

  /** Renders `source` if it is still the value; again when code in it can be highlighted (highlight.js arrived). */
  private parse(r: Renderer, source: string): void {
    if (String(this.value ?? '') !== source) return;
    this.parsed = { source, html: r.renderMarkdown(source, this.lineBreaks, () => this.parse(r, source)) };
  }

  override render() {
    const size = (v: number | string | null) => (typeof v === 'number' ? `${v}px` : (v ?? ''));
    const source = String(this.value ?? '');
    const quick = simple(source);
    const body =
      quick ??
      (this.parsed?.source === source ? unsafeHTML(this.parsed.html) : html`<p class="pending">${source}</p>`);
    return html`<div class="md" part="content" style="height:${size(this.height)};max-height:${size(this.maxHeight)}">${body}</div>`;
  }
}

if (!customElements.get('ml-markdown')) customElements.define('ml-markdown', MlMarkdown);

declare global {
  interface HTMLElementTagNameMap {
    'ml-markdown': MlMarkdown;
  }
}
