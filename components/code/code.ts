import { css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { MlFormControl } from '../base/form-control.js';
import { tokens } from '../base/styles.js';
import { fieldLabel, fieldStyles, stop } from '../base/field.js';

/**
 * @summary Source code in a monospace box, editable when interactive, Gradio's Code.
 * @csspart label - The label.
 * @csspart input - The text area.
 * @fires input - On every user edit.
 * @fires change - On every user edit.
 */
export class MlCode extends MlFormControl {
  static override styles = [
    tokens,
    fieldStyles,
    css`
      textarea {
        font-family: var(--_mono);
        font-size: 0.85em;
        tab-size: 4;
        white-space: pre;
      }
      :host([wrap-lines]) textarea {
        white-space: pre-wrap;
      }
    `,
  ];

  /** The code. */
  @property() value = '';
  /** Language name (shown to assistive technology). */
  @property() language: string | null = null;
  /** Visible rows. */
  @property({ type: Number }) lines = 5;
  /** Wrap long lines. */
  @property({ type: Boolean, reflect: true, attribute: 'wrap-lines' }) wrapLines = false;

  private onKey(e: KeyboardEvent) {
    if (e.key !== 'Tab' || !this.editable || e.shiftKey) return;
    // Tab indents; Escape then Tab leaves the box (keyboard users are not trapped).
    if (this.escaped) return;
    e.preventDefault();
    const t = e.target as HTMLTextAreaElement;
    t.setRangeText('    ', t.selectionStart, t.selectionEnd, 'end');
    this.value = t.value;
    this.emitUserChange();
  }

  private escaped = false;

  override render() {
    const text = this.value == null ? '' : String(this.value);
    const rows = Math.max(this.lines, Math.min(30, text.split('\n').length));
    return html`${fieldLabel(this.label ?? 'Code', this.hideLabel || !this.label, this.info)}
      <textarea
        id="control"
        part="input"
        rows=${rows}
        spellcheck="false"
        aria-roledescription=${this.language ? `${this.language} code` : 'code'}
        .value=${live(text)}
        ?readonly=${!this.editable}
        @keydown=${(e: KeyboardEvent) => {
          if (e.key === 'Escape') this.escaped = true;
          else if (e.key !== 'Tab') this.escaped = false;
          this.onKey(e);
        }}
        @input=${(e: Event) => {
          stop(e);
          this.value = (e.target as HTMLTextAreaElement).value;
          this.emitUserChange();
        }}
      ></textarea>`;
  }
}

if (!customElements.get('ml-code')) customElements.define('ml-code', MlCode);

declare global {
  interface HTMLElementTagNameMap {
    'ml-code': MlCode;
  }
}
