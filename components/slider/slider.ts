import { css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { MlFormControl } from '../base/form-control.js';
import { tokens } from '../base/styles.js';
import { fieldStyles, stop } from '../base/field.js';

/**
 * @summary A range slider with a number box, Gradio's Slider.
 * @csspart label - The label.
 * @csspart range - The range input.
 * @csspart number - The number input.
 * @fires input - While the user moves it.
 * @fires change - While the user moves it.
 * @fires ml-release - When the user lets go (`data` is the value).
 */
export class MlSlider extends MlFormControl {
  static override styles = [
    tokens,
    fieldStyles,
    css`
      .head {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: var(--_space);
      }
      .head .label {
        margin: 0;
      }
      input[type='number'] {
        width: 6em;
        padding: 2px 4px;
        text-align: right;
      }
      input[type='range'] {
        padding: 0;
        border: 0;
        accent-color: var(--_accent);
        background: none;
      }
    `,
  ];

  /** The value. */
  @property({ type: Number }) value = 0;
  /** Lowest value. */
  @property({ type: Number }) minimum = 0;
  /** Highest value. */
  @property({ type: Number }) maximum = 100;
  /** Step. */
  @property({ type: Number }) step = 1;

  protected override formValue(): string {
    return String(this.value);
  }

  private set(raw: string, e: Event) {
    stop(e);
    if (raw === '' || Number.isNaN(Number(raw))) return;
    this.value = Math.min(this.maximum, Math.max(this.minimum, Number(raw)));
    this.emitUserChange();
  }

  override render() {
    const label = this.label ?? 'Slider';
    const value = String(this.value ?? this.minimum);
    const hidden = this.hideLabel || !this.label;
    return html`<div class="head">
        <label part="label" class=${hidden ? 'visually-hidden' : 'label'} for="control">${label}</label>
        <input
          part="number"
          type="number"
          aria-label=${`${label} value`}
          min=${this.minimum}
          max=${this.maximum}
          step=${this.step || 'any'}
          .value=${live(value)}
          ?disabled=${!this.editable}
          @input=${(e: Event) => this.set((e.target as HTMLInputElement).value, e)}
        />
      </div>
      ${this.info ? html`<p class="info" part="info">${this.info}</p>` : null}
      <input
        id="control"
        part="range"
        type="range"
        min=${this.minimum}
        max=${this.maximum}
        step=${this.step || 'any'}
        .value=${live(value)}
        ?disabled=${!this.editable}
        @input=${(e: Event) => this.set((e.target as HTMLInputElement).value, e)}
        @change=${() => this.emit('release', this.value)}
      />`;
  }
}

if (!customElements.get('ml-slider')) customElements.define('ml-slider', MlSlider);

declare global {
  interface HTMLElementTagNameMap {
    'ml-slider': MlSlider;
  }
}
