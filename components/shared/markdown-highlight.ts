// A small regex highlighter for the languages chat replies use most. highlight.js's core ships only as CommonJS,
// which browsers (and our rollup/dev-server setup) cannot import as a module; this covers the common cases in
// ~2 KB, emits highlight.js class names (so themes for it apply) and never looks at markup, only escaped text.

type Rule = [cls: string, re: RegExp];

const STR = /"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'/;
const NUM = /\b(?:0[xob][\da-f_]+|\d[\d_]*(?:\.\d+)?(?:e[+-]?\d+)?)\b/;
const words = (s: string) => new RegExp(`\\b(?:${s.split(' ').join('|')})\\b`);

const JS_KEYWORDS =
  'async await break case catch class const continue debugger default delete do else export extends finally for from function get if import in instanceof let new of return set static super switch this throw try typeof var void while with yield';
const js: Rule[] = [
  ['comment', /\/\/.*|\/\*[\s\S]*?(?:\*\/|$)/],
  ['string', /`(?:\\.|[^`\\])*`?/],
  ['string', STR],
  ['title', /(?<=\b(?:function|class)\s+)[A-Za-z_$][\w$]*/],
  ['keyword', words(JS_KEYWORDS)],
  ['literal', words('true false null undefined NaN Infinity')],
  ['built_in', words('console window document Math JSON Promise Array Object String Number Boolean Map Set Error')],
  ['number', NUM],
  ['title', /[A-Za-z_$][\w$]*(?=\()/],
];
const ts: Rule[] = [
  ...js.slice(0, 4),
  ['keyword', words(`${JS_KEYWORDS} type interface enum implements declare namespace readonly private protected public abstract as is keyof`)],
  ['type', words('string number boolean any unknown never void object bigint symbol')],
  ...js.slice(5),
];
const python: Rule[] = [
  ['comment', /#.*/],
  ['string', /[rbfu]{0,2}(?:"""[\s\S]*?(?:"""|$)|'''[\s\S]*?(?:'''|$))/i],
  ['string', new RegExp(`[rbfu]{0,2}(?:${STR.source})`, 'i')],
  ['meta', /@[\w.]+/],
  ['title', /(?<=\b(?:def|class)\s+)[A-Za-z_]\w*/],
  ['keyword', words('and as assert async await break class continue def del elif else except finally for from global if import in is lambda match nonlocal not or pass raise return try while with yield case')],
  ['literal', words('True False None')],
  ['built_in', words('print len range int str float list dict set tuple open super self isinstance enumerate zip map filter sorted sum min max abs type')],
  ['number', NUM],
];
const bash: Rule[] = [
  ['comment', /(?<![\w$])#.*/],
  ['string', STR],
  ['variable', /\$\{[^}\n]*\}|\$[\w@#?*!$-]/],
  ['keyword', words('if then else elif fi for in do done while until case esac function return export local set unset source sudo')],
  ['built_in', words('echo cd ls cat grep sed awk npm npx node pip python git curl mkdir rm cp mv')],
  ['number', NUM],
];
const json: Rule[] = [
  ['attr', /"(?:\\.|[^"\\\n])*"(?=\s*:)/],
  ['string', /"(?:\\.|[^"\\\n])*"/],
  ['literal', words('true false null')],
  ['number', /-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/],
];
const xml: Rule[] = [
  ['comment', /<!--[\s\S]*?(?:-->|$)/],
  ['meta', /<![A-Za-z][^>]*>|<\?[\s\S]*?\?>/],
  ['name', /(?<=<\/?)[\w:.-]+/],
  ['attr', /(?<=\s)[\w:.-]+(?==)/],
  ['string', STR],
];
const css: Rule[] = [
  ['comment', /\/\*[\s\S]*?(?:\*\/|$)/],
  ['string', STR],
  ['keyword', /@[\w-]+/],
  ['attr', /[\w-]+(?=\s*:[^{;]*[;}\n])/],
  ['number', /-?\d*\.?\d+(?:px|em|rem|%|vh|vw|s|ms|deg|fr)?\b/],
  ['selector-tag', /(?<=^|[\s,{}])[.#]?[A-Za-z][\w-]*(?=[^{};]*\{)/m],
];

const LANGS: Record<string, Rule[]> = { js, javascript: js, jsx: js, mjs: js, cjs: js, ts, typescript: ts, tsx: ts, python, py: python, bash, sh: bash, shell: bash, zsh: bash, console: bash, json, jsonc: json, xml, html: xml, svg: xml, css };

// One alternation per language, compiled once; group i+1 is rule i.
const compiled = new Map<Rule[], RegExp>();
function combined(rules: Rule[]): RegExp {
  let re = compiled.get(rules);
  if (!re) compiled.set(rules, (re = new RegExp(rules.map(([, r]) => `(${r.source})`).join('|'), 'gm')));
  return re;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Whether `lang` is one this highlighter knows. */
export function knowsLanguage(lang: string): boolean {
  return Object.hasOwn(LANGS, lang);
}

/** Code as escaped HTML with `<span class="hljs-…">` tokens; plain escaped text for unknown languages. */
export function highlight(code: string, lang: string): string {
  const rules = Object.hasOwn(LANGS, lang) ? LANGS[lang]! : null;
  if (!rules) return escapeHtml(code);
  const re = combined(rules);
  re.lastIndex = 0;
  let out = '';
  let at = 0;
  for (let m = re.exec(code); m; m = re.exec(code)) {
    if (!m[0]) {
      re.lastIndex++;
      continue;
    }
    const i = m.findIndex((g, j) => j > 0 && g !== undefined) - 1;
    out += escapeHtml(code.slice(at, m.index)) + `<span class="hljs-${rules[i]![0]}">${escapeHtml(m[0])}</span>`;
    at = m.index + m[0].length;
  }
  return out + escapeHtml(code.slice(at));
}
