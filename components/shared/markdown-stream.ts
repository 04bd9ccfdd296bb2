// Incremental, safe markdown for streamed chat replies, without the sanitiser in the common case: blocks with no
// raw HTML are safe as marked writes them (markdown-core.ts); a block with raw HTML shows as escaped text until
// DOMPurify (loaded on first need) can sanitise it. LaTeX is typeset by KaTeX, and code highlighted by
// highlight.js, both also loaded on first need.
import type { Marked, Token, Tokens } from 'marked';
import { highlighterGeneration, loadHighlighter, takeHighlightMiss } from './code-highlight.js';
import { escapeHtml, hasRawHtml, markedFor } from './markdown-core.js';

type PurifyModule = typeof import('./markdown-purify.js');
let purifyMod: PurifyModule | null = null;
let purifyLoad: Promise<PurifyModule> | null = null;

/** Loads the sanitiser once. */
export function loadSanitizer(): Promise<PurifyModule> {
  purifyLoad ??= import('./markdown-purify.js').then((m) => (purifyMod = m));
  return purifyLoad;
}

/** `sanitizeHtml` when the sanitiser has loaded, else null (and it starts loading). */
export function sanitizerNow(): PurifyModule['sanitizeHtml'] | null {
  if (!purifyMod) void loadSanitizer();
  return purifyMod?.sanitizeHtml ?? null;
}

/** Set while rendering when a block needed the sanitiser before it had loaded. */
let waitingForSanitizer = false;

/** Safe HTML for tokens: as marked writes them, sanitised when they carry raw HTML, escaped source meanwhile. */
function renderTokens(m: Marked, tokens: Token[], links: Tokens.Generic['links']): { html: string; final: boolean } {
  const list = Object.assign(tokens, { links }) as unknown as Token[];
  if (!hasRawHtml(m, list)) return { html: m.parser(list), final: true };
  const sanitize = sanitizerNow();
  if (sanitize) return { html: sanitize(m.parser(list)), final: true };
  waitingForSanitizer = true;
  return { html: `<p class="pending">${escapeHtml(tokens.map((t) => t.raw).join(''))}</p>`, final: false };
}

/** Set while rendering when code was shown unhighlighted because highlight.js had not loaded yet. */
let waitingForHighlighter = false;

// Rendered finished blocks by source, so re-rendering a conversation (edit, undo, new element) skips the parser.
// Keyed by the highlighter's generation too: a code block drawn before highlight.js arrived is drawn again after.
const blockCache = new Map<string, { html: string; unhighlighted: boolean }>();
const CACHE_LIMIT = 2000;

function renderBlock(m: Marked, breaks: boolean, token: Token, links: Tokens.Generic['links']): string {
  const key = (breaks ? 'b' : 'p') + highlighterGeneration() + token.raw;
  let hit = blockCache.get(key);
  if (!hit) {
    const { html, final } = renderTokens(m, [token], links);
    hit = { html, unhighlighted: takeHighlightMiss() };
    if (final && key.length < 50_000) {
      if (blockCache.size >= CACHE_LIMIT) blockCache.delete(blockCache.keys().next().value!);
      blockCache.set(key, hit);
    }
  }
  if (hit.unhighlighted) waitingForHighlighter = true;
  return hit.html;
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
 * `onUpgrade` is called when output shown as escaped text can now be rendered (the sanitiser or the code
 * highlighter arrived): reset() and update again then.
 */
export class MarkdownStream {
  /** Source covered by finished blocks. */
  private doneSource = '';
  private source = '';
  private upgradePending = false;
  private highlightPending = false;
  /** The next update must tell its caller to discard what it drew. */
  private restart = false;

  constructor(
    private readonly breaks = false,
    private readonly onUpgrade?: () => void,
  ) {}

  /** Returns what changed for the new full source, or null when nothing did. */
  update(next: string): MarkdownUpdate | null {
    if (next.includes('\r')) next = next.replace(/\r\n?/g, '\n');
    if (next === this.source) return null;
    let reset = this.restart;
    this.restart = false;
    // Not startsWith: V8's startsWith on a long concatenated string is orders of magnitude slower than this.
    if (next.slice(0, this.doneSource.length) !== this.doneSource) {
      this.doneSource = '';
      reset = true;
    }
    this.source = next;
    waitingForSanitizer = false;
    waitingForHighlighter = false;
    takeHighlightMiss(); // misses of other renderers are theirs to handle
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
      done.push(renderBlock(m, this.breaks, t, tokens.links));
    }
    this.doneSource = next.slice(0, this.doneSource.length + consumed);
    const tailHtml = tail.length > consumed ? renderTokens(m, tokens.slice(i), tokens.links).html : '';
    if (takeHighlightMiss()) waitingForHighlighter = true;
    if (waitingForSanitizer && !this.upgradePending) {
      this.upgradePending = true;
      void loadSanitizer().then(() => {
        this.upgradePending = false;
        this.onUpgrade?.();
      });
    }
    if (waitingForHighlighter && !this.highlightPending) {
      this.highlightPending = true;
      void loadHighlighter().then(() => {
        this.highlightPending = false;
        this.onUpgrade?.();
      });
    }
    return { reset, done, tail: tailHtml };
  }

  /** Forgets everything rendered: the next update starts over. */
  reset(): void {
    this.doneSource = '';
    this.source = '';
    this.restart = true;
  }
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
  if (!katex || !purifyMod) {
    katexLoad ??= Promise.all([import('katex'), loadSanitizer()]).then(([m]) => void (katex = m.default));
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
    n.innerHTML = purifyMod.sanitizeMathMl(html);
  }
}
