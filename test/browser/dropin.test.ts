// The built drop-in script (dist/ml-elements.js, run `npm run build` first) in a static page that references it by a
// relative path, served from the test runner's origin while the apps run on the demo server's origin.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ORIGIN, click, deepAll, drop } from './helpers.js';

/** The page's own window: its constructors make objects its elements recognise (instanceof works per window). */
interface PageWindow extends Window {
  warnings: string[];
  File: typeof File;
  FormData: typeof FormData;
}

let frame: HTMLIFrameElement;
let win: PageWindow;
let doc: Document;

const labelled = <T extends Element>(tag: string, label: string) => deepAll<T & { label: string | null }>(doc, tag).find((el) => el.label === label);

describe('dist/ml-elements.js in a static page on another origin', () => {
  before(async () => {
    frame = document.createElement('iframe');
    frame.style.cssText = 'width: 900px; height: 1400px; border: 0; display: block';
    const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
    frame.src = `/test/browser/dropin-page.html?apps=${encodeURIComponent(ORIGIN)}`;
    document.body.append(frame);
    await loaded;
    win = frame.contentWindow as PageWindow;
    doc = frame.contentDocument!;
    expect(new URL(frame.src).origin).to.not.equal(ORIGIN);
  });

  it('defines all three named elements from the one script', async () => {
    await waitUntil(() => ['ml-app', 'ml-chatbot', 'ml-image'].every((t) => win.customElements.get(t)), 'not all elements were defined', { timeout: 10_000 });
  });

  it('loads component code lazily, from chunks next to the script, and only what the page uses', async () => {
    await waitUntil(() => labelled('ml-textbox', 'Greeting'), 'the app did not render', { timeout: 15_000 });
    const scripts = win.performance.getEntriesByType('resource').map((e) => new URL(e.name)).filter((u) => u.pathname.endsWith('.js'));
    const chunks = scripts.filter((u) => u.pathname.startsWith('/dist/chunks/')).map((u) => u.pathname);
    expect(chunks.some((p) => /\/chunks\/textbox-/.test(p)), 'the textbox chunk').to.equal(true);
    expect(chunks.some((p) => /\/chunks\/(gallery|video|dataframe)-/.test(p)), 'chunks of components the page does not use').to.equal(false);
    expect(scripts.every((u) => u.origin === location.origin), 'every script comes from the page’s own server').to.equal(true);
  });

  it('the second copy of the script warns and the first stays in charge', () => {
    const marker = (win as unknown as Record<symbol, { url: string; version: string }>)[Symbol.for('ml-elements')];
    expect(marker.url).to.equal(new URL('/dist/ml-elements.js', location.href).href);
    expect(marker.version).to.match(/^\d+\.\d+\.\d+/);
    expect(win.warnings.filter((w) => w.includes('is already on this page and is kept'))).to.have.length(1);
  });

  it('<ml-app>: typing Ada and pressing Submit shows Hello, Ada! in Greeting', async () => {
    const name = await waitUntil(() => labelled('ml-textbox', 'Name'), 'no Name box', { timeout: 15_000 }).then(() => labelled('ml-textbox', 'Name')!);
    await click(name);
    await sendKeys({ type: 'Ada' });
    const submit = deepAll(doc, 'button').find((b) => b.textContent!.trim() === 'Submit')!;
    await click(submit);
    const greeting = labelled<HTMLElement & { value: string }>('ml-textbox', 'Greeting')!;
    await waitUntil(() => greeting.value === 'Hello, Ada!', 'no greeting', { timeout: 15_000 });
  });

  it('<ml-chatbot>: typing hello and pressing Enter streams a reply with bold text', async () => {
    const chat = doc.querySelector('ml-chatbot')!;
    const box = await waitUntil(() => deepAll(chat, 'textarea').length > 0, 'no message box').then(() => deepAll(chat, 'textarea')[0]);
    await click(box);
    await sendKeys({ type: 'hello' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => deepAll(chat, 'strong').some((s) => s.textContent === 'hello'), 'no reply with bold text', { timeout: 15_000 });
    await waitUntil(() => (chat.shadowRoot!.textContent ?? '').includes('word by word'), 'the reply did not finish', { timeout: 15_000 });
  });

  it('<ml-image> in a form: a dropped PNG is the form’s "photo" value', async () => {
    const form = doc.getElementById('photo-form') as HTMLFormElement;
    const image = doc.querySelector('ml-image')!;
    const c = doc.createElement('canvas');
    c.width = 8;
    c.height = 8;
    const blob = await new Promise<Blob>((r) => c.toBlob((b) => r(b!), 'image/png'));
    const file = new win.File([blob], 'dropped.png', { type: 'image/png' });
    drop(deepAll(image, '[part~="dropzone"], [part~="base"]')[0] ?? image, [file]);
    await waitUntil(() => new win.FormData(form).get('photo') instanceof win.File, 'the form has no photo');
    const photo = new win.FormData(form).get('photo') as File;
    expect(photo.name).to.equal('dropped.png');
    expect(photo.size).to.equal(blob.size);
  });
});

describe('dist/ml-chatbot.js and dist/ml-image.js alone', () => {
  it('define just their elements, and the chatbot talks to its app', async () => {
    const single = document.createElement('iframe');
    single.style.cssText = 'width: 800px; height: 600px; border: 0; display: block';
    frame.remove();
    const loaded = new Promise((r) => single.addEventListener('load', r, { once: true }));
    single.src = `/test/browser/dropin-single.html?apps=${encodeURIComponent(ORIGIN)}`;
    document.body.append(single);
    await loaded;
    const w = single.contentWindow!;
    await waitUntil(() => w.customElements.get('ml-chatbot') && w.customElements.get('ml-image'), 'not defined', { timeout: 10_000 });
    expect(w.customElements.get('ml-app'), 'no drop-in, no <ml-app>').to.equal(undefined);
    const chat = single.contentDocument!.querySelector('ml-chatbot')! as HTMLElement & { messages: unknown[] };
    const box = await waitUntil(() => deepAll(chat, 'textarea').length > 0, 'no message box').then(() => deepAll(chat, 'textarea')[0]);
    await click(box); // a real click, so keyboard focus moves into this frame
    await sendKeys({ type: 'hi' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => (chat.shadowRoot!.textContent ?? '').includes('word by word'), 'no reply', { timeout: 15_000 });
    expect(chat.messages).to.have.length(2);
    single.remove();
  });
});

