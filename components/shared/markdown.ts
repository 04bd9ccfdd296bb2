// Markdown and HTML from remote apps, made safe: marked parses, DOMPurify sanitises, our small highlighter colours
// code. marked: maintained, fast, GFM out of the box. DOMPurify: the reference HTML sanitiser.
import { Marked, type Token, type Tokens } from 'marked';
import createDOMPurify from 'dompurify';
import { highlight, knowsLanguage } from './markdown-highlight.js';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

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
        const known = knowsLanguage(language);
        const body = highlight(text, language);
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

/** Renders untrusted markdown (with inline HTML) to safe HTML; `breaks` makes single newlines line breaks. */
export function renderMarkdown(source: string, breaks = false): string {
  return sanitizeHtml(markedFor(breaks).parse(source, { async: false }) as string);
}

type Katex = typeof import('katex').default;
let katex: Katex | null = null;
let katexLoad: Promise<void> | null = null;
const typeset = new WeakSet<Element>();

/**
 * Typesets the `.ml-math` spans in `root` (or the given elements) as MathML, which Chromium, Firefox and Safari draw
 * natively: no fonts or CSS to load. KaTeX (large) is imported on first use only; until then the source shows.
 */
export function typesetMath(root: ParentNode | readonly Element[]): void {
  const nodes = 'querySelectorAll' in root ? [...root.querySelectorAll('.ml-math')] : root;
  if (!nodes.length) return;
  if (!katex) {
    katexLoad ??= import('katex').then((m) => void (katex = m.default));
    void katexLoad.then(() => typesetMath(nodes.filter((n) => n.isConnected)));
    return;
  }
  for (const n of nodes) {
    if (typeset.has(n)) continue;
    typeset.add(n);
    const raw = n.textContent ?? '';
    // every delimiter is two characters long
    const tex = raw.slice(2, -2);
    const html = katex.renderToString(tex, {
      output: 'mathml',
      displayMode: n.classList.contains('ml-math-display'),
      throwOnError: false,
      trust: false,
      strict: 'ignore',
      maxExpand: 500,
      maxSize: 50,
    });
    // KaTeX escapes the source and, untrusted, emits no links or HTML; the sanitiser still checks its markup.
    n.innerHTML = purify().sanitize(html, { USE_PROFILES: { mathMl: true }, ADD_TAGS: ['semantics', 'annotation'] }) as unknown as string;
  }
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
  const list = Object.assign([token], { links }) as unknown as Token[];
  const html = sanitizeHtml(m.parser(list));
  if (key.length < 50_000) {
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

  constructor(private readonly breaks = false) {}

  /** Returns what changed for the new full source, or null when nothing did. */
  update(next: string): MarkdownUpdate | null {
    if (next.includes('\r')) next = next.replace(/\r\n?/g, '\n');
    if (next === this.source) return null;
    let reset = false;
    // Not startsWith: V8's startsWith on a long concatenated string is orders of magnitude slower than this.
    if (next.slice(0, this.doneSource.length) !== this.doneSource) {
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
    let i = 0;
    for (; i < last; i++) {
      const t = tokens[i]!;
      // marked's raw texts tile the source; if they ever do not, keep the rest in the tail (correct, just slower).
      if (tail.slice(consumed, consumed + t.raw.length) !== t.raw) break;
      consumed += t.raw.length;
      done.push(renderBlock(m, t, tokens.links));
    }
    this.doneSource = next.slice(0, this.doneSource.length + consumed);
    const rest = Object.assign(tokens.slice(i), { links: tokens.links }) as unknown as Token[];
    const tailHtml = tail.length > consumed ? sanitizeHtml(m.parser(rest)) : '';
    return { reset, done, tail: tailHtml };
  }

  /** Forgets everything rendered: the next update starts over. */
  reset(): void {
    this.doneSource = '';
    this.source = '';
  }
}

/** Styles for rendered markdown (code blocks, tables, highlight.js token colours in light and dark). */
export { markdownStyles } from './markdown.styles.js';
