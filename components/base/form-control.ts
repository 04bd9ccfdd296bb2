import { MlElement } from './element.js';
import { property } from 'lit/decorators.js';

/**
 * An input component that takes part in a `<form>` through ElementInternals: its `name` and value are in the
 * form's FormData, it resets with the form and is disabled with a disabled fieldset.
 */
export class MlFormControl extends MlElement {
  static formAssociated = true;
  static override shadowRootOptions: ShadowRootInit = { ...MlElement.shadowRootOptions, delegatesFocus: true };

  protected readonly internals: ElementInternals = this.attachInternals();

  /** Form field name; also the API parameter name inside `<ml-endpoint>`. */
  @property({ reflect: true }) name = '';

  /** Disabled by the page or a disabled fieldset. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** Required in a form. */
  @property({ type: Boolean, reflect: true }) required = false;

  /** The value a form reset returns to (the first value set). */
  protected defaultValue: unknown = undefined;

  get form(): HTMLFormElement | null {
    return this.internals.form;
  }

  /** What the form submits; override for non-string values. */
  protected formValue(): string | File | FormData | null {
    const v = (this as unknown as { value: unknown }).value;
    if (v === null || v === undefined) return null;
    if (v instanceof File) return v;
    return typeof v === 'string' ? v : JSON.stringify(v);
  }

  /** Call after the value changes (by the user or by code). */
  protected syncFormValue(): void {
    this.internals.setFormValue(this.formValue());
    const empty = this.formValue() === null || this.formValue() === '';
    if (this.required && empty) this.internals.setValidity({ valueMissing: true }, `${this.label ?? 'This field'} is required.`);
    else this.internals.setValidity({});
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    if (changed.has('value')) {
      if (this.defaultValue === undefined) this.defaultValue = (this as unknown as { value: unknown }).value;
      this.syncFormValue();
    }
  }

  formResetCallback(): void {
    (this as unknown as { value: unknown }).value = this.defaultValue;
  }

  formDisabledCallback(disabled: boolean): void {
    this.disabled = disabled;
  }

  /** Whether the user can edit now. */
  protected get editable(): boolean {
    return this.interactive && !this.disabled;
  }
}
