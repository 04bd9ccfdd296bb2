import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { MlFormControl } from '../base/form-control.js';
import { tokens } from '../base/styles.js';
import { fieldStyles, stop } from '../base/field.js';

/**
 * @summary A checkbox, Gradio's Checkbox.
 * @csspart label - The label next to the box.
 * @csspart input - The checkbox.
 * @fires input - When the user toggles it.
 * @fires change - When the user toggles it.
 * @fires ml-select - `{value, selected}` when the user toggles it.
 */
export class MlCheckbox extends MlFormControl {
  static override styles = [tokens, fieldStyles];

  /** Whether it is checked. */
  @property({ type: Boolean }) value = false;

  protected override formValue(): string | null {
    return this.value ? 'on' : null;
  }

  private onChange(e: Event) {
    stop(e);
    this.value = (e.target as HTMLInputElement).checked;
    this.emitUserChange();
    this.emit('select', { value: this.label, selected: this.value });
  }

  override render() {
    return html`${this.info ? html`<p class="info" part="info">${this.info}</p>` : null}
      <label class="choice" part="label">
        <input
          id="control"
          part="input"
          type="checkbox"
          .checked=${live(!!this.value)}
          ?disabled=${!this.editable}
          @input=${stop}
          @change=${this.onChange}
        />
        <span>${this.label ?? 'Checkbox'}</span>
      </label>`;
  }
}

if (!customElements.get('ml-checkbox')) customElements.define('ml-checkbox', MlCheckbox);

declare global {
  interface HTMLElementTagNameMap {
    'ml-checkbox': MlCheckbox;
  }
}
