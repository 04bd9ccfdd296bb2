import { css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { MlFormControl } from '../base/form-control.js';
import { tokens } from '../base/styles.js';
import { fieldLabel, fieldStyles, stop } from '../base/field.js';

/**
 * @summary A colour picker, Gradio's ColorPicker (value `#rrggbb`).
 * @csspart label - The label.
 * @csspart input - The colour input.
 * @fires input - When the user picks a colour.
 * @fires change - When the user picks a colour.
 */
export class MlColorpicker extends MlFormControl {
  static override styles = [tokens, fieldStyles, css`input { width: 4em; height: 2.2em; padding: 2px; cursor: pointer; }`];

  /** The colour. */
  @property() value = '#000000';

  override render() {
    return html`${fieldLabel(this.label ?? 'Color', this.hideLabel || !this.label, this.info)}
      <input
        id="control"
        part="input"
        type="color"
        .value=${live(/^#[0-9a-f]{6}$/i.test(this.value ?? '') ? this.value : '#000000')}
        ?disabled=${!this.editable}
        @input=${(e: Event) => {
          stop(e);
          this.value = (e.target as HTMLInputElement).value;
          this.emitUserChange();
        }}
      />`;
  }
}

if (!customElements.get('ml-colorpicker')) customElements.define('ml-colorpicker', MlColorpicker);

declare global {
  interface HTMLElementTagNameMap {
    'ml-colorpicker': MlColorpicker;
  }
}
