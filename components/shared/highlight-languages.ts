// highlight.js (core and the grammars chat replies use most), its own lazily loaded chunk: see code-highlight.ts.
// The package's `es/` build is real ES modules; highlight.js's own `es/core.js` only re-exports CommonJS.
import core from '@highlightjs/cdn-assets/es/core.min.js';
import bash from '@highlightjs/cdn-assets/es/languages/bash.min.js';
import css from '@highlightjs/cdn-assets/es/languages/css.min.js';
import javascript from '@highlightjs/cdn-assets/es/languages/javascript.min.js';
import json from '@highlightjs/cdn-assets/es/languages/json.min.js';
import python from '@highlightjs/cdn-assets/es/languages/python.min.js';
import typescript from '@highlightjs/cdn-assets/es/languages/typescript.min.js';
import xml from '@highlightjs/cdn-assets/es/languages/xml.min.js';

// Our own instance: a page's copy of highlight.js (and its configuration) is never touched.
const hljs = core.newInstance();
for (const [name, grammar] of Object.entries({ bash, css, javascript, json, python, typescript, xml })) hljs.registerLanguage(name, grammar);

/** `code` as escaped HTML with `<span class="hljs-…">` tokens, in one of the grammars registered above. */
export function highlight(code: string, grammar: string): string {
  return hljs.highlight(code, { language: grammar, ignoreIllegals: true }).value;
}
