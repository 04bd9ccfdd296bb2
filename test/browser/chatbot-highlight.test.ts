// Code highlighting arrives late: highlight.js is its own chunk, loaded when the first code block needs it. This
// file runs in its own page, so the highlighter is not loaded when its first test starts.
import { expect, waitUntil } from '@open-wc/testing';
import '../../components/chatbot/chatbot.js';
import { loadMarkdown } from '../../components/chatbot/markdown-loader.js';
import type { MlChatbot, ChatMessage } from '../../components/chatbot/chatbot.js';

declare const describe: (name: string, fn: () => void) => void;
declare const it: (name: string, fn: () => Promise<void> | void) => void;

const SOURCE = 'def greet(name):\n    # say hi\n    return f"<b>hi</b> {name}"';
const MESSAGES: ChatMessage[] = [
  { role: 'user', content: 'code please' },
  { role: 'assistant', content: `Here:\n\n\`\`\`python\n${SOURCE}\n\`\`\`\n\nDone.` },
];

/** Every state of the reply's code block, recorded as the DOM changes (mutation records, so none is missed). */
function recordCode(el: MlChatbot): { states: string[]; stop: () => void } {
  const states: string[] = [];
  const take = () => {
    const code = el.shadowRoot!.querySelector('.bubble[part~=assistant] pre code');
    if (code && states.at(-1) !== code.outerHTML) states.push(code.outerHTML);
  };
  const observer = new MutationObserver(take);
  observer.observe(el.shadowRoot!, { childList: true, subtree: true, characterData: true });
  return { states, stop: () => observer.disconnect() };
}

const codeOf = (el: MlChatbot) => el.shadowRoot!.querySelector<HTMLElement>('.bubble[part~=assistant] pre code');

describe('<ml-chatbot> code highlighting', () => {
  it('a python block drawn before highlight.js loaded becomes highlighted when it arrives; cached blocks too', async () => {
    await loadMarkdown(); // the markdown chunk, not the highlighter
    const el = document.createElement('ml-chatbot') as MlChatbot;
    el.value = MESSAGES;
    document.body.append(el);
    const rec = recordCode(el);
    await el.updateComplete;

    // First drawn as escaped, unhighlighted code in the same element the highlighted code will use.
    const first = codeOf(el)!;
    expect(first.className).to.equal('hljs language-python');
    expect(first.textContent).to.equal(SOURCE);
    expect(first.querySelector('span, b')).to.equal(null);

    await waitUntil(() => codeOf(el)?.querySelector('.hljs-keyword'), 'the code block was not highlighted once highlight.js loaded');
    rec.stop();
    const code = codeOf(el)!;
    expect(code.className).to.equal('hljs language-python');
    expect([...code.querySelectorAll('.hljs-keyword')].map((s) => s.textContent)).to.include.members(['def', 'return']);
    expect(code.querySelector('.hljs-title')!.textContent).to.equal('greet');
    expect(code.querySelector('.hljs-comment')!.textContent).to.equal('# say hi');
    expect(code.querySelector('.hljs-string')!.textContent).to.contain('<b>hi</b>');
    // Source markup stays text, before and after.
    expect(code.querySelector('b')).to.equal(null);
    expect(code.textContent).to.equal(SOURCE);
    expect(rec.states[0]).to.not.contain('hljs-');
    // The rest of the reply was drawn again too, once.
    const reply = el.shadowRoot!.querySelector('.bubble[part~=assistant]')!;
    expect(reply.textContent).to.contain('Here:').and.contain('Done.');
    expect(reply.querySelectorAll('pre').length).to.equal(1);
    expect(getComputedStyle(code.querySelector('.hljs-keyword')!).color).to.not.equal(getComputedStyle(code).color);

    // The same reply in another chatbot now comes out of the block cache, highlighted at once.
    const again = document.createElement('ml-chatbot') as MlChatbot;
    again.value = MESSAGES;
    document.body.append(again);
    await again.updateComplete;
    expect(codeOf(again)!.querySelector('.hljs-keyword')!.textContent).to.equal('def');
    el.remove();
    again.remove();
  });

  it('an unknown language never reaches the class attribute and is shown as escaped text', async () => {
    await loadMarkdown();
    const el = document.createElement('ml-chatbot') as MlChatbot;
    el.value = [{ role: 'assistant', content: '```"><img src=x onerror=alert(1)>\n<i>x</i> def y\n```' }];
    document.body.append(el);
    await el.updateComplete;
    const code = codeOf(el)!;
    expect(code.className).to.equal('hljs');
    expect(code.textContent).to.equal('<i>x</i> def y');
    expect(code.querySelector('*')).to.equal(null);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    el.remove();
  });
});
