// A Lit element directive that renders growing markdown into its element incrementally: finished blocks are
// inserted once and never touched again; only the tail block's nodes are replaced on each update.
import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';
import { MarkdownStream } from '../shared/markdown.js';

class StreamMarkdownDirective extends Directive {
  private el: Element | null = null;
  private stream: MarkdownStream | null = null;
  private source = '';
  /** Child nodes that belong to finished blocks. */
  private doneNodes = 0;

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('streamMarkdown() goes on an element: <div ${streamMarkdown(src)}>');
  }

  render(_source: string, _breaks?: boolean): unknown {
    return noChange;
  }

  override update(part: ElementPart, [source, breaks = false]: [string, boolean?]): unknown {
    this.el = part.element;
    this.stream ??= new MarkdownStream(breaks);
    this.source = source;
    this.apply();
    return noChange;
  }

  private apply(): void {
    const el = this.el!;
    const u = this.stream!.update(this.source);
    if (!u) return;
    if (u.reset) {
      el.replaceChildren();
      this.doneNodes = 0;
    }
    while (el.childNodes.length > this.doneNodes) el.lastChild!.remove();
    if (u.done.length) {
      const before = el.childNodes.length;
      el.insertAdjacentHTML('beforeend', u.done.join(''));
      decorate(el, before);
      this.doneNodes = el.childNodes.length;
    }
    if (u.tail) {
      el.insertAdjacentHTML('beforeend', u.tail);
      decorate(el, this.doneNodes);
    }
  }
}

/** Adds a copy button to each code block among the children from `from` on (our own node, not remote HTML). */
function decorate(el: Element, from: number): void {
  const nodes = el.childNodes;
  for (let i = from; i < nodes.length; i++) {
    const n = nodes[i]!;
    if (n.nodeType !== 1) continue;
    const pres = (n as Element).tagName === 'PRE' ? [n as Element] : (n as Element).querySelectorAll('pre');
    for (const pre of pres) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'copy-code';
      b.setAttribute('part', 'copy-code');
      b.setAttribute('aria-label', 'Copy code');
      b.textContent = 'Copy';
      pre.prepend(b);
    }
  }
}

/** `<div class="md" ${streamMarkdown(text)}></div>`: safe, incremental markdown. */
export const streamMarkdown = directive(StreamMarkdownDirective);
