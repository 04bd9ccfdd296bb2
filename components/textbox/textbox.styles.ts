import { css } from 'lit';

export const textboxStyles = css`
  .row {
    display: flex;
    gap: calc(var(--_space) / 2);
    align-items: flex-end;
  }
  .row > :first-child {
    flex: 1;
  }
  button {
    font: inherit;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_accent);
    color: var(--_accent-text);
    padding: calc(var(--_space) * 0.75) var(--_space);
    cursor: pointer;
  }
  button.stop {
    background: var(--_error);
  }
  :host([rtl]) input,
  :host([rtl]) textarea {
    direction: rtl;
  }
`;
