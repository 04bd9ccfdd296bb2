// <ml-chatbot> as <ml-app> drives it (value set by code): markdown, safety, streaming, scrolling, actions, a11y.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/chatbot/chatbot.js';
import type { MlChatbot, ChatMessage } from '../../components/chatbot/chatbot.js';
import type { MlComponentEvent } from '../../components/base/events.js';

declare const describe: (name: string, fn: () => void) => void;
declare const it: (name: string, fn: () => Promise<void> | void) => void;

declare global {
  interface Window {
    __pwned?: number[];
  }
}

const root = (el: MlChatbot) => el.shadowRoot!;
const bubbles = (el: MlChatbot) => [...root(el).querySelectorAll<HTMLElement>('.bubble[data-index]')];
const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

async function chat(messages: ChatMessage[] = [], attrs = ''): Promise<MlChatbot> {
  const el = await fixture<MlChatbot>(html`<ml-chatbot label="Chat" style="--ml-chatbot-height: 300px"></ml-chatbot>`);
  if (attrs) el.setAttribute(attrs, '');
  el.value = messages;
  await el.updateComplete;
  await rendered(el);
  return el;
}

/** Markdown arrives as its own chunk, raw HTML waits for the sanitiser: wait until all of it shows, as a user would. */
async function rendered(el: MlChatbot): Promise<void> {
  await waitUntil(
    () => [...root(el).querySelectorAll('.md.part')].every((p) => p.firstElementChild) && !root(el).querySelector('.md .pending'),
    'markdown was not rendered',
  );
}

/** Sets the value as streaming diffs do: a new list whose last message's text grew. */
async function stream(el: MlChatbot, before: ChatMessage[], text: string, step = 7, from = 0): Promise<void> {
  for (let i = from + step; i < text.length + step; i += step) {
    el.value = [...before, { role: 'assistant', content: text.slice(0, i) }];
    await frame();
  }
}

const PAYLOADS = [
  '<img src="x" onerror="(window.__pwned ||= []).push(1)">',
  '[click me](javascript:(window.__pwned||=[]).push(2))',
  '<a href="javascript:(window.__pwned||=[]).push(3)">link</a>',
  '<script>(window.__pwned ||= []).push(4)</script>',
  '<iframe srcdoc="<script>parent.__pwned = [5]</script>"></iframe>',
  '<svg onload="(window.__pwned ||= []).push(6)"><script>(window.__pwned ||= []).push(7)</script></svg>',
  '<svg><a xlink:href="javascript:(window.__pwned||=[]).push(8)"><text y="20">svg link</text></a></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror="(window.__pwned ||= []).push(9)">',
  '<details open ontoggle="(window.__pwned ||= []).push(10)">x</details>',
  '<form action="javascript:(window.__pwned||=[]).push(11)"><button>go</button></form>',
  '![img](javascript:(window.__pwned||=[]).push(12))',
  '<object data="javascript:(window.__pwned||=[]).push(13)"></object><embed src="javascript:(window.__pwned||=[]).push(14)">',
].join('\n\n');

function assertHarmless(el: MlChatbot): void {
  const r = root(el);
  expect(window.__pwned, 'a payload ran').to.equal(undefined);
  expect(r.querySelectorAll('script, iframe, svg, math, object, embed, form, style').length).to.equal(0);
  for (const n of r.querySelectorAll('.md *')) {
    for (const a of n.attributes) {
      expect(a.name.startsWith('on'), `${n.tagName} keeps ${a.name}`).to.equal(false);
      expect(/^\s*javascript:/i.test(a.value), `${n.tagName} ${a.name}=${a.value}`).to.equal(false);
    }
  }
}

describe('<ml-chatbot> rendering', () => {
  it('is accessible, labels its log and shows the placeholder and examples when empty', async () => {
    const el = await chat();
    el.placeholder = '**Ask me** anything';
    el.examples = [{ text: 'Hello!' }, { text: 'Write code', display_text: 'Code please' }];
    await waitUntil(() => root(el).querySelector('.empty strong'), 'the placeholder was not rendered as markdown');
    expect(root(el).querySelector('[role=log]')!.getAttribute('aria-label')).to.equal('Chat');
    expect(root(el).querySelector('.empty strong')!.textContent).to.equal('Ask me');
    const buttons = [...root(el).querySelectorAll<HTMLButtonElement>('.examples button')].map((b) => b.textContent);
    expect(buttons).to.deep.equal(['Hello!', 'Code please']);
    const ev = oneEvent(el, 'ml-example_select') as Promise<MlComponentEvent>;
    root(el).querySelectorAll<HTMLButtonElement>('.examples button')[1]!.click();
    expect((await ev).data).to.deep.equal({ index: 1, value: { text: 'Write code', display_text: 'Code please' } });
    await expect(el).to.be.accessible();
  });

  it('renders user and assistant messages with bold text and a highlighted code block with a copy button', async () => {
    const el = await chat([
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'Hello **there**.\n\n```python\ndef f(x):\n    return x\n```\n' },
    ]);
    const [u, a] = bubbles(el);
    expect(u!.textContent!.trim()).to.equal('hi');
    expect(a!.querySelector('strong')!.textContent).to.equal('there');
    await waitUntil(() => a!.querySelector('pre code .hljs-keyword'), 'the code block was not highlighted');
    expect(a!.querySelector('pre code .hljs-keyword')!.textContent).to.equal('def');
    expect(a!.querySelector('pre button.copy-code')!.getAttribute('aria-label')).to.equal('Copy code');
    await expect(el).to.be.accessible();
  });

  it('accepts parts, OpenAI-style strings and old [user, bot] pairs', async () => {
    const el = await chat([
      { role: 'user', content: [{ type: 'text', text: 'part *one*' }] },
      ['pair user', 'pair **bot**'] as unknown as ChatMessage,
    ]);
    const texts = bubbles(el).map((b) => b.textContent!.trim());
    expect(texts).to.deep.equal(['part one', 'pair user', 'pair bot']);
    expect(bubbles(el)[0]!.querySelector('em')!.textContent).to.equal('one');
  });

  it('neutralises script in replies: onerror, javascript: links, <script>, <iframe srcdoc>, SVG, MathML, forms', async () => {
    window.__pwned = undefined;
    const el = await chat([{ role: 'assistant', content: PAYLOADS }]);
    await new Promise((r) => setTimeout(r, 300)); // let image errors and toggles fire if any handler survived
    assertHarmless(el);
    const text = bubbles(el)[0]!.textContent!;
    expect(text).to.contain('click me');
    expect(text).to.contain('link');
    // the neutralised links are still visible text without a dangerous href
    const links = [...bubbles(el)[0]!.querySelectorAll('a')];
    expect(links.length).to.be.greaterThan(0);
    for (const a of links) expect(a.getAttribute('href') ?? '').not.to.match(/javascript/i);
  });

  it('stays harmless at every step of a streamed reply that carries the payloads', async () => {
    window.__pwned = undefined;
    const el = await chat();
    await stream(el, [], PAYLOADS, 5);
    await rendered(el);
    await new Promise((r) => setTimeout(r, 300));
    assertHarmless(el);
  });

  it('re-renders only the growing tail: finished blocks keep their DOM nodes while the reply streams', async () => {
    const el = await chat();
    const reply = Array.from({ length: 12 }, (_, i) => `Paragraph ${i} with **bold** words and more words.`).join('\n\n');
    const half = Math.floor(reply.length / 2);
    await stream(el, [{ role: 'user', content: 'go' }], reply.slice(0, half), 9);
    const firstP = bubbles(el)[1]!.querySelector('p')!;
    expect(firstP.textContent).to.equal('Paragraph 0 with bold words and more words.');
    await stream(el, [{ role: 'user', content: 'go' }], reply, 9, half);
    const ps = bubbles(el)[1]!.querySelectorAll('p');
    expect(ps.length).to.equal(12);
    expect(ps[0], 'the first paragraph was rebuilt').to.equal(firstP);
    expect(ps[11]!.textContent).to.equal('Paragraph 11 with bold words and more words.');
  });

  it('renders at most once per frame however many values arrive', async () => {
    const el = await chat();
    let mutations = 0;
    const mo = new MutationObserver((records) => (mutations += records.length ? 1 : 0));
    mo.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true });
    for (let i = 1; i <= 200; i++) el.value = [{ role: 'assistant', content: 'word '.repeat(i) }];
    await el.updateComplete;
    await frame();
    mo.disconnect();
    expect(bubbles(el)[0]!.textContent!.trim()).to.equal('word '.repeat(200).trim());
    // one render for 200 updates: the observer sees one batch
    expect(mutations).to.be.lessThanOrEqual(2);
  });

  it('shows thoughts as collapsible panels, nested by parent_id, with status and duration', async () => {
    const el = await chat([
      { role: 'user', content: 'plan' },
      { role: 'assistant', content: 'Looking things up', metadata: { title: 'Using a tool', id: 1, status: 'pending' } },
      { role: 'assistant', content: 'inner step', metadata: { title: 'Sub-step', id: 2, parent_id: 1, status: 'done', duration: 1.25 } },
      { role: 'assistant', content: 'The answer.' },
    ]);
    const panels = root(el).querySelectorAll('details.thought');
    expect(panels.length).to.equal(2);
    const outer = panels[0] as HTMLDetailsElement;
    expect(outer.open).to.equal(true);
    expect(outer.querySelector('summary')!.textContent).to.contain('Using a tool');
    expect(outer.querySelector('.spinner')).to.exist;
    const inner = outer.querySelector('details.thought') as HTMLDetailsElement;
    expect(inner, 'the sub-step is nested in its parent').to.exist;
    expect(inner.open).to.equal(false);
    expect(inner.querySelector('summary')!.textContent).to.contain('1.3s');
    expect(bubbles(el).map((b) => b.textContent!.trim()).at(-1)).to.equal('The answer.');
  });

  it('typesets LaTeX between $$ and \\( \\) as MathML once the formula is complete, and leaves prices alone', async () => {
    const el = await chat();
    const src = 'The ratio $$\\frac{a}{b}$$ and inline \\(x^2\\) cost $5 or $6.';
    // while the formula is still streaming, its source shows as text
    el.value = [{ role: 'assistant', content: src.slice(0, 18) }];
    await el.updateComplete;
    expect(bubbles(el)[0]!.querySelector('math')).to.equal(null);
    el.value = [{ role: 'assistant', content: src }];
    await waitUntil(() => bubbles(el)[0]!.querySelectorAll('math').length === 2, 'the formulas were not typeset', { timeout: 10000 });
    const [display, inline] = bubbles(el)[0]!.querySelectorAll('math');
    expect(display!.getAttribute('display')).to.equal('block');
    expect(display!.querySelector('mfrac')).to.exist;
    expect(inline!.querySelector('msup')).to.exist;
    expect(bubbles(el)[0]!.textContent).to.contain('cost $5 or $6.');
    await expect(el).to.be.accessible();
  });

  it('LaTeX cannot carry links or script', async () => {
    window.__pwned = undefined;
    const el = await chat([{ role: 'assistant', content: 'x $$\\href{javascript:(window.__pwned||=[]).push(1)}{click}\\url{javascript:alert(1)}$$ y' }]);
    await waitUntil(() => bubbles(el)[0]!.querySelector('math'), 'not typeset', { timeout: 10000 });
    for (const n of bubbles(el)[0]!.querySelectorAll('*')) {
      for (const a of n.attributes) expect(/javascript:/i.test(a.value), `${n.tagName} ${a.name}`).to.equal(false);
    }
    expect(bubbles(el)[0]!.querySelector('a')).to.equal(null);
    expect(window.__pwned).to.equal(undefined);
  });

  it('shows images, audio and other files inline', async () => {
    const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
    const el = await chat([
      { role: 'user', content: [{ type: 'file', file: { path: 'a.png', url: png, mime_type: 'image/png', orig_name: 'a.png' } as never }] },
      { role: 'assistant', content: { file: { path: 'x/song.mp3', url: 'https://example.invalid/song.mp3' } as never } },
      { role: 'assistant', content: [{ type: 'file', file: { path: 'r.pdf', url: 'javascript:alert(1)', orig_name: 'r.pdf' } as never }] },
    ]);
    const [a, b, c] = bubbles(el);
    expect(a!.querySelector('img')!.getAttribute('src')).to.equal(png);
    expect(b!.querySelector('audio')).to.exist;
    expect(c!.querySelector('a'), 'a javascript: file URL is not a link').to.equal(null);
    expect(c!.textContent).to.contain('r.pdf');
  });

  it('shows avatars once per group of messages, and option buttons that fire ml-option_select', async () => {
    const dot = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
    const el = await chat([
      { role: 'user', content: 'pick one' },
      { role: 'assistant', content: 'first part' },
      { role: 'assistant', content: 'Which?', options: [{ value: 'a', label: 'Option A' }, { value: 'b' }] },
    ]);
    el.avatarImages = [null, { path: 'bot.png', url: dot } as never];
    await el.updateComplete;
    const avatars = [...root(el).querySelectorAll<HTMLImageElement>('img.avatar')];
    expect(avatars.length, 'one avatar for the two consecutive assistant messages').to.equal(1);
    expect(avatars[0]!.getAttribute('src')).to.equal(dot);
    const options = [...root(el).querySelectorAll<HTMLButtonElement>('.options button')];
    expect(options.map((b) => b.textContent)).to.deep.equal(['Option A', 'b']);
    const chosen = oneEvent(el, 'ml-option_select') as Promise<MlComponentEvent>;
    options[1]!.click();
    expect((await chosen).data).to.deep.equal({ index: 1, value: 'b' });
  });

  it('offers like, retry and undo when the app listens, and fires them with Gradio event data', async () => {
    const el = await chat([
      { role: 'user', content: 'q' },
      { role: 'assistant', content: 'a1' },
    ]);
    expect(root(el).querySelector('[aria-label="Like"]')).to.equal(null);
    el.addEventListener('ml-like', () => {});
    el.addEventListener('ml-retry', () => {});
    el.addEventListener('ml-undo', () => {});
    await el.updateComplete;
    const like = oneEvent(el, 'ml-like') as Promise<MlComponentEvent>;
    root(el).querySelector<HTMLButtonElement>('[aria-label="Like"]')!.click();
    expect((await like).data).to.deep.equal({ index: 1, value: 'a1', liked: true });
    await el.updateComplete;
    expect(root(el).querySelector('[aria-label="Like"]')!.getAttribute('aria-pressed')).to.equal('true');
    const dislike = oneEvent(el, 'ml-like') as Promise<MlComponentEvent>;
    root(el).querySelector<HTMLButtonElement>('[aria-label="Dislike"]')!.click();
    expect((await dislike).data).to.deep.equal({ index: 1, value: 'a1', liked: false });
    const retry = oneEvent(el, 'ml-retry') as Promise<MlComponentEvent>;
    root(el).querySelector<HTMLButtonElement>('[aria-label="Retry"]')!.click();
    expect((await retry).data).to.deep.equal({ index: 1, value: 'a1' });
    const undo = oneEvent(el, 'ml-undo') as Promise<MlComponentEvent>;
    root(el).querySelector<HTMLButtonElement>('[aria-label="Undo"]')!.click();
    expect((await undo).data).to.deep.equal({ index: 1, value: 'a1' });
  });

  it('edits a user message by keyboard and fires ml-edit with the new and previous text', async () => {
    const el = await chat([
      { role: 'user', content: 'helo' },
      { role: 'assistant', content: 'hi' },
    ]);
    el.editable = 'user';
    el.addEventListener('ml-edit', () => {});
    await el.updateComplete;
    root(el).querySelector<HTMLButtonElement>('[aria-label="Edit message"]')!.click();
    await el.updateComplete;
    const ta = root(el).querySelector<HTMLTextAreaElement>('.edit textarea')!;
    ta.focus();
    ta.setSelectionRange(2, 2);
    const edit = oneEvent(el, 'ml-edit') as Promise<MlComponentEvent>;
    await sendKeys({ type: 'l' });
    await sendKeys({ press: 'Enter' });
    expect((await edit).data).to.deep.equal({ index: 0, value: 'hello', previous_value: 'helo' });
  });

  it('sticks to the bottom while streaming, lets go when the user scrolls up, and never scrolls the page', async () => {
    const spacer = document.createElement('div');
    spacer.style.height = '3000px';
    document.body.prepend(spacer);
    try {
      const history: ChatMessage[] = Array.from({ length: 20 }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: `message ${i}` }) as ChatMessage);
      const el = await chat(history);
      window.scrollTo(0, 1000);
      const pageTop = window.scrollY;
      const log = root(el).querySelector<HTMLElement>('[part=log]')!;
      await stream(el, history, 'A long streamed reply. '.repeat(40), 40);
      await frame();
      expect(log.scrollHeight - log.scrollTop - log.clientHeight).to.be.lessThan(30);
      expect(window.scrollY, 'the page scrolled').to.equal(pageTop);
      // the user scrolls up: new tokens no longer move the view, and a jump button appears
      log.scrollTop = 0;
      log.dispatchEvent(new Event('scroll'));
      await frame();
      await stream(el, history, 'A long streamed reply. '.repeat(60), 200);
      await frame();
      expect(log.scrollTop).to.equal(0);
      const jump = root(el).querySelector<HTMLButtonElement>('[part=jump]')!;
      expect(jump.textContent).to.contain('Jump to latest');
      jump.click();
      await waitUntil(() => log.scrollHeight - log.scrollTop - log.clientHeight < 30, 'did not jump to the latest message');
      expect(window.scrollY, 'the page scrolled').to.equal(pageTop);
    } finally {
      spacer.remove();
      window.scrollTo(0, 0);
    }
  });

  it('announces a finished reply once in a polite live region', async () => {
    const el = await chat([{ role: 'user', content: 'q' }]);
    await stream(el, [{ role: 'user', content: 'q' }], 'The final **answer** is 42.', 4);
    const live = root(el).querySelector('[aria-live=polite]')!;
    await waitUntil(() => live.textContent!.includes('42'), 'the reply was not announced', { timeout: 3000 });
    expect(live.textContent!.trim()).to.equal('The final answer is 42.');
  });
});
