import { css, html, nothing, type TemplateResult } from 'lit';

/** Look of labelled fields shared by the input components. */
export const fieldStyles = css`
  :host {
    display: block;
  }
  input,
  textarea,
  select {
    font: inherit;
    color: var(--_text);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    padding: calc(var(--_space) * 0.75) var(--_space);
    width: 100%;
    margin: 0;
    line-height: 1.4;
  }
  textarea {
    resize: vertical;
    display: block;
  }
  input:focus,
  textarea:focus,
  select:focus {
    outline: 2px solid var(--_focus);
    outline-offset: -1px;
  }
  [readonly] {
    background: var(--_surface);
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  legend {
    padding: 0;
  }
  .choices {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2) calc(var(--_space) * 1.5);
  }
  .choice {
    display: inline-flex;
    align-items: center;
    gap: calc(var(--_space) / 2);
    cursor: pointer;
  }
  .choice input {
    width: auto;
    accent-color: var(--_accent);
    margin: 0;
  }
`;

/** The visible (or visually hidden) label and info text of a field whose control has id `forId`. */
export function fieldLabel(label: string | null, hidden: boolean, info: string | null, forId = 'control'): TemplateResult {
  return html`<label part="label" class=${hidden ? 'visually-hidden' : 'label'} for=${forId}>${label ?? ''}</label>
    ${info ? html`<p class="info" part="info">${info}</p>` : nothing}`;
}

/** The legend of a fieldset-based field (radio, checkbox group). */
export function fieldLegend(label: string | null, hidden: boolean, info: string | null): TemplateResult {
  return html`<legend part="label" class=${hidden ? 'visually-hidden' : 'label'}>${label ?? ''}</legend>
    ${info ? html`<p class="info" part="info">${info}</p>` : nothing}`;
}

/** Gradio choices: `[label, value]` pairs, or plain values. */
export type Choice = [string, unknown];
export function normalizeChoices(choices: unknown): Choice[] {
  if (!Array.isArray(choices)) return [];
  return choices.map((c) => (Array.isArray(c) ? [String(c[0]), c.length > 1 ? c[1] : c[0]] : [String(c), c]));
}

/** Stops an inner element's composed `input` event: the component fires its own. */
export function stop(e: Event): void {
  e.stopPropagation();
}
