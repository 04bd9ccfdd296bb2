// Markdown and HTML from remote apps, made safe: marked parses, DOMPurify sanitises, highlight.js colours code.
// marked: maintained, fast, GFM out of the box. DOMPurify: the reference HTML sanitiser. highlight.js is loaded
// on demand (its own chunk) the first time a fenced block names a language, so pages without code never pay for it.
import { Marked, type Token, type Tokens } from 'marked';
import createDOMPurify from 'dompurify';
import type { HLJSApi } from 'highlight.js';

let hljs: HLJSApi | null = null;
let hljsLoad: Promise<void> | null = null;

/** Loads the highlighter once; output rendered before it arrives has plain (escaped) code blocks. */
export function loadHighlighter(): Promise<void> {
  hljsLoad ??= import('./markdown-highlight.js').then((m) => {
    hljs = m.default;
    blockCache.clear();
  });
  return hljsLoad;
}

/** Set while rendering when a code block asked for the highlighter before it was loaded. */
let wantsHighlighter = false;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function makeMarked(breaks: boolean): Marked {
  return new Marked({
    gfm: true,
    breaks,
    renderer: {
      code({ text, lang }: Tokens.Code) {
        const language = (lang ?? '').trim().split(/\s+/)[0]?.toLowerCase() ?? '';
        if (language && !hljs) wantsHighlighter = true;
        const known = language && hljs?.getLanguage(language);
        const body = known ? hljs!.highlight(text, { language, ignoreIllegals: true }).value : escapeHtml(text);
        const cls = known ? ` class="hljs language-${language}"` : ' class="hljs"';
        return `<pre part="code-block"><code${cls}>${body}</code></pre>\n`;
      },
    },
  });
}

const markedBy = new Map<boolean, Marked>();
const markedFor = (breaks: boolean) => markedBy.get(breaks) ?? markedBy.set(breaks, makeMarked(breaks)).get(breaks)!;

type Purifier = ReturnType<typeof createDOMPurify>;
let purifier: Purifier | null = null;

/** Our own DOMPurify instance (hooks never leak into a page's copy), created on first use so imports stay SSR-safe. */
function purify(): Purifier {
  if (purifier) return purifier;
  const p = createDOMPurify(window);
  p.addHook('afterSanitizeAttributes', (node) => {
    const el = node as Element;
    // Links from remote content open in a new tab and never get the opener.
    if (el.tagName === 'A' && el.hasAttribute('href')) {
      el.setAttribute('target', '_blank');
      el.setAttribute('rel', 'noopener noreferrer');
    }
    // GFM task-list checkboxes survive as read-only boxes; any other input goes.
    if (el.tagName === 'INPUT') {
      if (el.getAttribute('type') === 'checkbox') el.setAttribute('disabled', '');
      else el.remove();
    }
  });
  return (purifier = p);
}

const SANITIZE = {
  FORBID_TAGS: ['style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'form', 'button', 'textarea', 'select',
    'svg', 'math', 'script', 'base', 'meta', 'link', 'template', 'portal', 'dialog'],
  FORBID_ATTR: ['srcdoc', 'formaction', 'action', 'style', 'ping', 'background', 'xlink:href'],
  ALLOW_DATA_ATTR: false,
  SANITIZE_NAMED_PROPS: true,
};

/** Sanitises untrusted HTML: no script, event handler, `javascript:` URL, iframe or SVG survives. */
export function sanitizeHtml(html: string): string {
  return purify().sanitize(html, SANITIZE) as unknown as string;
}

/**
 * Renders untrusted markdown (with inline HTML) to safe HTML. When the source has code in a language and the
 * highlighter is not loaded yet, the code is plain now and `onUpgrade` is called once it can be coloured.
 */
export function renderMarkdown(source: string, onUpgrade?: () => void, breaks = false): string {
  wantsHighlighter = false;
  const html = sanitizeHtml(markedFor(breaks).parse(source, { async: false }) as string);
  if (wantsHighlighter) void loadHighlighter().then(() => onUpgrade?.());
  return html;
}

/** Splits markdown into top-level blocks (paragraphs, fences, lists…) with their source text, for incremental rendering. */
export function markdownBlocks(source: string): string[] {
  return markedFor(false).lexer(source).map((t) => t.raw);
}

// Rendered finished blocks by source, so re-rendering a conversation (edit, undo, new element) skips the parser.
const blockCache = new Map<string, string>();
const CACHE_LIMIT = 2000;

function renderBlock(m: Marked, token: Token, links: Tokens.Generic['links']): string {
  const key = token.raw;
  const hit = blockCache.get(key);
  if (hit !== undefined) return hit;
  wantsHighlighter = false;
  const list = Object.assign([token], { links }) as unknown as Token[];
  const html = sanitizeHtml(m.parser(list));
  // A block rendered before the highlighter arrived is not cached: it will be rendered again, coloured.
  if (!wantsHighlighter && key.length < 50_000) {
    if (blockCache.size >= CACHE_LIMIT) blockCache.delete(blockCache.keys().next().value!);
    blockCache.set(key, html);
  }
  return html;
}

/** One step of a {@link MarkdownStream}: what to add to, or replace in, the rendered output. */
export interface MarkdownUpdate {
  /** True when earlier output must be discarded first (the source did not just grow). */
  reset: boolean;
  /** Newly finished blocks, safe HTML, in order: render each once and keep it. */
  done: string[];
  /** The last, still growing block as safe HTML: it replaces the previous tail. */
  tail: string;
}

/**
 * Incremental markdown for streamed text. Only the last top-level block can still change while text is appended,
 * so every block before it is rendered once and kept; each update re-parses just the tail, and a long reply costs
 * the same per token at the end as at the start. Link reference definitions only apply within their own block.
 */
export class MarkdownStream {
  /** Source covered by finished blocks. */
  private doneSource = '';
  private source = '';
  private needsUpgrade = false;

  constructor(
    private readonly onUpgrade?: () => void,
    private readonly breaks = false,
  ) {}

  /** Returns what changed for the new full source, or null when nothing did. */
  update(next: string): MarkdownUpdate | null {
    if (next.includes('\r')) next = next.replace(/\r\n?/g, '\n');
    if (next === this.source) return null;
    let reset = false;
    if (!next.startsWith(this.doneSource)) {
      this.doneSource = '';
      reset = true;
    }
    this.source = next;
    const m = markedFor(this.breaks);
    const tail = next.slice(this.doneSource.length);
    const tokens = m.lexer(tail);
    let last = tokens.length - 1;
    while (last > 0 && tokens[last]!.type === 'space') last--;
    const done: string[] = [];
    let consumed = 0;
    for (let i = 0; i < last; i++) {
      const t = tokens[i]!;
      // marked's raw texts tile the source; if they ever do not, keep the rest in the tail (correct, just slower).
      if (tail.slice(consumed, consumed + t.raw.length) !== t.raw) break;
      consumed += t.raw.length;
      done.push(this.render(m, t, tokens.links));
    }
    this.doneSource = next.slice(0, this.doneSource.length + consumed);
    wantsHighlighter = false;
    const rest = tail.slice(consumed);
    const tailHtml = rest.trim() ? sanitizeHtml(m.parse(rest, { async: false }) as string) : '';
    this.noteUpgrade();
    return { reset, done, tail: tailHtml };
  }

  /** Forgets everything rendered: the next update starts over (after the highlighter arrived, for instance). */
  reset(): void {
    this.doneSource = '';
    this.source = '';
  }

  private render(m: Marked, t: Token, links: Tokens.Generic['links']): string {
    const html = renderBlock(m, t, links);
    this.noteUpgrade();
    return html;
  }

  private noteUpgrade(): void {
    if (!wantsHighlighter || this.needsUpgrade) return;
    this.needsUpgrade = true;
    void loadHighlighter().then(() => {
      this.needsUpgrade = false;
      this.onUpgrade?.();
    });
  }
}

/** Styles for rendered markdown (code blocks, tables, highlight.js token colours in light and dark). */
export { markdownStyles } from './markdown.styles.js';
