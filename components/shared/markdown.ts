// Markdown and HTML from remote apps, made safe: marked parses, DOMPurify sanitises, highlight.js (loaded when a
// code block first needs it) colours code. marked: maintained, fast, GFM out of the box. DOMPurify: the reference
// HTML sanitiser.
// Streaming chat uses markdown-stream.ts (incremental, and without the sanitiser unless a reply carries HTML).
import { loadHighlighter, takeHighlightMiss } from './code-highlight.js';
import { markedFor } from './markdown-core.js';
import { sanitizeHtml } from './markdown-purify.js';

export { sanitizeHtml } from './markdown-purify.js';
export { MarkdownStream, typesetMath, type MarkdownUpdate } from './markdown-stream.js';

/**
 * Renders untrusted markdown (with inline HTML) to safe HTML; `breaks` makes single newlines line breaks. Code shows
 * unhighlighted while highlight.js loads; `onHighlighter` is then called once it has: render again.
 */
export function renderMarkdown(source: string, breaks = false, onHighlighter?: () => void): string {
  takeHighlightMiss();
  const html = sanitizeHtml(markedFor(breaks).parse(source, { async: false }) as string);
  if (takeHighlightMiss() && onHighlighter) void loadHighlighter().then(onHighlighter);
  return html;
}

/** Splits markdown into top-level blocks (paragraphs, fences, lists…) with their source text, for incremental rendering. */
export function markdownBlocks(source: string): string[] {
  return markedFor(false).lexer(source).map((t) => t.raw);
}

/** Styles for rendered markdown (code blocks, tables, highlight.js token colours in light and dark). */
export { markdownStyles } from './markdown.styles.js';
