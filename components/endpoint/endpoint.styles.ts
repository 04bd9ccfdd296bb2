import { css } from 'lit';

export const endpointStyles = css`
  :host {
    display: block;
  }
  [part='status'] {
    display: flex;
    align-items: center;
    gap: var(--_space);
    margin-top: var(--_space);
    font-size: 0.875em;
    color: var(--_muted);
  }
  [part='status']:empty {
    display: none;
  }
  progress {
    flex: 1;
    max-width: 16em;
    accent-color: var(--_accent);
  }
  [part='error'] {
    margin-top: var(--_space);
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_error);
    border-radius: var(--_radius);
    color: var(--_error);
    background: color-mix(in srgb, var(--_error) 8%, transparent);
  }
  [part='error'] strong {
    display: block;
  }
`;
