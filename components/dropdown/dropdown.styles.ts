import { css } from 'lit';

export const dropdownStyles = css`
  .box {
    position: relative;
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
    align-items: center;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_bg);
    padding: 2px 4px;
  }
  .box:focus-within {
    outline: 2px solid var(--_focus);
    outline-offset: -1px;
  }
  .box input {
    border: 0;
    outline: none;
    flex: 1;
    min-width: 6em;
    width: auto;
    padding: 4px;
    background: transparent;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 2px;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: 999px;
    padding: 0 4px 0 8px;
    font-size: 0.85em;
  }
  .chip button {
    all: unset;
    cursor: pointer;
    padding: 0 4px;
  }
  [role='listbox'] {
    position: absolute;
    z-index: 5;
    left: -1px;
    right: -1px;
    top: 100%;
    margin: 2px 0 0;
    padding: 4px 0;
    list-style: none;
    max-height: 15em;
    overflow: auto;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    box-shadow: 0 4px 14px rgb(0 0 0 / 0.12);
  }
  [role='option'] {
    padding: 4px var(--_space);
    cursor: pointer;
  }
  [role='option'][aria-selected='true'] {
    font-weight: 600;
  }
  [role='option'].active {
    background: var(--_surface);
  }
`;
