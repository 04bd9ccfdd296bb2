import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { MlFormControl } from '../base/form-control.js';
import { tokens } from '../base/styles.js';
import { fieldLabel, fieldStyles, normalizeChoices, stop, type Choice } from '../base/field.js';
import { dropdownStyles } from './dropdown.styles.js';

/**
 * @summary A filterable select (single or multiple), Gradio's Dropdown, as an ARIA combobox.
 * @csspart label - The label.
 * @csspart input - The text input.
 * @csspart listbox - The options popup.
 * @csspart option - One option.
 * @csspart chip - A selected value (multiselect).
 * @fires input - When the user changes the selection.
 * @fires change - When the user changes the selection.
 * @fires ml-select - `{index, value, selected}`.
 * @fires ml-key_up - `{key, input_value}` on each key released in the input.
 */
export class MlDropdown extends MlFormControl {
  static override styles = [tokens, fieldStyles, dropdownStyles];

  /** Selected value (an array when `multiselect`). */
  @property({ attribute: false }) value: unknown = null;
  /** Options as `[label, value]` pairs (or plain values). */
  @property({ attribute: false }) choices: unknown[] = [];
  /** Allows several values. */
  @property({ type: Boolean }) multiselect = false;
  /** Most values a multiselect takes. */
  @property({ type: Number, attribute: 'max-choices' }) maxChoices: number | null = null;
  /** Accepts typed text that is no option. */
  @property({ type: Boolean, attribute: 'allow-custom-value' }) allowCustomValue = false;
  /** Typing filters the options. */
  @property({ type: Boolean }) filterable = true;

  @state() private open = false;
  @state() private query: string | null = null;
  @state() private active = 0;

  private get options(): Choice[] {
    return normalizeChoices(this.choices);
  }

  private get selected(): unknown[] {
    if (this.multiselect) return Array.isArray(this.value) ? this.value : this.value == null ? [] : [this.value];
    return this.value == null ? [] : [this.value];
  }

  private labelOf(v: unknown): string {
    return this.options.find(([, c]) => c === v)?.[0] ?? String(v ?? '');
  }

  private get visible(): [Choice, number][] {
    const q = (this.filterable ? (this.query ?? '') : '').toLowerCase();
    return this.options.map((c, i) => [c, i] as [Choice, number]).filter(([[l]]) => l.toLowerCase().includes(q));
  }

  protected override formValue(): string | null {
    return this.multiselect ? JSON.stringify(this.selected) : this.value == null ? null : String(this.value);
  }

  private choose(v: unknown, index: number) {
    let selected = true;
    if (this.multiselect) {
      const cur = this.selected;
      if (cur.includes(v)) {
        this.value = cur.filter((x) => x !== v);
        selected = false;
      } else if (this.maxChoices === null || cur.length < this.maxChoices) this.value = [...cur, v];
      else return;
    } else {
      this.value = v;
      this.open = false;
    }
    this.query = null;
    this.emitUserChange();
    this.emit('select', { index, value: v, selected });
  }

  private removeValue(v: unknown) {
    this.value = this.selected.filter((x) => x !== v);
    this.emitUserChange();
  }

  private commitCustom() {
    const q = this.query;
    if (q === null) return;
    const match = this.options.find(([l]) => l.toLowerCase() === q.toLowerCase());
    if (match) this.choose(match[1], this.options.indexOf(match));
    else if (this.allowCustomValue && q !== '') this.choose(q, -1);
    this.query = null;
  }

  private onKey(e: KeyboardEvent) {
    const list = this.visible;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      this.open = true;
      this.active = (this.active + (e.key === 'ArrowDown' ? 1 : -1) + list.length) % Math.max(1, list.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const hit = this.open ? list[this.active] : undefined;
      if (hit) this.choose(hit[0][1], hit[1]);
      else this.commitCustom();
    } else if (e.key === 'Escape') {
      this.open = false;
      this.query = null;
    } else if (e.key === 'Backspace' && this.multiselect && !this.query && this.selected.length) {
      this.removeValue(this.selected[this.selected.length - 1]);
    }
  }

  override render() {
    const list = this.visible;
    const shown = this.multiselect ? (this.query ?? '') : (this.query ?? this.labelOf(this.value));
    const activeId = this.open && list[this.active] ? `o${list[this.active]![1]}` : nothing;
    return html`${fieldLabel(this.label ?? 'Dropdown', this.hideLabel || !this.label, this.info)}
      <div class="box" @focusout=${(e: FocusEvent) => !this.renderRoot.contains(e.relatedTarget as Node) && ((this.open = false), this.commitCustom())}>
        ${this.multiselect
          ? this.selected.map(
              (v) => html`<span class="chip" part="chip">${this.labelOf(v)}<button
                  aria-label=${`Remove ${this.labelOf(v)}`}
                  ?disabled=${!this.editable}
                  tabindex="-1"
                  @click=${() => this.removeValue(v)}
                >✕</button></span>`,
            )
          : nothing}
        <input
          id="control"
          part="input"
          role="combobox"
          aria-expanded=${this.open}
          aria-controls="list"
          aria-autocomplete="list"
          aria-activedescendant=${activeId}
          autocomplete="off"
          .value=${live(shown)}
          ?readonly=${!this.editable || !this.filterable}
          ?disabled=${this.disabled}
          @click=${() => this.editable && (this.open = !this.open)}
          @input=${(e: Event) => {
            stop(e);
            this.query = (e.target as HTMLInputElement).value;
            this.open = true;
            this.active = 0;
          }}
          @keydown=${this.onKey}
          @keyup=${(e: KeyboardEvent) => this.emit('key_up', { key: e.key, input_value: (e.target as HTMLInputElement).value })}
        />
        ${this.open && this.editable
          ? html`<ul id="list" role="listbox" part="listbox" aria-multiselectable=${this.multiselect} aria-label=${this.label ?? 'Options'}>
              ${list.map(
                ([[l, v], i], at) => html`<li
                  id=${`o${i}`}
                  role="option"
                  part="option"
                  class=${at === this.active ? 'active' : ''}
                  aria-selected=${this.selected.includes(v)}
                  @mousedown=${(e: Event) => e.preventDefault()}
                  @click=${() => this.choose(v, i)}
                >
                  ${l}
                </li>`,
              )}
            </ul>`
          : nothing}
      </div>`;
  }
}

if (!customElements.get('ml-dropdown')) customElements.define('ml-dropdown', MlDropdown);

declare global {
  interface HTMLElementTagNameMap {
    'ml-dropdown': MlDropdown;
  }
}
