// Code highlighting by highlight.js, kept off the common path: its chunk is imported only when a code block in a
// language we know is rendered. Until it arrives that code renders as escaped text; renderers ask to be told when
// it has loaded (`takeHighlightMiss`/`loadHighlighter`) and render again, and caches key their output by
// `highlighterGeneration()` so nothing drawn without it is reused afterwards.

type Highlighter = typeof import('./highlight-languages.js');

// Fence language names we highlight (lower case) → the highlight.js grammar registered for them.
const GRAMMARS: Record<string, string> = {
  js: 'javascript', javascript: 'javascript', jsx: 'javascript', mjs: 'javascript', cjs: 'javascript',
  ts: 'typescript', typescript: 'typescript', tsx: 'typescript', mts: 'typescript', cts: 'typescript',
  py: 'python', python: 'python',
  sh: 'bash', bash: 'bash', shell: 'bash', zsh: 'bash', console: 'bash',
  json: 'json', jsonc: 'json',
  xml: 'xml', html: 'xml', htm: 'xml', xhtml: 'xml', svg: 'xml',
  css: 'css',
};

let hljs: Highlighter | null = null;
/** Set once loading has finished, whether or not it succeeded. */
let settled = false;
let loading: Promise<void> | null = null;
let missed = false;

/** Whether `lang` (lower case) is a language we highlight: only such a name may reach a class attribute. */
export function knowsLanguage(lang: string): boolean {
  return Object.hasOwn(GRAMMARS, lang);
}

/** Loads highlight.js once; resolves when it is there (or could not be loaded: code then stays plain). */
export function loadHighlighter(): Promise<void> {
  loading ??= import('./highlight-languages.js').then(
    (m) => void ((hljs = m), (settled = true)),
    () => void (settled = true),
  );
  return loading;
}

/** 0 until highlight.js has loaded (or failed to), 1 after: output rendered under one generation is stale under the next. */
export function highlighterGeneration(): number {
  return settled ? 1 : 0;
}

/**
 * Highlighted, escaped HTML for `code` in `lang`, or null when it is to be shown as plain escaped text: an unknown
 * language, or highlight.js still loading (loading starts, and `takeHighlightMiss()` reports it).
 */
export function highlightCode(code: string, lang: string): string | null {
  if (!knowsLanguage(lang)) return null;
  if (hljs) return hljs.highlight(code, GRAMMARS[lang]!);
  if (!settled) {
    missed = true;
    void loadHighlighter();
  }
  return null;
}

/** Whether code was rendered unhighlighted (highlight.js still loading) since the last call: render again once `loadHighlighter()` resolves. */
export function takeHighlightMiss(): boolean {
  const m = missed;
  missed = false;
  return m;
}
