import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { MlFormControl } from '../base/form-control.js';
import { tokens } from '../base/styles.js';
import { fieldLabel, fieldStyles, stop } from '../base/field.js';

/**
 * @summary A number field, Gradio's Number.
 * @csspart label - The label.
 * @csspart input - The number input.
 * @fires input - On every user edit.
 * @fires change - On every user edit.
 * @fires ml-submit - Enter.
 */
export class MlNumber extends MlFormControl {
  static override styles = [tokens, fieldStyles];

  /** The number, or null when empty. */
  @property({ type: Number }) value: number | null = null;
  /** Lowest allowed value. */
  @property({ type: Number }) minimum: number | null = null;
  /** Highest allowed value. */
  @property({ type: Number }) maximum: number | null = null;
  /** Step of the arrows. */
  @property({ type: Number }) step: number | null = 1;
  /** Hint shown when empty. */
  @property() placeholder = '';

  protected override formValue(): string | null {
    return this.value === null ? null : String(this.value);
  }

  private onInput(e: Event) {
    stop(e);
    const raw = (e.target as HTMLInputElement).value;
    this.value = raw === '' ? null : Number(raw);
    this.emitUserChange();
  }

  override render() {
    return html`${fieldLabel(this.label ?? 'Number', this.hideLabel || !this.label, this.info)}
      <input
        id="control"
        part="input"
        type="number"
        inputmode="decimal"
        .value=${live(this.value === null || this.value === undefined ? '' : String(this.value))}
        min=${this.minimum ?? nothing}
        max=${this.maximum ?? nothing}
        step=${this.step ?? 'any'}
        placeholder=${this.placeholder}
        ?readonly=${!this.editable}
        ?disabled=${this.disabled}
        @input=${this.onInput}
        @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && this.emit('submit', this.value)}
      />`;
  }
}

if (!customElements.get('ml-number')) customElements.define('ml-number', MlNumber);

declare global {
  interface HTMLElementTagNameMap {
    'ml-number': MlNumber;
  }
}
