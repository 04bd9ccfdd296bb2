// <ml-chatbot> against the demo chat app on another origin: alone (src + api-name) and inside <ml-app>.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/chatbot/chatbot.js';
import type { MlChatbot, ChatMessage } from '../../components/chatbot/chatbot.js';
import type { MlComponentEvent, MlErrorEvent } from '../../components/base/events.js';
import { settled } from './helpers.js';

declare const describe: (name: string, fn: () => void) => void;
declare const it: (name: string, fn: () => Promise<void> | void) => void;
declare global {
  interface Window {
    ML_APP_ORIGIN: string;
  }
}

const origin = window.ML_APP_ORIGIN;
const chatSrc = `${origin}/chat/`;

/** Every element matching `selector` in `root` and in the shadow roots below it. */
function deepAll(root: ParentNode, selector: string): HTMLElement[] {
  const out: HTMLElement[] = [...root.querySelectorAll<HTMLElement>(selector)];
  for (const el of root.querySelectorAll('*')) if (el.shadowRoot) out.push(...deepAll(el.shadowRoot, selector));
  return out;
}
const deep = (root: ParentNode, selector: string) => deepAll(root, selector)[0] ?? null;

const bubbles = (root: ParentNode) => deepAll(root, '.bubble[data-index]');
const lastReply = (root: ParentNode) => bubbles(root).filter((b) => b.getAttribute('part')?.includes('assistant')).at(-1) ?? null;

/** Records each distinct text the last reply shows, frame by frame, until `done` says stop. */
function watchReply(root: ParentNode): { steps: string[]; stop: () => void } {
  const steps: string[] = [];
  let on = true;
  const tick = () => {
    const t = lastReply(root)?.textContent?.trim() ?? '';
    if (t && t !== steps.at(-1)) steps.push(t);
    if (on) requestAnimationFrame(tick);
  };
  tick();
  return { steps, stop: () => (on = false) };
}

async function typeAndSend(root: ParentNode, text: string): Promise<void> {
  const box = await waitUntil(() => deep(root, 'textarea[part=input]'), 'no message box').then(() => deep(root, 'textarea[part=input]')!);
  await waitUntil(() => !box.hasAttribute('disabled'), 'the message box stays disabled');
  box.focus();
  await sendKeys({ type: text });
  await sendKeys({ press: 'Enter' });
}


describe('<ml-chatbot src> alone', () => {
  it('typing hello and Enter shows the message, then the reply growing in steps with bold and highlighted code', async () => {
    const el = await fixture<MlChatbot>(html`<ml-chatbot src=${chatSrc} api-name="/chat"></ml-chatbot>`);
    const messages: ChatMessage[] = [];
    el.addEventListener('ml-message', (e) => messages.push((e as MlComponentEvent).data as ChatMessage));
    const watch = watchReply(el.shadowRoot!);
    await typeAndSend(el.shadowRoot!, 'hello');
    await waitUntil(() => bubbles(el.shadowRoot!)[0]?.textContent?.trim() === 'hello', 'the user message did not appear');
    await waitUntil(() => lastReply(el.shadowRoot!)?.textContent?.includes('from a TypeScript server.'), 'the reply did not finish', { timeout: 15000 });
    watch.stop();
    expect(watch.steps.length, `visible steps: ${watch.steps.length}`).to.be.greaterThanOrEqual(3);
    for (let i = 1; i < watch.steps.length; i++) expect(watch.steps[i]!.length).to.be.greaterThan(watch.steps[i - 1]!.length - 5);
    const reply = lastReply(el.shadowRoot!)!;
    expect(reply.querySelector('strong')!.textContent).to.equal('hello');
    // highlight.js arrives as its own chunk when the first code block needs it.
    await waitUntil(() => reply.querySelector('pre code.language-python .hljs-keyword'), 'the code block was not highlighted');
    expect(reply.querySelector('pre code.language-python .hljs-keyword')!.textContent).to.equal('def');
    await waitUntil(() => messages.length === 2, 'ml-message did not fire for both messages');
    expect(messages[0]).to.deep.equal({ role: 'user', content: 'hello' });
    expect(messages[1]!.role).to.equal('assistant');
    expect(el.messages.map((m) => m.role)).to.deep.equal(['user', 'assistant']);
    expect(el.messages[1]!.content).to.contain('```python');
    // the box is empty and usable again, and the second turn works too
    expect((deep(el.shadowRoot!, 'textarea[part=input]') as HTMLTextAreaElement).value).to.equal('');
    await typeAndSend(el.shadowRoot!, 'again');
    await waitUntil(
      () => bubbles(el.shadowRoot!).length === 4 && lastReply(el.shadowRoot!)?.querySelector('strong')?.textContent === 'again' && lastReply(el.shadowRoot!)!.textContent!.includes('from a TypeScript server.'),
      'second turn',
      { timeout: 15000 },
    );
    expect(el.messages.length).to.equal(4);
    await expect(el).to.be.accessible();
  });

  it('never scrolls the host page while a reply streams and finishes', async () => {
    const spacer = document.createElement('div');
    spacer.style.height = '4000px';
    try {
      const el = await fixture<MlChatbot>(html`<ml-chatbot src=${chatSrc}></ml-chatbot>`);
      el.after(spacer);
      await typeAndSend(el.shadowRoot!, 'scroll test');
      window.scrollTo(0, 2000);
      const y = window.scrollY;
      expect(y).to.be.greaterThan(1000);
      const seen = spacer.getBoundingClientRect().top;
      await waitUntil(() => el.messages.length === 2 && lastReply(el.shadowRoot!)?.textContent?.includes('from a TypeScript server.'), 'no reply', { timeout: 15000 });
      await el.updateComplete;
      await new Promise((r) => setTimeout(r, 200));
      // what the reader looks at has not moved
      expect(spacer.getBoundingClientRect().top).to.equal(seen);
      expect(window.scrollY).to.equal(y);
    } finally {
      spacer.remove();
      window.scrollTo(0, 0);
    }
  });

  it('Shift+Enter makes a new line instead of sending', async () => {
    const el = await fixture<MlChatbot>(html`<ml-chatbot src=${chatSrc}></ml-chatbot>`);
    const box = await waitUntil(() => deep(el.shadowRoot!, 'textarea[part=input]')).then(() => deep(el.shadowRoot!, 'textarea[part=input]') as HTMLTextAreaElement);
    box.focus();
    await sendKeys({ type: 'one' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'two' });
    expect(box.value).to.equal('one\ntwo');
    expect(bubbles(el.shadowRoot!).length).to.equal(0);
  });

  it('Stop ends a reply early, keeps what arrived, and the chat stays usable', async () => {
    const el = await fixture<MlChatbot>(html`<ml-chatbot src=${chatSrc} api-name="chat"></ml-chatbot>`);
    let errors = 0;
    el.addEventListener('ml-error', () => errors++);
    await typeAndSend(el.shadowRoot!, 'stop me');
    await waitUntil(() => (lastReply(el.shadowRoot!)?.textContent?.length ?? 0) > 10, 'no reply started', { timeout: 10000 });
    const stop = deep(el.shadowRoot!, '[part=stop]')!;
    expect(stop.getAttribute('aria-label')).to.equal('Stop');
    const stopped = oneEvent(el, 'ml-stop');
    stop.click();
    await stopped;
    const text = await settled(() => lastReply(el.shadowRoot!)?.textContent ?? '', 500);
    expect(text).not.to.contain('from a TypeScript server.');
    expect(text.length).to.be.greaterThan(0);
    expect(errors).to.equal(0);
    await waitUntil(() => deep(el.shadowRoot!, '[part=submit]'), 'the send button did not come back');
    await typeAndSend(el.shadowRoot!, 'next');
    await waitUntil(() => lastReply(el.shadowRoot!)?.textContent?.includes('from a TypeScript server.'), 'the chat is not usable after Stop', { timeout: 15000 });
    expect(el.messages.at(-2)).to.deep.equal({ role: 'user', content: 'next' });
  });

  it('Undo puts the last message back in the box; Retry asks again', async () => {
    const el = await fixture<MlChatbot>(html`<ml-chatbot src=${chatSrc}></ml-chatbot>`);
    const done = () => lastReply(el.shadowRoot!)?.textContent?.includes('from a TypeScript server.');
    await typeAndSend(el.shadowRoot!, 'first');
    await waitUntil(done, 'no reply', { timeout: 15000 });
    await waitUntil(() => deep(el.shadowRoot!, '[aria-label=Undo]'), 'no Undo button');
    deep(el.shadowRoot!, '[aria-label=Undo]')!.click();
    await el.updateComplete;
    expect(el.messages).to.deep.equal([]);
    const box = deep(el.shadowRoot!, 'textarea[part=input]') as HTMLTextAreaElement;
    await waitUntil(() => box.value === 'first', 'the message did not come back to the box');
    box.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.messages.length === 2 && done(), 'no reply after undo', { timeout: 15000 });
    const finished: ChatMessage[] = [];
    el.addEventListener('ml-message', (e) => finished.push((e as MlComponentEvent).data as ChatMessage));
    await waitUntil(() => deep(el.shadowRoot!, '[aria-label=Retry]'), 'no Retry button');
    deep(el.shadowRoot!, '[aria-label=Retry]')!.click();
    await waitUntil(() => finished.length === 2, 'retry did not produce a new reply', { timeout: 15000 });
    expect(el.messages.map((m) => m.role)).to.deep.equal(['user', 'assistant']);
    expect(el.messages[0]).to.deep.equal({ role: 'user', content: 'first' });
    expect(lastReply(el.shadowRoot!)!.querySelector('strong')!.textContent).to.equal('first');
  });

  it('restores a conversation through messages and empties it with clear()', async () => {
    const el = await fixture<MlChatbot>(html`<ml-chatbot src=${chatSrc}></ml-chatbot>`);
    el.messages = [
      { role: 'user', content: 'saved question' },
      { role: 'assistant', content: 'saved **answer**' },
    ];
    await el.updateComplete;
    expect(bubbles(el.shadowRoot!).map((b) => b.textContent!.trim())).to.deep.equal(['saved question', 'saved answer']);
    const cleared = oneEvent(el, 'ml-clear');
    el.clear();
    await cleared;
    await el.updateComplete;
    expect(bubbles(el.shadowRoot!).length).to.equal(0);
    expect(el.messages).to.deep.equal([]);
  });

  it('sends the conversation as history to an endpoint that takes a Chatbot, and shows the conversation it returns', async () => {
    const el = await fixture<MlChatbot>(html`<ml-chatbot src=${`${origin}/showcase/`} api-name="/echo"></ml-chatbot>`);
    await typeAndSend(el.shadowRoot!, 'hi');
    await waitUntil(() => lastReply(el.shadowRoot!)?.textContent?.includes('You said: hi'), 'no reply', { timeout: 10000 });
    expect(lastReply(el.shadowRoot!)!.querySelector('strong')!.textContent).to.equal('hi');
    await typeAndSend(el.shadowRoot!, 'again');
    await waitUntil(() => lastReply(el.shadowRoot!)?.textContent?.includes('You said: again'), 'no second reply', { timeout: 10000 });
    // the app answered with [...history, user, reply]: it saw the first turn, so history was sent
    const text = (c: ChatMessage['content']) => (typeof c === 'string' ? c : [c].flat().map((p) => (p as { text?: string }).text ?? '').join(''));
    expect(el.messages.map((m) => text(m.content))).to.deep.equal(['hi', 'You said: **hi**', 'again', 'You said: **again**']);
  });

  it('an endpoint that takes a number, not a message, is reported as not_chat_endpoint', async () => {
    const el = await fixture<MlChatbot>(html`<ml-chatbot api-name="/slow"></ml-chatbot>`);
    const err = oneEvent(el, 'ml-error') as Promise<MlErrorEvent>;
    el.src = `${origin}/progress/`;
    const e = await err;
    expect(e.code).to.equal('not_chat_endpoint');
    expect(e.message).to.contain('does not take a message');
  });

  it('an app that does not exist shows the error in the chat and fires ml-error not_found', async () => {
    const el = await fixture<MlChatbot>(html`<ml-chatbot></ml-chatbot>`);
    const err = oneEvent(el, 'ml-error') as Promise<MlErrorEvent>;
    el.src = `${origin}/no-such-app/`;
    const e = await err;
    expect(e.code).to.equal('not_found');
    await el.updateComplete;
    const alert = el.shadowRoot!.querySelector('[role=alert]')!;
    expect(alert.textContent).to.contain('no-such-app');
    expect(alert.querySelector('button')!.textContent).to.equal('Retry');
    // Retry tries again (and reports again, the app still being absent)
    const again = oneEvent(el, 'ml-error') as Promise<MlErrorEvent>;
    alert.querySelector('button')!.click();
    expect((await again).code).to.equal('not_found');
  });

  it('an endpoint that is not a chat endpoint is reported as not_chat_endpoint', async () => {
    const el = await fixture<MlChatbot>(html`<ml-chatbot api-name="/nope"></ml-chatbot>`);
    const err = oneEvent(el, 'ml-error') as Promise<MlErrorEvent>;
    el.src = chatSrc;
    const e = await err;
    expect(e.code).to.equal('not_chat_endpoint');
    expect(e.message).to.contain('/nope');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain('/chat');
  });

  it('an unreachable server shows a message in the conversation and fires ml-error network', async () => {
    // A server that closes every connection: connect fails with a network error, reported in the chat.
    const el = await fixture<MlChatbot>(html`<ml-chatbot></ml-chatbot>`);
    const err = oneEvent(el, 'ml-error') as Promise<MlErrorEvent>;
    el.src = 'http://127.0.0.1:9/chat/';
    const e = await err;
    expect(e.code).to.equal('network');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain('Could not connect');
  });
});

describe('<ml-chatbot> inside <ml-app>', () => {
  it('the ChatInterface layout streams a reply with bold and highlighted code; Stop ends one early', async () => {
    await import('../../components/app/app.js');
    const app = await fixture<HTMLElement>(html`<ml-app src=${chatSrc}></ml-app>`);
    const root = () => app.shadowRoot ?? app;
    const field = 'textarea, input:not([type=file]):not([type=checkbox]):not([type=hidden])';
    await waitUntil(() => deep(root(), 'ml-chatbot') && deep(root(), field), 'the ChatInterface layout did not render', { timeout: 15000 });
    const chatbot = deep(root(), 'ml-chatbot') as MlChatbot;
    const watch = watchReply(chatbot.shadowRoot!);
    const box = deep(root(), field) as HTMLInputElement;
    box.focus();
    await sendKeys({ type: 'hello' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => bubbles(chatbot.shadowRoot!)[0]?.textContent?.trim() === 'hello', 'the user message did not appear', { timeout: 10000 });
    await waitUntil(() => lastReply(chatbot.shadowRoot!)?.textContent?.includes('from a TypeScript server.'), 'the reply did not finish', { timeout: 15000 });
    watch.stop();
    expect(watch.steps.length).to.be.greaterThanOrEqual(3);
    const reply = lastReply(chatbot.shadowRoot!)!;
    expect(reply.querySelector('strong')!.textContent).to.equal('hello');
    await waitUntil(() => reply.querySelector('pre code .hljs-keyword'), 'the code block was not highlighted');
    expect(reply.querySelector('pre code .hljs-keyword')!.textContent).to.equal('def');

    // Stop: a second message, stopped after a few words; the conversation stays usable.
    box.focus();
    await sendKeys({ type: 'stop please' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => bubbles(chatbot.shadowRoot!).length >= 4 && (lastReply(chatbot.shadowRoot!)?.textContent?.length ?? 0) > 10, 'no second reply', { timeout: 10000 });
    const stop = await waitUntil(() => deepAll(root(), 'button').find((b) => /stop/i.test(b.getAttribute('aria-label') ?? b.textContent ?? '') && !b.closest('[hidden]')), 'no Stop button')
      .then(() => deepAll(root(), 'button').find((b) => /stop/i.test(b.getAttribute('aria-label') ?? b.textContent ?? ''))!);
    stop.click();
    const text = await settled(() => lastReply(chatbot.shadowRoot!)?.textContent ?? '', 600);
    expect(text).not.to.contain('from a TypeScript server.');
    box.focus();
    await sendKeys({ type: 'third' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => lastReply(chatbot.shadowRoot!)?.querySelector('strong')?.textContent === 'third' && lastReply(chatbot.shadowRoot!)!.textContent!.includes('from a TypeScript server.'), 'the chat is not usable after Stop', { timeout: 15000 });
  });
});
