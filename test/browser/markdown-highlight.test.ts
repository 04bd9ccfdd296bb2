// <ml-markdown> with a code block: drawn at once as escaped code, highlighted when highlight.js (loaded on first
// need, in this file's own page) arrives.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../components/markdown/markdown.js';
import type { MlMarkdown } from '../../components/markdown/markdown.js';

declare const describe: (name: string, fn: () => void) => void;
declare const it: (name: string, fn: () => Promise<void> | void) => void;

describe('<ml-markdown> code highlighting', () => {
  it('a python block shown before highlight.js loaded is highlighted after, its source staying text', async () => {
    const source = 'def f(x):\n    return "<b>x</b>"';
    const el = await fixture<MlMarkdown>(html`<ml-markdown .value=${`Code:\n\n\`\`\`py\n${source}\n\`\`\``}></ml-markdown>`);
    const states: string[] = [];
    const observer = new MutationObserver(() => {
      const code = el.shadowRoot!.querySelector('pre code');
      if (code && states.at(-1) !== code.outerHTML) states.push(code.outerHTML);
    });
    observer.observe(el.shadowRoot!, { childList: true, subtree: true, characterData: true });
    const code = () => el.shadowRoot!.querySelector('pre code');
    await waitUntil(() => code()?.querySelector('.hljs-keyword'), 'the code block was not highlighted');
    observer.disconnect();
    expect(states.length, states.join('\n')).to.be.greaterThanOrEqual(2);
    expect(states[0]).to.not.contain('hljs-');
    expect(code()!.className).to.equal('hljs language-py');
    expect(code()!.querySelector('.hljs-keyword')!.textContent).to.equal('def');
    expect(code()!.textContent).to.equal(source);
    expect(code()!.querySelector('b')).to.equal(null);
  });
});
