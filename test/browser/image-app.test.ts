// <ml-image> inside <ml-app src=".../image/"> against the real demo server: pick or drop a PNG, invert it,
// see the result really inverted, download it; too-large files and failed uploads are reported in place.
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { ContextProvider } from '@lit/context';
import '../../components/app/app.js';
import '../../components/image/image.js';
import { appContext } from '../../components/base/context.js';
import { connect } from '../../src/client/index.js';
import type { MlImage } from '../../components/image/image.js';
import type { MlErrorEvent } from '../../components/base/events.js';
import type { FileData } from '../../src/protocol/index.js';
import { ORIGIN, chooseFiles, click, deepAll, drop, part, pixel, twoColourPng } from './helpers.js';

async function mountApp(): Promise<{ app: HTMLElement; input: MlImage; result: MlImage }> {
  const app = document.createElement('ml-app');
  app.setAttribute('src', `${ORIGIN}/image/`);
  const rendered = oneEvent(app, 'ml-render');
  document.body.append(app);
  await rendered;
  const images = () => deepAll<MlImage>(app, 'ml-image');
  await waitUntil(() => images().length === 2, 'the app did not render two images');
  const input = images().find((i) => i.label === 'Image')!;
  const result = images().find((i) => i.label === 'Result')!;
  expect(input, 'input image').to.exist;
  expect(result, 'result image').to.exist;
  await input.updateComplete;
  return { app, input, result };
}

/** Picks "invert", presses Submit and waits for the result image, which it returns. */
async function invertAndSubmit(app: HTMLElement, result: MlImage): Promise<HTMLImageElement> {
  const invert = deepAll<HTMLInputElement>(app, 'input[type=radio]').find((r) => r.closest('label')?.textContent?.trim() === 'invert')!;
  await click(invert);
  const submit = deepAll<HTMLButtonElement>(app, 'button').find((b) => b.textContent!.trim() === 'Submit')!;
  await click(submit);
  await waitUntil(() => ((part(result, 'image') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0, 'no result image', { timeout: 15_000 });
  return part(result, 'image') as HTMLImageElement;
}

async function invertAndCheck(app: HTMLElement, input: MlImage, result: MlImage): Promise<void> {
  expect((input.value as FileData).path).to.be.a('string');
  expect((input.value as FileData).orig_name).to.equal('halves.png');
  const img = await invertAndSubmit(app, result);
  expect(img.naturalWidth).to.equal(20);
  expect(img.src.startsWith(ORIGIN)).to.equal(true);
  // red → cyan, blue → yellow: the server really inverted the pixels.
  expect(await pixel(img.src, 2, 5)).to.deep.equal([0, 255, 255]);
  expect(await pixel(img.src, 15, 5)).to.deep.equal([255, 255, 0]);
  const link = part(result, 'download-button') as HTMLAnchorElement;
  expect(link.href).to.equal(img.src);
  expect(link.hasAttribute('download')).to.equal(true);
  const res = await fetch(link.href);
  expect(res.ok).to.equal(true);
  expect(res.headers.get('content-type')).to.match(/^image\/png/);
}

describe('<ml-image> in <ml-app src=".../image/">', () => {
  afterEach(() => document.querySelectorAll('ml-app, .ctx-host').forEach((e) => e.remove()));

  it('a PNG picked with the file chooser is uploaded; invert + Submit shows the inverted image, downloadable', async () => {
    const { app, input, result } = await mountApp();
    const uploaded = oneEvent(input, 'ml-upload');
    const changed = oneEvent(input, 'change');
    await chooseFiles('ml-app >>> [part~="upload-button"]', [await twoColourPng()]);
    await uploaded;
    await changed;
    await invertAndCheck(app, input, result);
  });

  it('Submit pressed while the image is still uploading waits for the upload and shows the inverted image', async () => {
    const { app, input, result } = await mountApp();
    const png = await twoColourPng();
    // Padding after the PNG's end keeps the upload running while the user presses Submit.
    drop(part(input, 'dropzone')!, [new File([png, new Uint8Array(6 * 1024 * 1024)], 'halves.png', { type: 'image/png' })]);
    await input.updateComplete;
    expect(part(input, 'progress'), 'still uploading').to.exist;
    const img = await invertAndSubmit(app, result);
    expect(await pixel(img.src, 2, 5)).to.deep.equal([0, 255, 255]);
  });

  it('a dropped PNG is uploaded; invert + Submit shows the inverted image', async () => {
    const { app, input, result } = await mountApp();
    const uploaded = oneEvent(input, 'ml-upload');
    drop(part(input, 'dropzone')!, [await twoColourPng()]);
    await uploaded;
    // The uploaded file is shown from the local copy, not fetched back.
    expect((part(input, 'image') as HTMLImageElement).src).to.match(/^blob:/);
    await invertAndCheck(app, input, result);
  });

  it("a file over the app's max_file_size is refused in place with ml-error file_too_large; the app keeps working", async () => {
    const { app, input, result } = await mountApp();
    const failed = oneEvent(input, 'ml-error') as Promise<MlErrorEvent>;
    drop(part(input, 'dropzone')!, [new File([new Uint8Array(11 * 1024 * 1024)], 'huge.png', { type: 'image/png' })]);
    expect((await failed).code).to.equal('file_too_large');
    await input.updateComplete;
    expect(part(input, 'error')!.textContent).to.contain('huge.png is 11 MB; the limit is 10 MB.');
    expect(input.value).to.equal(null);
    const uploaded = oneEvent(input, 'ml-upload');
    drop(part(input, 'dropzone')!, [await twoColourPng()]);
    await uploaded;
    expect(part(input, 'error')!.hidden).to.equal(true);
    await invertAndCheck(app, input, result);
  });

  /** An <ml-image> under a context holding a real client for the demo app (as <ml-app> provides it). */
  async function inContext(client: Awaited<ReturnType<typeof connect>>): Promise<MlImage> {
    const host = document.createElement('div');
    host.className = 'ctx-host';
    new ContextProvider(host, { context: appContext, initialValue: { client, config: client.config, root: client.root, maxFileSize: null } });
    const el = document.createElement('ml-image');
    el.label = 'Photo';
    host.append(el);
    document.body.append(host);
    await el.updateComplete;
    return el;
  }

  it('a file the server refuses (413 over its limit) shows a message and fires ml-error file_too_large', async () => {
    const client = await connect(`${ORIGIN}/image/`);
    const el = await inContext(client); // no client-side limit here, so the server's answer is what counts
    const failed = oneEvent(el, 'ml-error') as Promise<MlErrorEvent>;
    drop(part(el, 'dropzone')!, [new File([new Uint8Array(11 * 1024 * 1024)], 'huge.png', { type: 'image/png' })]);
    expect((await failed).code).to.equal('file_too_large');
    await el.updateComplete;
    expect(part(el, 'error')!.textContent).to.match(/^The server refused the file as too large/);
    expect(el.value).to.equal(null);
    client.close();
  });

  it('an upload that cannot reach the server shows a message and fires ml-error upload_failed; retrying works', async () => {
    let offline = true;
    // The client's own `fetch` option: while "offline", uploads go to a closed port.
    const client = await connect(`${ORIGIN}/image/`, {
      fetch: (url, init) => fetch(offline && String(url).includes('/upload') ? 'http://127.0.0.1:9/upload' : url, init),
    });
    const el = await inContext(client);
    const failed = oneEvent(el, 'ml-error') as Promise<MlErrorEvent>;
    drop(part(el, 'dropzone')!, [await twoColourPng()]);
    expect((await failed).code).to.equal('upload_failed');
    await el.updateComplete;
    expect(part(el, 'error')!.textContent).to.match(/^Upload failed: /);
    expect(el.value).to.equal(null);
    offline = false;
    const uploaded = oneEvent(el, 'ml-upload');
    drop(part(el, 'dropzone')!, [await twoColourPng()]);
    await uploaded;
    expect((el.value as FileData).path).to.be.a('string');
    expect(part(el, 'error')!.hidden).to.equal(true);
    client.close();
  });

  it('shows upload progress while a large file uploads, and the choose button waits meanwhile', async () => {
    const client = await connect(`${ORIGIN}/image/`);
    const el = await inContext(client);
    const uploaded = oneEvent(el, 'ml-upload');
    const png = await twoColourPng();
    drop(part(el, 'dropzone')!, [new File([png, new Uint8Array(6 * 1024 * 1024)], 'large.png', { type: 'image/png' })]);
    await el.updateComplete;
    const bar = part(el, 'progress')!;
    expect(bar, 'progress shown').to.exist;
    expect(bar.textContent).to.match(/Uploading/);
    expect(bar.querySelector('progress')!.getAttribute('aria-label')).to.equal('Uploading');
    expect((part(el, 'upload-button') as HTMLButtonElement).disabled).to.equal(true);
    await uploaded;
    await el.updateComplete;
    expect(part(el, 'progress')).to.equal(null);
    expect((el.value as FileData).size).to.equal(png.size + 6 * 1024 * 1024);
    client.close();
  });

  it('uploadComplete resolves with the value set; a newer drop cancels the older upload silently', async () => {
    const client = await connect(`${ORIGIN}/image/`);
    const el = await inContext(client);
    const errors: string[] = [];
    const uploads: unknown[] = [];
    el.addEventListener('ml-error', (e) => errors.push(e.code));
    el.addEventListener('ml-upload', (e) => uploads.push(e.data));
    const png = await twoColourPng();
    drop(part(el, 'dropzone')!, [new File([png, new Uint8Array(8 * 1024 * 1024)], 'slow.png', { type: 'image/png' })]);
    drop(part(el, 'base')!, [new File([png], 'fast.png', { type: 'image/png' })]);
    await el.uploadComplete;
    expect((el.value as FileData).orig_name).to.equal('fast.png');
    expect(uploads).to.have.length(1);
    expect(errors).to.deep.equal([]);
    expect(part(el, 'progress')).to.equal(null);
    client.close();
  });
});
