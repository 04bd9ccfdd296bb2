// The markdown pipeline (marked, the heaviest part of a chat) is its own chunk: a standalone chat shows its input
// box without it and starts loading it at once, so it is there by the time the first message arrives.
type MarkdownModule = typeof import('../shared/markdown-stream.js');

let mod: MarkdownModule | null = null;
let loading: Promise<MarkdownModule> | null = null;

/** The markdown module if it has loaded. */
export function markdownModule(): MarkdownModule | null {
  return mod;
}

/** Loads the markdown module once. */
export function loadMarkdown(): Promise<MarkdownModule> {
  loading ??= import('../shared/markdown-stream.js').then((m) => (mod = m));
  return loading;
}
