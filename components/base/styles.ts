import { css } from 'lit';

/**
 * Design tokens with fallbacks: every element looks right with no theme file. Page authors set `--ml-color-*` (and
 * the other `--ml-*` tokens) on any ancestor, and those win in light and dark alike; `theme-mode` only chooses the
 * built-in defaults, passed down as `--ml-default-*` from the element that has the `dark` attribute.
 */
export const tokens = css`
  :host {
    --_bg: var(--ml-color-background, var(--ml-default-background, #ffffff));
    --_surface: var(--ml-color-surface, var(--ml-default-surface, #f7f7f8));
    --_text: var(--ml-color-text, var(--ml-default-text, #1f2328));
    --_muted: var(--ml-color-muted, var(--ml-default-muted, #5f6670));
    --_border: var(--ml-color-border, var(--ml-default-border, #d6d9de));
    --_accent: var(--ml-color-accent, var(--ml-default-accent, #c2410c));
    --_accent-text: var(--ml-color-accent-text, var(--ml-default-accent-text, #ffffff));
    --_error: var(--ml-color-error, var(--ml-default-error, #c92a2a));
    --_focus: var(--ml-color-focus, var(--ml-default-focus, #1c7ed6));
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
 * Dark defaults, set on a host with the `dark` attribute (`<ml-app>`, standalone elements) as `--ml-default-*`, so
 * they inherit into every nested element while the page's own `--ml-color-*` tokens still win.
 */
export const darkTokens = css`
  :host([dark]) {
    --ml-default-background: #16181d;
    --ml-default-surface: #1f232a;
    --ml-default-text: #e6e8eb;
    --ml-default-muted: #9aa1ab;
    --ml-default-border: #3a3f48;
    --ml-default-accent: #ff8a3d;
    --ml-default-accent-text: #16181d;
    --ml-default-error: #ff6b6b;
    --ml-default-focus: #4dabf7;
    color-scheme: dark;
  }
`;
