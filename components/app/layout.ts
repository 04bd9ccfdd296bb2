import { css, html, LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { tokens } from '../base/styles.js';
import { MlComponentEvent } from '../base/events.js';

// Layout blocks of an app: children are light-DOM children (slotted), sized by `--_scale`/`--_min-width`
// which <ml-app> sets inline from each child's `scale`/`min_width`.

const gap = css`
  :host {
    display: flex;
    gap: var(--ml-layout-gap, calc(var(--_space) * 2));
    min-width: 0;
  }
`;

/**
 * @summary A horizontal row; children wrap when narrower than their min width.
 * @cssprop --ml-layout-gap - Space between children.
 */
export class MlRow extends LitElement {
  static override styles = [
    tokens,
    gap,
    css`
      :host {
        flex-flow: row wrap;
        align-items: flex-start;
      }
      :host([equal-height]) {
        align-items: stretch;
      }
      ::slotted(*) {
        flex: var(--_scale, 1) 1 0%;
        min-width: var(--_min-width, min(160px, 100%));
      }
      :host([variant='panel']) {
        background: var(--_surface);
        padding: var(--_space);
        border-radius: var(--_radius);
      }
      :host([variant='compact']) {
        gap: 0;
      }
    `,
  ];
  /** Gradio's `equal_height`: children stretch to the tallest. */
  @property({ type: Boolean, reflect: true, attribute: 'equal-height' }) equalHeight = false;
  /** `default`, `panel` or `compact`. */
  @property({ reflect: true }) variant = 'default';
  override render() {
    return html`<slot></slot>`;
  }
}

/** @summary A vertical column. */
export class MlColumn extends MlRow {
  static override styles = [
    tokens,
    gap,
    css`
      :host {
        flex-direction: column;
      }
      ::slotted(*) {
        flex: none;
      }
      :host([variant='panel']) {
        background: var(--_surface);
        padding: var(--_space);
        border-radius: var(--_radius);
      }
    `,
  ];
}

/** @summary Children drawn as one card without gaps. @csspart - none */
export class MlGroup extends MlRow {
  static override styles = [
    tokens,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: 1px;
        background: var(--_border);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        overflow: hidden;
      }
      ::slotted(*) {
        background: var(--_bg);
      }
    `,
  ];
}

/** @summary A card holding consecutive form inputs (auto-inserted by Gradio). */
export class MlForm extends MlRow {
  static override styles = [
    tokens,
    gap,
    css`
      :host {
        flex-direction: column;
      }
    `,
  ];
}

/**
 * @summary One tab of `<ml-tabs>`; its `label` is the tab button's text.
 */
export class MlTab extends LitElement {
  static override styles = [
    tokens,
    gap,
    css`
      :host {
        flex-direction: column;
      }
      :host([inactive]) {
        display: none;
      }
    `,
  ];
  /** Tab button text. */
  @property() label = '';
  /** Whether the tab can be selected. */
  @property({ type: Boolean }) interactive = true;
  /** Gradio's tab `id`. */
  @property({ attribute: false }) tabId: string | number | null = null;
  /** Set by `<ml-tabs>` on every tab but the selected one. */
  @property({ type: Boolean, reflect: true }) inactive = false;
  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute('role', 'tabpanel');
  }
  protected override updated(changed: PropertyValues): void {
    if (changed.has('label') || changed.has('interactive')) this.dispatchEvent(new Event('ml-tab-change', { bubbles: true }));
  }
  override render() {
    return html`<slot></slot>`;
  }
}

/**
 * @summary Tabs: a tab list built from its `<ml-tab>` children.
 * @csspart tablist - The row of tab buttons.
 * @csspart tab - One tab button.
 * @fires ml-select - `{index, value}` when the user picks a tab (also fired on the tab itself).
 * @fires change - When the user picks a tab.
 */
export class MlTabs extends LitElement {
  static override styles = [
    tokens,
    css`
      :host {
        display: block;
      }
      [role='tablist'] {
        display: flex;
        flex-wrap: wrap;
        gap: 2px;
        border-bottom: 1px solid var(--_border);
        margin-bottom: calc(var(--_space) * 1.5);
      }
      button {
        font: inherit;
        color: var(--_muted);
        background: none;
        border: 0;
        border-bottom: 2px solid transparent;
        padding: calc(var(--_space) * 0.75) calc(var(--_space) * 1.5);
        margin: 0 0 -1px;
        cursor: pointer;
      }
      button[aria-selected='true'] {
        color: var(--_text);
        border-bottom-color: var(--_accent);
        font-weight: 600;
      }
      button:disabled {
        opacity: 0.5;
        cursor: default;
      }
    `,
  ];
  /** Selected tab: its Gradio `id`, or its index. */
  @property({ attribute: false }) selected: string | number | null = null;
  @state() private tabs: MlTab[] = [];

  private get current(): number {
    const visible = this.tabs.filter((t) => !t.hidden);
    const byId = this.tabs.findIndex((t) => t.tabId !== null && t.tabId === this.selected);
    if (byId >= 0 && !this.tabs[byId]!.hidden) return byId;
    if (typeof this.selected === 'number' && this.tabs[this.selected] && !this.tabs[this.selected]!.hidden) return this.selected;
    return visible[0] ? this.tabs.indexOf(visible[0]) : -1;
  }

  // A tab hidden or shown later (a props update) changes the tab list.
  private readonly visibility = new MutationObserver(() => this.collect());

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('ml-tab-change', this.collect);
  }
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('ml-tab-change', this.collect);
    this.visibility.disconnect();
  }

  private collect = () => {
    this.tabs = [...this.children].filter((c): c is MlTab => c instanceof MlTab);
    this.visibility.disconnect();
    for (const t of this.tabs) this.visibility.observe(t, { attributes: true, attributeFilter: ['hidden'] });
    this.requestUpdate();
  };

  protected override updated(): void {
    const current = this.current;
    this.tabs.forEach((t, i) => (t.inactive = i !== current));
  }

  private pick(i: number, focus = false) {
    const tab = this.tabs[i];
    if (!tab) return;
    this.selected = tab.tabId ?? i;
    const data = { index: i, value: tab.label, selected: true };
    tab.dispatchEvent(new MlComponentEvent('select', data));
    this.dispatchEvent(new MlComponentEvent('select', data));
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    if (focus) void this.updateComplete.then(() => this.renderRoot.querySelectorAll('button')[i]?.focus());
  }

  private onKey(e: KeyboardEvent) {
    const visible = this.tabs.map((t, i) => [t, i] as const).filter(([t]) => !t.hidden && t.interactive).map(([, i]) => i);
    const at = visible.indexOf(this.current);
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step || !visible.length) return;
    e.preventDefault();
    this.pick(visible[(at + step + visible.length) % visible.length]!, true);
  }

  override render() {
    const current = this.current;
    return html`<div role="tablist" part="tablist" @keydown=${this.onKey}>
        ${this.tabs.map((t, i) =>
          t.hidden
            ? null
            : html`<button
                role="tab"
                part="tab"
                aria-selected=${i === current}
                tabindex=${i === current ? 0 : -1}
                ?disabled=${!t.interactive}
                @click=${() => this.pick(i)}
              >
                ${t.label}
              </button>`,
        )}
      </div>
      <slot @slotchange=${this.collect}></slot>`;
  }
}

/**
 * @summary A collapsible section.
 * @csspart summary - The toggle button.
 * @fires ml-expand - When opened by the user.
 * @fires ml-collapse - When closed by the user.
 */
export class MlAccordion extends LitElement {
  static override styles = [
    tokens,
    css`
      :host {
        display: block;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
      }
      button {
        all: unset;
        box-sizing: border-box;
        display: flex;
        justify-content: space-between;
        width: 100%;
        padding: var(--_space) calc(var(--_space) * 1.5);
        cursor: pointer;
        font-weight: 600;
      }
      button:focus-visible {
        outline: 2px solid var(--_focus);
      }
      .body {
        display: flex;
        flex-direction: column;
        gap: calc(var(--_space) * 2);
        padding: 0 calc(var(--_space) * 1.5) calc(var(--_space) * 1.5);
      }
      .body[hidden] {
        display: none;
      }
    `,
  ];
  /** Header text. */
  @property() label = '';
  /** Whether the content shows. */
  @property({ type: Boolean, reflect: true }) open = true;

  private toggle() {
    this.open = !this.open;
    this.dispatchEvent(new MlComponentEvent(this.open ? 'expand' : 'collapse'));
  }

  override render() {
    return html`<button part="summary" aria-expanded=${this.open} @click=${this.toggle}>
        <span>${this.label}</span><span aria-hidden="true">${this.open ? '▾' : '▸'}</span>
      </button>
      <div class="body" part="body" ?hidden=${!this.open}><slot></slot></div>`;
  }
}

const define = (tag: string, cls: CustomElementConstructor) => {
  if (!customElements.get(tag)) customElements.define(tag, cls);
};
define('ml-row', MlRow);
define('ml-column', MlColumn);
define('ml-group', MlGroup);
define('ml-form', MlForm);
define('ml-tab', MlTab);
define('ml-tabs', MlTabs);
define('ml-accordion', MlAccordion);

declare global {
  interface HTMLElementTagNameMap {
    'ml-row': MlRow;
    'ml-column': MlColumn;
    'ml-group': MlGroup;
    'ml-form': MlForm;
    'ml-tab': MlTab;
    'ml-tabs': MlTabs;
    'ml-accordion': MlAccordion;
  }
}
