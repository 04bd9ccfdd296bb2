import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { MlFormControl } from '../base/form-control.js';
import { tokens } from '../base/styles.js';
import { fieldLegend, fieldStyles, normalizeChoices, stop } from '../base/field.js';

/**
 * @summary A group of checkboxes, Gradio's CheckboxGroup.
 * @csspart label - The group's legend.
 * @csspart choice - One option.
 * @fires input - When the user toggles an option.
 * @fires change - When the user toggles an option.
 * @fires ml-select - `{index, value, selected}` for the toggled option.
 */
export class MlCheckboxgroup extends MlFormControl {
  static override styles = [tokens, fieldStyles];

  /** The checked values. */
  @property({ attribute: false }) value: unknown[] = [];
  /** Options as `[label, value]` pairs (or plain values). */
  @property({ attribute: false }) choices: unknown[] = [];

  protected override formValue(): string {
    return JSON.stringify(this.value ?? []);
  }

  private toggle(index: number, v: unknown, e: Event) {
    stop(e);
    const on = (e.target as HTMLInputElement).checked;
    const rest = (Array.isArray(this.value) ? this.value : []).filter((x) => x !== v);
    const order = normalizeChoices(this.choices).map(([, c]) => c);
    this.value = on ? order.filter((c) => c === v || rest.includes(c)) : rest;
    this.emitUserChange();
    this.emit('select', { index, value: v, selected: on });
  }

  override render() {
    const value = Array.isArray(this.value) ? this.value : [];
    return html`<fieldset ?disabled=${!this.editable}>
      ${fieldLegend(this.label ?? 'Options', this.hideLabel || !this.label, this.info)}
      <div class="choices">
        ${normalizeChoices(this.choices).map(
          ([label, v], i) => html`<label class="choice" part="choice">
            <input type="checkbox" .checked=${value.includes(v)} @input=${stop} @change=${(e: Event) => this.toggle(i, v, e)} />
            <span>${label}</span>
          </label>`,
        )}
      </div>
    </fieldset>`;
  }
}

if (!customElements.get('ml-checkboxgroup')) customElements.define('ml-checkboxgroup', MlCheckboxgroup);

declare global {
  interface HTMLElementTagNameMap {
    'ml-checkboxgroup': MlCheckboxgroup;
  }
}
