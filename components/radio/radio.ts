import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { MlFormControl } from '../base/form-control.js';
import { tokens } from '../base/styles.js';
import { fieldLegend, fieldStyles, normalizeChoices, stop } from '../base/field.js';

let groups = 0;

/**
 * @summary One choice among several, Gradio's Radio.
 * @csspart label - The group's legend.
 * @csspart choice - One option.
 * @fires input - When the user picks an option.
 * @fires change - When the user picks an option.
 * @fires ml-select - `{index, value, selected: true}`.
 */
export class MlRadio extends MlFormControl {
  static override styles = [tokens, fieldStyles];

  private readonly group = `r${++groups}`;

  /** The picked value. */
  @property({ attribute: false }) value: unknown = null;
  /** Options as `[label, value]` pairs (or plain values). */
  @property({ attribute: false }) choices: unknown[] = [];

  private pick(index: number, v: unknown, e: Event) {
    stop(e);
    this.value = v;
    this.emitUserChange();
    this.emit('select', { index, value: v, selected: true });
  }

  override render() {
    return html`<fieldset role="radiogroup" ?disabled=${!this.editable}>
      ${fieldLegend(this.label ?? 'Options', this.hideLabel || !this.label, this.info)}
      <div class="choices">
        ${normalizeChoices(this.choices).map(
          ([label, v], i) => html`<label class="choice" part="choice">
            <input type="radio" name=${this.group} .checked=${this.value === v} @input=${stop} @change=${(e: Event) => this.pick(i, v, e)} />
            <span>${label}</span>
          </label>`,
        )}
      </div>
    </fieldset>`;
  }
}

if (!customElements.get('ml-radio')) customElements.define('ml-radio', MlRadio);

declare global {
  interface HTMLElementTagNameMap {
    'ml-radio': MlRadio;
  }
}
