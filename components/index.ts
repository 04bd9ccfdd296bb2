// The drop-in entry (`dist/ml-elements.js`): defines every `ml-*` element lazily, the first time its tag appears
// in the document (now or later), so a page downloads only what it uses.
// Loading this script twice, or two versions of it, keeps the first and warns.
import { ContextRoot } from '@lit/context';
import { registry } from './registry.js';

/** Replaced by the package version in the bundles (see rollup.config.js). */
export const version = '__ML_ELEMENTS_VERSION__';

type Loader = () => Promise<unknown>;

/** Tag → lazy import of the module that defines it. */
export const loaders: Record<string, Loader> = {
  'ml-app': () => import('./app/app.js'),
  'ml-endpoint': () => import('./endpoint/endpoint.js'),
  'ml-chatbot': () => import('./chatbot/chatbot.js'),
  'ml-image': () => import('./image/image.js'),
};
for (const { tag, load } of Object.values(registry)) loaders[tag] ??= load;

const failed = new Set<string>();
const loading = new Map<string, Promise<unknown>>();

/** Imports the module for `tag` unless it is defined, loading, or not one of ours. Resolves when defined. */
export function define(tag: string): Promise<unknown> {
  const load = loaders[tag];
  if (!load || customElements.get(tag) || failed.has(tag)) return Promise.resolve();
  let pending = loading.get(tag);
  if (!pending) {
    pending = load().catch((error: unknown) => {
      failed.add(tag);
      console.error(`ml-elements: could not load <${tag}>`, error);
    });
    loading.set(tag, pending);
  }
  return pending;
}

function upgrade(root: Element | Document): void {
  if (root instanceof Element && root.localName.startsWith('ml-')) void define(root.localName);
  for (const el of root.querySelectorAll(':not(:defined)')) if (el.localName.startsWith('ml-')) void define(el.localName);
}

interface Marker {
  version: string;
  url: string;
}
const KEY = Symbol.for('ml-elements');
const scope = globalThis as typeof globalThis & { [KEY]?: Marker };

function start(): void {
  // Context consumers that upgrade before their provider (load order is not DOM order) wait here for it.
  new ContextRoot().attach(document.documentElement);
  upgrade(document);
  new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) upgrade(node);
  }).observe(document.documentElement, { childList: true, subtree: true });
}

const first = scope[KEY];
if (first) {
  console.warn(
    `ml-elements ${version} from ${import.meta.url} was not started: ml-elements ${first.version} from ${first.url} ` +
      'is already on this page and is kept. Load the script once.',
  );
} else if (typeof document !== 'undefined') {
  scope[KEY] = { version, url: import.meta.url };
  start();
}
