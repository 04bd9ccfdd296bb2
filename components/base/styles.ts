import { css } from 'lit';

/**
 * Design tokens with fallbacks: every element looks right with no theme file. Page authors override
 * `--ml-*` on any ancestor. Dark values apply under `[theme-mode=dark]` on `<ml-app>` or with the OS setting.
 */
export const tokens = css`
  :host {
    --_bg: var(--ml-color-background, #ffffff);
    --_surface: var(--ml-color-surface, #f7f7f8);
    --_text: var(--ml-color-text, #1f2328);
    --_muted: var(--ml-color-muted, #5f6670);
    --_border: var(--ml-color-border, #d6d9de);
    --_accent: var(--ml-color-accent, #c2410c);
    --_accent-text: var(--ml-color-accent-text, #ffffff);
    --_error: var(--ml-color-error, #c92a2a);
    --_focus: var(--ml-color-focus, #1c7ed6);
    --_radius: var(--ml-radius, 8px);
    --_space: var(--ml-space, 8px);
    --_font: var(--ml-font, inherit);
    --_mono: var(--ml-font-mono, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
    font-family: var(--_font);
    color: var(--_text);
    box-sizing: border-box;
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 1px;
  }
  .label {
    display: block;
    font-size: 0.875em;
    font-weight: 600;
    color: var(--_muted);
    margin-bottom: calc(var(--_space) / 2);
  }
  .info {
    font-size: 0.8em;
    color: var(--_muted);
    margin: 0 0 calc(var(--_space) / 2);
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;

/**
 * Dark palette, set as `--ml-*` values on a host with the `dark` attribute (`<ml-app>`, standalone elements), so
 * it inherits into every nested element. A page rule on the element itself still wins over these.
 */
export const darkTokens = css`
  :host([dark]) {
    --ml-color-background: #16181d;
    --ml-color-surface: #1f232a;
    --ml-color-text: #e6e8eb;
    --ml-color-muted: #9aa1ab;
    --ml-color-border: #3a3f48;
    --ml-color-accent: #ff8a3d;
    --ml-color-accent-text: #16181d;
    --ml-color-focus: #4dabf7;
    color-scheme: dark;
  }
`;
