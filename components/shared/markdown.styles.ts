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
  .ml-math-display {
    display: block;
    margin: 0.5em 0;
    text-align: center;
    overflow-x: auto;
  }
  /* highlight.js token colours keep a 4.5:1 contrast on the code background in both themes (lowest: 5.3:1 light,
     6.0:1 dark). Scopes of the grammars we load; params, subst, operator, punctuation and tag keep the text colour.
     A sub-scope (title.function → "hljs-title function_") takes its parent's colour. */
  .hljs-keyword,
  .hljs-built_in,
  .hljs-selector-tag,
  .hljs-doctag {
    color: #9a1f98;
  }
  .hljs-string,
  .hljs-regexp,
  .hljs-symbol {
    color: #2f6f2e;
  }
  .hljs-number,
  .hljs-literal,
  .hljs-attr,
  .hljs-attribute,
  .hljs-variable,
  .hljs-template-variable,
  .hljs-property,
  .hljs-selector-attr,
  .hljs-selector-pseudo {
    color: #8a5d00;
  }
  .hljs-comment,
  .hljs-meta {
    color: #61676f;
    font-style: italic;
  }
  .hljs-title,
  .hljs-type,
  .hljs-selector-id,
  .hljs-selector-class {
    color: #2457c5;
  }
  .hljs-name {
    color: #b3261e;
  }
  :host([dark]) .hljs-keyword,
  :host([dark]) .hljs-built_in,
  :host([dark]) .hljs-selector-tag,
  :host([dark]) .hljs-doctag {
    color: #d49be8;
  }
  :host([dark]) .hljs-string,
  :host([dark]) .hljs-regexp,
  :host([dark]) .hljs-symbol {
    color: #98c379;
  }
  :host([dark]) .hljs-number,
  :host([dark]) .hljs-literal,
  :host([dark]) .hljs-attr,
  :host([dark]) .hljs-attribute,
  :host([dark]) .hljs-variable,
  :host([dark]) .hljs-template-variable,
  :host([dark]) .hljs-property,
  :host([dark]) .hljs-selector-attr,
  :host([dark]) .hljs-selector-pseudo {
    color: #e5c07b;
  }
  :host([dark]) .hljs-comment,
  :host([dark]) .hljs-meta {
    color: #9aa1ab;
  }
  :host([dark]) .hljs-title,
  :host([dark]) .hljs-type,
  :host([dark]) .hljs-selector-id,
  :host([dark]) .hljs-selector-class {
    color: #7ab7f5;
  }
  :host([dark]) .hljs-name {
    color: #f08c84;
  }
`;
