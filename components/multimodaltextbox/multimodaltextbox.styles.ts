import { css } from 'lit';

export const multimodalTextboxStyles = css`
  :host {
    display: block;
  }
  .box {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    padding: 4px;
  }
  .box:focus-within {
    border-color: var(--_focus);
    box-shadow: 0 0 0 1px var(--_focus);
  }
  /* The box shows focus for its textarea. */
  textarea:focus-visible {
    outline: none;
  }
  .row {
    display: flex;
    align-items: flex-end;
    gap: 4px;
  }
  textarea {
    flex: 1;
    min-width: 0;
    font: inherit;
    color: var(--_text);
    background: none;
    border: none;
    outline: none;
    resize: none;
    padding: 6px;
    line-height: 1.4;
  }
  button {
    font: inherit;
    cursor: pointer;
  }
  .icon,
  .send,
  .stop {
    flex: none;
    min-width: 34px;
    height: 34px;
    border-radius: calc(var(--_radius) - 2px);
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_text);
    padding: 0 8px;
  }
  .send {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-text);
  }
  .stop {
    color: var(--_error);
  }
  button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  .files {
    list-style: none;
    margin: 0 0 4px;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
  }
  .files li {
    display: flex;
    align-items: center;
    gap: 4px;
    font-size: 0.85em;
    padding: 2px 4px 2px 8px;
    border-radius: 999px;
    background: var(--_surface);
    border: 1px solid var(--_border);
  }
  .files button {
    border: none;
    background: none;
    color: var(--_muted);
    padding: 0 4px;
  }
  .note {
    font-size: 0.8em;
    color: var(--_muted);
    padding: 2px 6px;
  }
  .note.error {
    color: var(--_error);
  }
`;
