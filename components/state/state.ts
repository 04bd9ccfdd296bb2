import { css } from 'lit';
import { property } from 'lit/decorators.js';
import { MlElement } from '../base/element.js';

/**
 * @summary An invisible per-session value (Gradio's State; the real value stays on the server).
 */
export class MlState extends MlElement {
  static override styles = [
    css`
      :host {
        display: none !important;
      }
    `,
  ];

  /** Whatever the page keeps here; `<ml-app>` sends State inputs as null. */
  @property({ attribute: false }) value: unknown = null;

  override render() {
    return null;
  }
}

if (!customElements.get('ml-state')) customElements.define('ml-state', MlState);

declare global {
  interface HTMLElementTagNameMap {
    'ml-state': MlState;
  }
}
