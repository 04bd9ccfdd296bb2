import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { MlElement } from '../base/element.js';
import type { FileData } from '../../src/protocol/index.js';

/**
 * @summary A button, Gradio's Button (its `value` is its text).
 * @csspart button - The native button.
 * @fires click - Native click, when the user presses it.
 */
export class MlButton extends MlElement {
  static override styles = [
    ...MlElement.styles,
    css`
      :host {
        display: block;
      }
      button,
      a {
        font: inherit;
        font-weight: 600;
        width: 100%;
        border-radius: var(--_radius);
        border: 1px solid var(--_border);
        background: var(--_surface);
        color: var(--_text);
        padding: calc(var(--_space) * 1.1) calc(var(--_space) * 2);
        cursor: pointer;
        display: inline-flex;
        align-items: center;
        justify-content: center;
        gap: var(--_space);
        text-decoration: none;
        box-sizing: border-box;
        margin: 0;
        line-height: 1.3;
      }
      :host([variant='primary']) button,
      :host([variant='primary']) a {
        background: var(--_accent);
        border-color: var(--_accent);
        color: var(--_accent-text);
      }
      :host([variant='stop']) button {
        background: var(--_error);
        border-color: var(--_error);
        color: #fff;
      }
      :host([size='sm']) button {
        padding: 4px var(--_space);
        font-size: 0.85em;
      }
      :host([size='lg']) button {
        padding: calc(var(--_space) * 1.5) calc(var(--_space) * 3);
        font-size: 1.1em;
      }
      button:hover:not(:disabled) {
        filter: brightness(0.95);
      }
      button:disabled {
        opacity: 0.55;
        cursor: not-allowed;
      }
      img {
        height: 1.2em;
      }
    `,
  ];

  /** The button text (Gradio's `value`). */
  @property() value = 'Run';
  /** `primary`, `secondary`, `stop`. */
  @property({ reflect: true }) variant = 'secondary';
  /** `sm`, `md`, `lg`. */
  @property({ reflect: true }) size = 'md';
  /** Icon shown before the text. */
  @property({ attribute: false }) icon: FileData | string | null = null;
  /** Makes the button a link. */
  @property() link: string | null = null;

  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLElement>('button, a')?.focus(options);
  }

  override render() {
    const icon = typeof this.icon === 'string' ? this.icon : (this.icon?.url ?? null);
    const inner = html`${icon ? html`<img src=${icon} alt="" />` : nothing}${this.value ?? ''}`;
    if (this.link && /^https?:/i.test(this.link)) {
      return html`<a part="button" href=${this.link} target="_blank" rel="noopener noreferrer">${inner}</a>`;
    }
    return html`<button part="button" type="button" ?disabled=${!this.interactive}>${inner}</button>`;
  }
}

if (!customElements.get('ml-button')) customElements.define('ml-button', MlButton);

declare global {
  interface HTMLElementTagNameMap {
    'ml-button': MlButton;
  }
}
