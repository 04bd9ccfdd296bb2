// The markdown parser setup shared by every renderer: marked (GFM) with highlight.js for code, LaTeX spans, and
// links/images restricted to safe URLs. marked escapes all text and attribute values it writes itself; only raw
// HTML in the source passes through unescaped, so output of a source without raw HTML is safe as it is, and a
// source with raw HTML must go through the sanitiser (`hasRawHtml` tells which).
import { Marked, type Token, type Tokens } from 'marked';
import { highlightCode, knowsLanguage } from './code-highlight.js';

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The URL scheme as a browser reads it (control characters and spaces inside are ignored), or '' when relative. */
function scheme(url: string): string {
  const s = url.replace(/[\u0000-\u0020\u007f]/g, '');
  return /^([a-z][a-z0-9+.-]*):/i.exec(s)?.[1]?.toLowerCase() ?? '';
}

export const safeLinkUrl = (url: string) => ['', 'http', 'https', 'mailto', 'tel'].includes(scheme(url));
export const safeImageUrl = (url: string) =>
  ['', 'http', 'https', 'blob'].includes(scheme(url)) || /^data:image\/(png|jpe?g|gif|webp|avif);/i.test(url.trim());

// LaTeX between $$…$$, \[…\] (display) or \(…\) (inline) is kept as its source text in a `.ml-math` span, so
// renderers that do not typeset still show it; `typesetMath()` turns those spans into MathML. Single `$` is left
// alone (prices), as in Gradio's default delimiters. An unclosed formula stays text until its end arrives.
const MATH = /^(?:\$\$([\s\S]+?)\$\$|\\\[([\s\S]+?)\\\]|\\\(([\s\S]+?)\\\))/;
const mathExtension = {
  extensions: [
    {
      name: 'mlMath',
      level: 'inline' as const,
      start: (src: string) => {
        const i = src.search(/\$\$|\\\[|\\\(/);
        return i < 0 ? undefined : i;
      },
      tokenizer: (src: string) => {
        const m = MATH.exec(src);
        return m ? { type: 'mlMath', raw: m[0], display: m[3] === undefined } : undefined;
      },
      renderer: (t: Tokens.Generic) => `<span class="ml-math${t.display ? ' ml-math-display' : ''}">${escapeHtml(t.raw)}</span>`,
    },
  ],
};

function makeMarked(breaks: boolean): Marked {
  return new Marked(mathExtension, {
    gfm: true,
    breaks,
    renderer: {
      code({ text, lang }: Tokens.Code) {
        const language = (lang ?? '').trim().split(/\s+/)[0]?.toLowerCase() ?? '';
        // Only a known language name reaches the class attribute. highlight.js escapes the code it wraps in spans;
        // while it loads (or for other languages) the code is escaped here.
        const cls = knowsLanguage(language) ? ` class="hljs language-${language}"` : ' class="hljs"';
        return `<pre part="code-block"><code${cls}>${highlightCode(text, language) ?? escapeHtml(text)}</code></pre>\n`;
      },
      link({ href, title, tokens }: Tokens.Link) {
        const text = this.parser.parseInline(tokens);
        if (!safeLinkUrl(href)) return text;
        const t = title ? ` title="${escapeHtml(title)}"` : '';
        // Links from remote content open in a new tab and never get the opener.
        return `<a href="${escapeHtml(href)}"${t} target="_blank" rel="noopener noreferrer">${text}</a>`;
      },
      image({ href, title, text }: Tokens.Image) {
        if (!safeImageUrl(href)) return escapeHtml(text);
        const t = title ? ` title="${escapeHtml(title)}"` : '';
        return `<img src="${escapeHtml(href)}" alt="${escapeHtml(text)}"${t}>`;
      },
    },
  });
}

const markedBy = new Map<boolean, Marked>();

/** The parser; `breaks` makes single newlines line breaks (Gradio's chat default). */
export const markedFor = (breaks: boolean): Marked => markedBy.get(breaks) ?? markedBy.set(breaks, makeMarked(breaks)).get(breaks)!;

/** Whether tokens carry raw HTML from the source (then their output must be sanitised). */
export function hasRawHtml(m: Marked, tokens: Token[]): boolean {
  let found = false;
  m.walkTokens(tokens, (t) => {
    if (t.type === 'html') found = true;
  });
  return found;
}
