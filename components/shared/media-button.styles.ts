import { css } from 'lit';

/** The look of <ml-uploadbutton> and <ml-downloadbutton>: Gradio's `variant` and `size`. */
export const mediaButtonStyles = css`
  :host {
    display: inline-block;
  }
  [part~='button'] {
    width: 100%;
    justify-content: center;
    font-weight: 600;
  }
  :host([size='sm']) [part~='button'] {
    padding: 4px 8px;
  }
  :host([size='lg']) [part~='button'] {
    padding: 10px 18px;
    font-size: 1em;
  }
  :host([variant='primary']) [part~='button'] {
    border: 2px solid var(--_accent);
  }
  :host([variant='stop']) [part~='button'] {
    border: 2px solid var(--_error);
    color: var(--_error);
  }
`;
