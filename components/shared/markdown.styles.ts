import { css } from 'lit';

export const markdownStyles = css`
  .md {
    line-height: 1.55;
    overflow-wrap: anywhere;
  }
  .md > :first-child {
    margin-top: 0;
  }
  .md > :last-child {
    margin-bottom: 0;
  }
  .md a {
    color: var(--_focus);
  }
  .md code {
    font-family: var(--_mono);
    font-size: 0.9em;
    background: var(--_surface);
    padding: 0.1em 0.3em;
    border-radius: 4px;
  }
  .md pre {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    overflow-x: auto;
  }
  .md pre code {
    background: none;
    padding: 0;
  }
  .md table {
    border-collapse: collapse;
  }
  .md th,
  .md td {
    border: 1px solid var(--_border);
    padding: 4px 8px;
  }
  .md img {
    max-width: 100%;
  }
  .hljs-keyword,
  .hljs-built_in,
  .hljs-selector-tag {
    color: #a626a4;
  }
  .hljs-string,
  .hljs-attr {
    color: #50a14f;
  }
  .hljs-number,
  .hljs-literal {
    color: #986801;
  }
  .hljs-comment {
    color: #8b929a;
    font-style: italic;
  }
  .hljs-title,
  .hljs-function .hljs-title {
    color: #4078f2;
  }
  :host([dark]) .hljs-keyword,
  :host([dark]) .hljs-built_in {
    color: #c678dd;
  }
  :host([dark]) .hljs-string {
    color: #98c379;
  }
  :host([dark]) .hljs-title {
    color: #61afef;
  }
`;
