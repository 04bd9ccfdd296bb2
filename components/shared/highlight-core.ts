// highlight.js core, its own lazily loaded chunk (see code-highlight.ts); each grammar is a chunk of its own.
// The package's `es/` build is real ES modules; highlight.js's own `es/core.js` only re-exports CommonJS.
import core from '@highlightjs/cdn-assets/es/core.min.js';
import type { LanguageFn } from 'highlight.js';

// Our own instance: a page's copy of highlight.js (and its configuration) is never touched.
const hljs = core.newInstance();

export function register(name: string, grammar: LanguageFn): void {
  hljs.registerLanguage(name, grammar);
}

/** `code` as escaped HTML with `<span class="hljs-…">` tokens, in a registered grammar. */
export function highlight(code: string, grammar: string): string {
  return hljs.highlight(code, { language: grammar, ignoreIllegals: true }).value;
}
