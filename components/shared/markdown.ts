// Markdown and HTML from remote apps, made safe: marked parses, DOMPurify sanitises, highlight.js colours code.
// marked: maintained, fast, GFM out of the box, small (~12 KB gz). DOMPurify: the reference HTML sanitiser.
import { Marked } from 'marked';
import DOMPurify from 'dompurify';
import hljs from 'highlight.js/lib/core';
import python from 'highlight.js/lib/languages/python';
import javascript from 'highlight.js/lib/languages/javascript';
import typescript from 'highlight.js/lib/languages/typescript';
import json from 'highlight.js/lib/languages/json';
import bash from 'highlight.js/lib/languages/bash';
import xml from 'highlight.js/lib/languages/xml';
import css from 'highlight.js/lib/languages/css';

for (const [name, lang] of Object.entries({ python, javascript, typescript, json, bash, xml, css })) {
  hljs.registerLanguage(name, lang);
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const marked = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    code({ text, lang }) {
      const language = (lang ?? '').trim().split(/\s+/)[0]?.toLowerCase() ?? '';
      const known = language && hljs.getLanguage(language);
      const body = known ? hljs.highlight(text, { language, ignoreIllegals: true }).value : escapeHtml(text);
      const cls = known ? ` class="hljs language-${language}"` : ' class="hljs"';
      return `<pre part="code-block"><code${cls}>${body}</code></pre>\n`;
    },
  },
});

let purifyConfigured = false;
function purify(): typeof DOMPurify {
  if (!purifyConfigured) {
    purifyConfigured = true;
    // Links from remote content open in a new tab and never get the opener.
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A' && node.hasAttribute('href')) {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    });
  }
  return DOMPurify;
}

const SANITIZE = {
  FORBID_TAGS: ['style', 'iframe', 'frame', 'object', 'embed', 'form', 'svg', 'math', 'script', 'base', 'meta', 'link'],
  FORBID_ATTR: ['srcdoc', 'formaction', 'style'],
  ALLOW_DATA_ATTR: false,
};

/** Sanitises untrusted HTML: no script, event handler, `javascript:` URL, iframe or SVG survives. */
export function sanitizeHtml(html: string): string {
  return purify().sanitize(html, SANITIZE) as unknown as string;
}

/** Renders untrusted markdown (with inline HTML) to safe HTML. */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(marked.parse(source, { async: false }) as string);
}

/** Splits markdown into top-level blocks (paragraphs, fences, lists…) with their source text, for incremental rendering. */
export function markdownBlocks(source: string): string[] {
  return marked.lexer(source).map((t) => t.raw);
}

/** Styles for rendered markdown (code blocks, tables, highlight.js token colours in light and dark). */
export { markdownStyles } from './markdown.styles.js';
