// Code highlighting by highlight.js, kept off the common path: its core and each grammar are imported only when a
// code block in that language is rendered. Until they arrive that code renders as escaped text; renderers ask to be
// told when they have loaded (`takeHighlightMiss`/`loadHighlighter`) and render again, and caches key their output
// by `highlighterGeneration()` so nothing drawn without them is reused afterwards.

type Core = typeof import('./highlight-core.js');
type Grammar = { default: import('highlight.js').LanguageFn };

// Each grammar is its own chunk, so a reply with Python code fetches the core and the Python grammar only.
const LOADERS: Record<string, () => Promise<Grammar>> = {
  bash: () => import('@highlightjs/cdn-assets/es/languages/bash.min.js'),
  css: () => import('@highlightjs/cdn-assets/es/languages/css.min.js'),
  javascript: () => import('@highlightjs/cdn-assets/es/languages/javascript.min.js'),
  json: () => import('@highlightjs/cdn-assets/es/languages/json.min.js'),
  python: () => import('@highlightjs/cdn-assets/es/languages/python.min.js'),
  typescript: () => import('@highlightjs/cdn-assets/es/languages/typescript.min.js'),
  xml: () => import('@highlightjs/cdn-assets/es/languages/xml.min.js'),
};

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

let core: Core | null = null;
/** Grammars registered and ready. */
const ready = new Set<string>();
/** Grammars whose load has finished, successfully or not: each is tried once. */
const settled = new Set<string>();
/** Grammar loads under way or finished. */
const loads = new Map<string, Promise<void>>();
/** Bumped whenever a load finishes: output rendered under one generation is stale under the next. */
let generation = 0;
let missed = false;

/** Whether `lang` (lower case) is a language we highlight: only such a name may reach a class attribute. */
export function knowsLanguage(lang: string): boolean {
  return Object.hasOwn(GRAMMARS, lang);
}

function load(grammar: string): Promise<void> {
  let pending = loads.get(grammar);
  if (!pending) {
    pending = Promise.all([import('./highlight-core.js'), LOADERS[grammar]!()]).then(
      ([c, g]) => {
        core = c;
        c.register(grammar, g.default);
        ready.add(grammar);
        settled.add(grammar);
        generation++;
      },
      () => {
        settled.add(grammar);
        generation++;
      },
    );
    loads.set(grammar, pending);
  }
  return pending;
}

/** Resolves when every grammar asked for so far has loaded (or could not be loaded: that code then stays plain). */
export function loadHighlighter(): Promise<void> {
  return Promise.all(loads.values()).then(() => undefined);
}

/** Changes whenever a grammar finishes loading: output rendered under one generation is stale under the next. */
export function highlighterGeneration(): number {
  return generation;
}

/**
 * Highlighted, escaped HTML for `code` in `lang`, or null when it is to be shown as plain escaped text: an unknown
 * language, or its grammar still loading (loading starts, and `takeHighlightMiss()` reports it).
 */
export function highlightCode(code: string, lang: string): string | null {
  if (!knowsLanguage(lang)) return null;
  const grammar = GRAMMARS[lang]!;
  if (core && ready.has(grammar)) return core.highlight(code, grammar);
  if (!settled.has(grammar)) {
    // Not loaded yet: whoever renders now must render again when it arrives.
    missed = true;
    void load(grammar);
  }
  return null;
}

/** Whether code was rendered unhighlighted (highlight.js still loading) since the last call: render again once `loadHighlighter()` resolves. */
export function takeHighlightMiss(): boolean {
  const m = missed;
  missed = false;
  return m;
}
