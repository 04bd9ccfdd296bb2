// A Lit element directive that renders growing markdown into its element incrementally: finished blocks are
// inserted once and never touched again; only the tail block's nodes are replaced on each update.
import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';
import type { MarkdownStream } from '../shared/markdown-stream.js';
import { markdownModule } from './markdown-loader.js';

/** Finished blocks are grouped in chunks of this many nodes, so layout walks a few chunks, not every block. */
const CHUNK = 24;

class StreamMarkdownDirective extends Directive {
  private stream: MarkdownStream | null = null;
  private el: Element | null = null;
  private source = '';
  /** Chunks (child elements) holding finished blocks; the tail's nodes follow them. */
  private chunks = 0;
  private open: HTMLElement | null = null;
  /** Plain text is shown until the markdown module has loaded (the host re-renders then). */
  private plain = false;

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('streamMarkdown() goes on an element: <div ${streamMarkdown(src)}>');
  }

  render(_source: string, _breaks?: boolean): unknown {
    return noChange;
  }

  override update(part: ElementPart, [source, breaks = false]: [string, boolean?]): unknown {
    const el = (this.el = part.element);
    this.source = source;
    const md = markdownModule();
    if (!md) {
      el.textContent = source;
      this.plain = true;
      return noChange;
    }
    // Raw HTML shows as text until the sanitiser arrives; then everything is drawn again.
    this.stream ??= new md.MarkdownStream(breaks, () => {
      this.stream!.reset();
      this.draw();
    });
    if (this.plain) {
      this.plain = false;
      el.textContent = '';
      this.stream.reset();
    }
    this.draw();
    return noChange;
  }

  private draw(): void {
    const el = this.el!;
    const u = this.stream!.update(this.source);
    if (!u) return;
    if (u.reset) {
      el.replaceChildren();
      this.chunks = 0;
      this.open = null;
    }
    while (el.childNodes.length > this.chunks) el.lastChild!.remove();
    const math: Element[] = [];
    for (const block of u.done) {
      if (!this.open || this.open.childNodes.length >= CHUNK) {
        this.open = document.createElement('div');
        this.open.className = 'chunk';
        el.append(this.open);
        this.chunks++;
      }
      this.open.append(fragment(block, math));
    }
    if (u.tail) el.append(fragment(u.tail, math));
    if (math.length) markdownModule()!.typesetMath(math);
  }
}

/** Safe HTML as nodes, each code block given a copy button (our own node, not remote HTML); collects math spans. */
function fragment(safeHtml: string, math: Element[]): DocumentFragment {
  const tpl = document.createElement('template');
  tpl.innerHTML = safeHtml;
  const frag = tpl.content;
  if (safeHtml.includes('ml-math')) math.push(...frag.querySelectorAll('.ml-math'));
  for (const pre of frag.querySelectorAll('pre')) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'copy-code';
    b.setAttribute('part', 'copy-code');
    b.setAttribute('aria-label', 'Copy code');
    b.textContent = 'Copy';
    pre.prepend(b);
  }
  return frag;
}

/** `<div class="md" ${streamMarkdown(text)}></div>`: safe, incremental markdown. */
export const streamMarkdown = directive(StreamMarkdownDirective);
