// Share links: input values in the host page's URL fragment, one entry per embedded app.
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../components/app/app.js';
import { copyShareLink, readShare, shareKey, shareUrl } from '../../components/share/share.js';

declare const describe: (name: string, fn: () => void) => void;
declare const it: (name: string, fn: () => Promise<void> | void) => void;

const ORIGIN = (window as unknown as { ML_APP_ORIGIN: string }).ML_APP_ORIGIN;

function deepAll<T extends Element = HTMLElement>(root: Element, selector: string): T[] {
  const out: T[] = [];
  const walk = (node: ParentNode) => {
    out.push(...(node.querySelectorAll(selector) as NodeListOf<T>));
    for (const el of node.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
  };
  if (root.shadowRoot) walk(root.shadowRoot);
  return out;
}

async function click(el: Element): Promise<void> {
  el.scrollIntoView({ block: 'center' });
  const r = el.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)] });
}

async function mountHello(): Promise<HTMLElement> {
  const app = document.createElement('ml-app');
  app.id = 'greeter';
  app.setAttribute('src', `${ORIGIN}/hello/`);
  app.setAttribute('eager', '');
  const rendered = oneEvent(app, 'ml-render');
  document.body.append(app);
  await rendered;
  return app;
}

describe('share links', () => {
  it('round-trips values, keeps the page’s own #anchor and other apps’ entries', () => {
    const base = 'https://blog.example/post.html?x=1#comments';
    const one = shareUrl('hello', { 3: 'Ada Lovelace', 4: 3, 7: ['a', 'ü', '😀'] }, base);
    const two = shareUrl('chat', { 1: 'hi' }, one);
    const again = shareUrl('hello', { 3: 'Grace' }, two);
    const url = new URL(again);
    expect(url.search).to.equal('?x=1');
    expect(url.hash.startsWith('#comments&')).to.equal(true);
    expect(url.hash.match(/ml-hello=/g)).to.have.length(1);
    expect(readShare('hello', again)).to.deep.equal({ 3: 'Grace' });
    expect(readShare('chat', again)).to.deep.equal({ 1: 'hi' });
    expect(readShare('hello', one)).to.deep.equal({ 3: 'Ada Lovelace', 4: 3, 7: ['a', 'ü', '😀'] });
    expect(readShare('other', again)).to.equal(null);
  });

  it('leaves out what a link cannot carry: local files, uploads only the server knows, huge values', () => {
    const url = shareUrl('k', {
      keep: 'text',
      file: new File(['x'], 'x.txt'),
      uploaded: { path: '/tmp/x.png', meta: { _type: 'gradio.FileData' } },
      remote: { path: 'x.png', url: 'https://app.example/file=x.png', meta: { _type: 'gradio.FileData' } },
      huge: 'x'.repeat(5000),
    }, 'https://a.example/');
    expect(readShare('k', url)).to.deep.equal({ keep: 'text', remote: { path: 'x.png', url: 'https://app.example/file=x.png', meta: { _type: 'gradio.FileData' } } });
  });

  it('a damaged link restores nothing instead of failing', () => {
    expect(readShare('k', 'https://a.example/#ml-k=%%%not-base64')).to.equal(null);
    expect(readShare('k', 'https://a.example/#ml-k=WzEsMl0')).to.equal(null, 'an array is not a value map');
  });

  it('keys an app by its id, else by its src', () => {
    const a = document.createElement('div');
    expect(shareKey(a, 'https://x.example/hello/')).to.equal(shareKey(a, 'https://x.example/hello/'));
    expect(shareKey(a, 'https://x.example/hello/')).to.not.equal(shareKey(a, 'https://x.example/chat/'));
    a.id = 'my app';
    expect(shareKey(a, 'https://x.example/hello/')).to.equal('my_app');
  });

  it('copyShareLink puts the link in the address bar without reloading or adding history', async () => {
    const before = history.length;
    const start = location.href;
    const { url } = await copyShareLink('t', { 1: 'hello' });
    expect(location.href).to.equal(url);
    expect(history.length).to.equal(before);
    expect(readShare('t')).to.deep.equal({ 1: 'hello' });
    history.replaceState(history.state, '', start);
  });

  it('in <ml-app>: Copy link puts the typed name in the page address, and an app opened with it shows the name', async () => {
    const start = location.href;
    const first = await mountHello();
    const name = deepAll<HTMLElement & { label: string; value: string }>(first, 'ml-textbox').find((t) => t.label === 'Name')!;
    await click(name);
    await sendKeys({ type: 'Ada' });
    const copy = deepAll(first, 'footer button').find((b) => b.textContent!.trim() === 'Copy link')!;
    await click(copy);
    await waitUntil(() => Object.values(readShare('greeter') ?? {}).includes('Ada'), 'the link does not hold the name');
    await waitUntil(() => deepAll(first, '[part~=toast]').some((t) => /Link copied|address/.test(t.textContent!)), 'no confirmation');
    first.remove();

    const second = await mountHello();
    const restored = deepAll<HTMLElement & { label: string; value: string }>(second, 'ml-textbox').find((t) => t.label === 'Name')!;
    expect(restored.value).to.equal('Ada');
    second.remove();
    history.replaceState(history.state, '', start);
  });
});
