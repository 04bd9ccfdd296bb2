import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { tokens } from './styles.js';
import { MlComponentEvent, MlErrorEvent, type MlErrorCode } from './events.js';

/**
 * Base of every ml-elements component. `<ml-app>` sets Gradio props on it by their camelCase names
 * (`max_lines` → `maxLines`) and the value through `value`; the same properties work as attributes alone.
 */
export class MlElement extends LitElement {
  static override styles = [tokens];

  /** Label shown above the component and used as its accessible name. */
  @property() label: string | null = null;

  /** Hides the visible label (it stays the accessible name). */
  @property({ type: Boolean, attribute: 'hide-label' }) hideLabel = false;

  /** Help text under the label. */
  @property() info: string | null = null;

  /** Whether the user may change the value; `<ml-app>` sets this from the config (`interactive`). */
  @property({ type: Boolean, reflect: true }) interactive = true;

  /** The app's config id of this component, when rendered by `<ml-app>`. */
  @property({ type: Number, attribute: false }) componentId: number | null = null;

  /** Gradio's `show_label`; mirrors `hideLabel`. */
  set showLabel(v: boolean) {
    this.hideLabel = v === false;
  }
  get showLabel(): boolean {
    return !this.hideLabel;
  }

  /** Fires a Gradio event without a native twin as `ml-<name>`. */
  protected emit(name: string, data: unknown = null): void {
    this.dispatchEvent(new MlComponentEvent(name, data));
  }

  /** Fires native `input` then (optionally) `change`, as a user action does. */
  protected emitUserChange(withChange = true): void {
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    if (withChange) this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  /** Reports an error: fires `ml-error`; subclasses also show it. */
  protected fail(code: MlErrorCode, message: string, title: string | null = null): void {
    this.dispatchEvent(new MlErrorEvent(code, message, title));
  }
}

/** `max_lines` → `maxLines`: how `<ml-app>` names Gradio props on elements. */
export function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
