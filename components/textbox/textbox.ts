import { html, nothing } from 'lit';
import { property, query } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { MlFormControl } from '../base/form-control.js';
import { tokens } from '../base/styles.js';
import { fieldLabel, fieldStyles, stop } from '../base/field.js';
import { textboxStyles } from './textbox.styles.js';

/**
 * @summary A text field (one line or several), Gradio's Textbox.
 * @csspart label - The label.
 * @csspart input - The input or textarea.
 * @csspart submit-button - The optional submit button.
 * @fires input - On every user edit.
 * @fires change - On every user edit.
 * @fires ml-submit - Enter in a one-line box, or the submit button.
 * @fires ml-stop - The stop button.
 */
export class MlTextbox extends MlFormControl {
  static override styles = [tokens, fieldStyles, textboxStyles];

  @query('#control') private control!: HTMLInputElement | HTMLTextAreaElement;

  /** The text (null, as Gradio sends for a cleared box, shows as empty). */
  @property() value: string | null = '';
  /** Visible rows; more than 1 makes a multi-line box. */
  @property({ type: Number }) lines = 1;
  /** Rows the box may grow to. */
  @property({ type: Number, attribute: 'max-lines' }) maxLines = 20;
  /** Hint shown when empty. */
  @property() placeholder = '';
  /** `text`, `password` or `email`. */
  @property() type = 'text';
  /** Maximum number of characters. */
  @property({ type: Number, attribute: 'max-length' }) maxLength: number | null = null;
  /** Right-to-left text. */
  @property({ type: Boolean, reflect: true }) rtl = false;
  /** Text alignment (`left`, `right`). */
  @property({ attribute: 'text-align' }) textAlign: string | null = null;
  /** A submit button next to the box: `true` or its label. */
  @property({ attribute: false }) submitBtn: boolean | string | null = null;
  /** A stop button next to the box: `true` or its label. */
  @property({ attribute: false }) stopBtn: boolean | string | null = null;
  /** Set by `<ml-app>` while an event this box submitted runs: the stop button replaces the submit button. */
  @property({ type: Boolean, reflect: true }) busy = false;
  /** Focus the box when rendered. */
  @property({ type: Boolean }) override autofocus = false;

  protected override firstUpdated(): void {
    if (this.autofocus) this.control?.focus();
  }

  private onInput(e: Event) {
    stop(e);
    this.value = (e.target as HTMLInputElement).value;
    this.emitUserChange();
  }

  private onKey(e: KeyboardEvent) {
    if (e.key === 'Enter' && !e.shiftKey && this.lines <= 1 && !e.isComposing) {
      e.preventDefault();
      this.emit('submit', this.value);
    }
  }

  override render() {
    // Gradio sends null for a cleared box.
    const text = this.value == null ? '' : String(this.value);
    const multi = this.lines > 1 || (this.type === 'text' && text.includes('\n'));
    const style = this.textAlign ? `text-align:${this.textAlign}` : '';
    const common = {
      readonly: !this.editable,
      placeholder: this.placeholder,
    };
    const rows = Math.min(Math.max(this.lines, (text.match(/\n/g)?.length ?? 0) + 1), Math.max(this.lines, this.maxLines));
    const control = multi
      ? html`<textarea
          id="control"
          part="input"
          rows=${rows}
          style=${style}
          .value=${live(text)}
          ?readonly=${common.readonly}
          ?disabled=${this.disabled}
          placeholder=${common.placeholder}
          maxlength=${this.maxLength ?? nothing}
          @input=${this.onInput}
          @keydown=${this.onKey}
        ></textarea>`
      : html`<input
          id="control"
          part="input"
          type=${this.type === 'password' || this.type === 'email' ? this.type : 'text'}
          style=${style}
          .value=${live(text)}
          ?readonly=${common.readonly}
          ?disabled=${this.disabled}
          placeholder=${common.placeholder}
          maxlength=${this.maxLength ?? nothing}
          @input=${this.onInput}
          @keydown=${this.onKey}
        />`;
    const btn = (v: boolean | string | null, name: string, cls: string) =>
      v ? html`<button part="${cls}-button" class=${cls} @click=${() => this.emit(cls, this.value)}>${typeof v === 'string' ? v : name}</button>` : nothing;
    return html`${fieldLabel(this.label ?? 'Textbox', this.hideLabel || !this.label, this.info)}
      ${this.submitBtn || this.stopBtn
        ? html`<div class="row">${control}${this.busy && this.stopBtn ? btn(this.stopBtn, 'Stop', 'stop') : btn(this.submitBtn, 'Submit', 'submit')}</div>`
        : control}`;
  }
}

if (!customElements.get('ml-textbox')) customElements.define('ml-textbox', MlTextbox);

declare global {
  interface HTMLElementTagNameMap {
    'ml-textbox': MlTextbox;
  }
}
