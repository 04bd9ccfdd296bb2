import { css } from 'lit';

export const appStyles = css`
  :host {
    display: block;
    position: relative;
  }
  .app {
    position: relative;
    background: var(--_bg);
    color: var(--_text);
    /* Inherited page resets (line-height: 0, uppercase, letter-spacing…) must not break the app; the font stays the host's. */
    line-height: 1.5;
    text-align: start;
    text-transform: none;
    letter-spacing: normal;
    word-spacing: normal;
    white-space: normal;
    visibility: visible;
    font-style: normal;
    font-weight: normal;
  }
  :host(:not([container='false'])) .app {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 2);
  }
  .root,
  .block {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 2);
    min-width: 0;
  }
  .block {
    position: relative;
    gap: 0;
  }
  .block[hidden],
  [hidden] {
    display: none !important;
  }
  .loading,
  .failed {
    display: flex;
    align-items: center;
    justify-content: center;
    gap: var(--_space);
    min-height: inherit;
    color: var(--_muted);
  }
  .failed {
    flex-direction: column;
    color: var(--_error);
    text-align: center;
  }
  .failed strong {
    font-size: 1.1em;
  }
  .failed small {
    color: var(--_muted);
    overflow-wrap: anywhere;
  }
  .unknown {
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    color: var(--_muted);
    font-size: 0.85em;
  }
  .toasts {
    position: absolute;
    top: var(--_space);
    right: var(--_space);
    z-index: 10;
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    max-width: min(360px, calc(100% - 2 * var(--_space)));
    pointer-events: none;
  }
  .toast {
    pointer-events: auto;
    display: flex;
    gap: var(--_space);
    align-items: flex-start;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-left: 4px solid var(--_focus);
    border-radius: var(--_radius);
    padding: var(--_space) calc(var(--_space) * 1.5);
    box-shadow: 0 2px 10px rgb(0 0 0 / 0.12);
    font-size: 0.9em;
  }
  .toast.error {
    border-left-color: var(--_error);
  }
  .toast.warning {
    border-left-color: #e6a700;
  }
  .toast.success {
    border-left-color: #2f9e44;
  }
  .toast p {
    margin: 0;
    flex: 1;
    overflow-wrap: anywhere;
  }
  .toast button,
  footer button {
    all: unset;
    cursor: pointer;
    color: var(--_muted);
  }
  .toast button:focus-visible,
  footer button:focus-visible {
    outline: 2px solid var(--_focus);
  }
  footer {
    display: flex;
    justify-content: center;
    gap: calc(var(--_space) * 2);
    margin-top: calc(var(--_space) * 2);
    font-size: 0.8em;
    color: var(--_muted);
  }
  footer button:hover {
    text-decoration: underline;
  }
`;
