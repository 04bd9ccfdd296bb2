// <ml-chatbot> when a reply fails halfway: the demo /chat/ app streams a few words of a reply to a message with
// the word "fail", then throws an AppError. Alone and inside <ml-app>, the user sees what arrived and why it
// stopped, and can go on chatting.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/chatbot/chatbot.js';
import '../../components/app/app.js';
import type { MlChatbot } from '../../components/chatbot/chatbot.js';
import type { MlErrorEvent } from '../../components/base/events.js';
import { ORIGIN, deepAll } from './app-helpers.js';
import { settled } from './helpers.js';

const chatSrc = `${ORIGIN}/chat/`;
const FAILED = 'The model stopped in the middle of its reply.';
const DONE = 'from a TypeScript server.';

const deep = (root: ParentNode, selector: string) => deepAll(root, selector)[0] ?? null;
const bubbles = (chat: MlChatbot) => deepAll(chat.shadowRoot!, '.bubble[data-index]');
const replies = (chat: MlChatbot) => bubbles(chat).filter((b) => b.getAttribute('part')?.includes('assistant'));
const textOf = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();


/** Types into a message box the way a user does and presses Enter. */
async function send(box: HTMLElement, text: string): Promise<void> {
  await waitUntil(() => !box.hasAttribute('disabled'), 'the message box stays disabled');
  box.focus();
  await sendKeys({ type: text });
  await sendKeys({ press: 'Enter' });
}

describe('<ml-chatbot src> alone, a reply that fails halfway', () => {
  it('keeps the words that arrived, shows why it stopped in the conversation, fires ml-error app_error; Retry and a new message work', async () => {
    const el = await fixture<MlChatbot>(html`<ml-chatbot src=${chatSrc} api-name="/chat"></ml-chatbot>`);
    const errors: MlErrorEvent[] = [];
    el.addEventListener('ml-error', (e) => errors.push(e));
    const box = await waitUntil(() => deep(el.shadowRoot!, 'textarea[part=input]'), 'no message box').then(() => deep(el.shadowRoot!, 'textarea[part=input]')!);
    await send(box, 'please fail');

    const alert = await waitUntil(() => deep(el.shadowRoot!, '[part=error][role=alert]'), 'no error in the conversation', { timeout: 10000 })
      .then(() => deep(el.shadowRoot!, '[part=error][role=alert]')!);
    expect(textOf(alert)).to.include(FAILED);
    // The notice sits in the conversation log, under the messages.
    expect(alert.closest('[role=log]')).to.exist;
    expect(errors.map((e) => [e.code, e.message])).to.deep.equal([['app_error', FAILED]]);

    // What streamed before the failure stays on screen; the rest never arrived.
    expect(bubbles(el).map(textOf)[0]).to.equal('please fail');
    const partial = textOf(replies(el).at(-1));
    expect(partial).to.match(/^You said please fail/);
    expect(partial).not.to.include(DONE);
    expect(el.messages.map((m) => m.role)).to.deep.equal(['user', 'assistant']);
    // Not stuck: the send button is back.
    await waitUntil(() => deep(el.shadowRoot!, '[part=submit]'), 'the send button did not come back');

    // Retry asks again (same message, so it fails again) without duplicating the conversation.
    const retry = [...alert.querySelectorAll('button')].find((b) => textOf(b) === 'Retry')!;
    retry.click();
    await waitUntil(() => errors.length === 2, 'Retry did not run the message again', { timeout: 10000 });
    await el.updateComplete;
    expect(bubbles(el).map(textOf)[0]).to.equal('please fail');
    expect(el.messages.map((m) => m.role)).to.deep.equal(['user', 'assistant']);
    expect(textOf(deep(el.shadowRoot!, '[part=error]'))).to.include(FAILED);

    // A new message gets a whole reply, and the error notice goes away.
    await send(box, 'hello');
    await waitUntil(() => textOf(replies(el).at(-1)).includes(DONE), 'the next reply did not finish', { timeout: 15000 });
    expect(deep(el.shadowRoot!, '[part=error]'), 'the error notice is gone').to.equal(null);
    expect(replies(el).at(-1)!.querySelector('strong')!.textContent).to.equal('hello');
    expect(el.messages.map((m) => m.role)).to.deep.equal(['user', 'assistant', 'user', 'assistant']);
    expect(errors).to.have.length(2);
  });
});

describe('<ml-chatbot> inside <ml-app>, a reply that fails halfway', () => {
  it('keeps the words that arrived, shows the error inside the app, fires ml-error app_error; the next message works', async () => {
    const app = await fixture<HTMLElement>(html`<ml-app src=${chatSrc}></ml-app>`);
    const errors: MlErrorEvent[] = [];
    app.addEventListener('ml-error', (e) => errors.push(e as MlErrorEvent));
    const field = 'textarea, input:not([type=file]):not([type=checkbox]):not([type=hidden])';
    await waitUntil(() => deep(app.shadowRoot!, 'ml-chatbot') && deep(app.shadowRoot!, field), 'the ChatInterface layout did not render', { timeout: 15000 });
    const chat = deep(app.shadowRoot!, 'ml-chatbot') as MlChatbot;
    const box = deep(app.shadowRoot!, field)!;
    await send(box, 'please fail');

    await waitUntil(() => errors.length, 'no ml-error', { timeout: 10000 });
    expect(errors.map((e) => [e.code, e.message])).to.deep.equal([['app_error', FAILED]]);
    const toast = await waitUntil(() => app.shadowRoot!.querySelector('.toast.error'), 'no error toast').then(() => app.shadowRoot!.querySelector('.toast.error')!);
    expect(toast.getAttribute('role')).to.equal('alert');
    expect(textOf(toast)).to.include(FAILED);
    expect(textOf(toast)).to.include('Reply failed');

    // The conversation shows the message and the words that arrived, and no more.
    const partial = await settled(() => textOf(replies(chat).at(-1)));
    expect(bubbles(chat).map(textOf)[0]).to.equal('please fail');
    expect(partial).to.match(/^You said please fail/);
    expect(partial).not.to.include(DONE);

    await send(box, 'hello');
    await waitUntil(() => textOf(replies(chat).at(-1)).includes(DONE), 'the next reply did not finish', { timeout: 15000 });
    expect(replies(chat).at(-1)!.querySelector('strong')!.textContent).to.equal('hello');
    expect(bubbles(chat).map(textOf).filter((t) => t === 'hello')).to.have.length(1);
    expect(errors).to.have.length(1);
  });
});
