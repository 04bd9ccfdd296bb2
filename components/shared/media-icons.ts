// Small inline icons (fonts often lack glyphs like ⛶). Decorative: the buttons carry the accessible names.
import { html, svg, type TemplateResult } from 'lit';

const icon = (paths: ReturnType<typeof svg>): TemplateResult =>
  html`<svg viewBox="0 0 24 24" width="16" height="16" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"
    stroke-linejoin="round" aria-hidden="true" focusable="false">${paths}</svg>`;

export const downloadIcon = icon(svg`<path d="M12 4v11m-5-5 5 5 5-5M5 20h14" />`);
export const fullscreenIcon = icon(svg`<path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5" />`);
export const exitFullscreenIcon = icon(svg`<path d="M9 4v5H4M15 4v5h5M9 20v-5H4M15 20v-5h5" />`);
export const closeIcon = icon(svg`<path d="M6 6l12 12M18 6 6 18" />`);
export const prevIcon = icon(svg`<path d="m15 5-7 7 7 7" />`);
export const nextIcon = icon(svg`<path d="m9 5 7 7-7 7" />`);
