// <ml-image> alone and in a form: choosing, dropping, pasting, clearing, display, select, errors, accessibility.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../components/image/image.js';
import type { MlImage } from '../../components/image/image.js';
import type { MlComponentEvent, MlErrorEvent } from '../../components/base/events.js';
import { alertText, base64, chooseFiles, drop, part, pngFile, transfer } from './helpers.js';

const img = (el: Element) => part(el, 'image') as HTMLImageElement | null;
const loaded = (el: Element) => waitUntil(() => (img(el)?.naturalWidth ?? 0) > 0, 'the image did not load');

describe('<ml-image> alone', () => {
  it('is accessible when empty and names every control', async () => {
    const el = await fixture<MlImage>(html`<ml-image label="Photo"></ml-image>`);
    await expect(el).to.be.accessible();
    const group = el.shadowRoot!.querySelector('[role=group]')!;
    expect(el.shadowRoot!.getElementById(group.getAttribute('aria-labelledby')!)!.textContent).to.equal('Photo');
    expect(part(el, 'upload-button')!.textContent!.trim()).to.equal('Choose image');
    expect(part(el, 'webcam-button')!.textContent!.trim()).to.equal('Use webcam');
    expect(part(el, 'paste-button')!.textContent!.trim()).to.equal('Paste');
    expect(el.shadowRoot!.querySelector('input[type=file]')!.getAttribute('accept')).to.equal('image/*');
  });

  it('sources limits the ways in', async () => {
    const el = await fixture<MlImage>(html`<ml-image label="Photo" sources="upload"></ml-image>`);
    expect(part(el, 'upload-button')).to.exist;
    expect(part(el, 'webcam-button')).to.equal(null);
    expect(part(el, 'paste-button')).to.equal(null);
  });

  it('in a form, a PNG picked with the file chooser (keyboard) is shown and is the FormData entry', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><ml-image name="photo" label="Photo"></ml-image></form>`);
    const el = form.querySelector('ml-image')!;
    const file = await pngFile('pixel.png', 5, 4);
    const changed = oneEvent(el, 'change');
    const uploaded = oneEvent(el, 'ml-upload');
    el.focus(); // delegatesFocus: the first button, "Choose image"
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'upload-button'));
    await chooseFiles('ml-image >>> [part~="upload-button"]', [file], 'Enter');
    await changed;
    await uploaded;
    await loaded(el);
    expect(img(el)!.naturalWidth).to.equal(5);
    const entry = new FormData(form).get('photo');
    expect(entry).to.be.instanceOf(File);
    expect((entry as File).name).to.equal('pixel.png');
    expect(base64(await (entry as File).arrayBuffer())).to.equal(base64(await file.arrayBuffer()));
    expect(el.value).to.equal(entry);
    form.reset();
    await el.updateComplete;
    expect(new FormData(form).get('photo')).to.equal(null);
    expect(part(el, 'upload-button')).to.exist;
  });

  it('required: the form is invalid until an image is chosen; a disabled fieldset disables the input', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><fieldset><ml-image name="photo" label="Photo" required></ml-image></fieldset></form>`);
    const el = form.querySelector('ml-image')!;
    expect(form.checkValidity()).to.equal(false);
    drop(part(el, 'dropzone')!, [await pngFile()]);
    await waitUntil(() => form.checkValidity(), 'still invalid after choosing');
    form.querySelector('fieldset')!.disabled = true;
    await el.updateComplete;
    expect(part(el, 'clear-button')).to.equal(null);
    const before = el.value;
    drop(part(el, 'base')!, [await pngFile('other.png')]);
    await el.updateComplete;
    expect(el.value).to.equal(before);
  });

  it('a dropped PNG is shown; a pasted one replaces it and frees the old object URL; clear empties it', async () => {
    const el = await fixture<MlImage>(html`<ml-image label="Photo"></ml-image>`);
    const changed = oneEvent(el, 'change');
    drop(part(el, 'dropzone')!, [await pngFile('a.png', 6, 6)]);
    await changed;
    await loaded(el);
    const first = img(el)!.src;
    expect(first).to.match(/^blob:/);
    expect((el.value as File).name).to.equal('a.png');

    el.focus();
    const pasted = oneEvent(el, 'change');
    part(el, 'clear-button')!.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: transfer([await pngFile('b.png', 8, 2)]), bubbles: true, composed: true, cancelable: true }),
    );
    await pasted;
    await waitUntil(() => img(el)?.naturalWidth === 8);
    expect((el.value as File).name).to.equal('b.png');
    let revoked = false;
    await fetch(first).catch(() => (revoked = true));
    expect(revoked, 'old object URL revoked').to.equal(true);

    // Keyboard: Tab through the toolbar to "Clear image", press Enter.
    part(el, 'fullscreen-button')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.getAttribute('aria-label')).to.equal('Clear image');
    const cleared = oneEvent(el, 'ml-clear');
    const change = oneEvent(el, 'change');
    await sendKeys({ press: 'Enter' });
    await cleared;
    await change;
    expect(el.value).to.equal(null);
    expect(img(el)).to.equal(null);
  });

  it('removing the element frees its object URL; moving it shows the image again from a fresh one', async () => {
    const holder = await fixture<HTMLDivElement>(html`<div><ml-image label="Photo"></ml-image></div>`);
    const el = holder.querySelector('ml-image')!;
    drop(part(el, 'dropzone')!, [await pngFile('kept.png', 7, 7)]);
    await loaded(el);
    const first = img(el)!.src;
    el.remove();
    let revoked = false;
    await fetch(first).catch(() => (revoked = true));
    expect(revoked, 'revoked on disconnect').to.equal(true);
    holder.append(el);
    await el.updateComplete;
    await waitUntil(() => img(el)!.src !== first && img(el)!.naturalWidth === 7, 'not shown again after the move');
    expect(alertText(el)).to.equal('');
  });

  it('a file of the wrong type shows a message and fires ml-error file_type; it still works after', async () => {
    const el = await fixture<MlImage>(html`<ml-image label="Photo"></ml-image>`);
    const failed = oneEvent(el, 'ml-error') as Promise<MlErrorEvent>;
    drop(part(el, 'dropzone')!, [new File(['hello'], 'notes.txt', { type: 'text/plain' })]);
    const e = await failed;
    expect(e.code).to.equal('file_type');
    await el.updateComplete;
    expect(alertText(el)).to.contain('notes.txt is not an accepted type');
    expect(el.value).to.equal(null);
    drop(part(el, 'dropzone')!, [await pngFile()]);
    await loaded(el);
    expect(alertText(el)).to.equal('');
  });

  it('a file over max-file-size shows a message and fires ml-error file_too_large', async () => {
    const el = await fixture<MlImage>(html`<ml-image label="Photo" max-file-size="20"></ml-image>`);
    const failed = oneEvent(el, 'ml-error') as Promise<MlErrorEvent>;
    drop(part(el, 'dropzone')!, [await pngFile('big.png', 50, 50)]);
    expect((await failed).code).to.equal('file_too_large');
    await el.updateComplete;
    expect(alertText(el)).to.match(/big\.png is \d+ B; the limit is 20 B/);
    expect(el.value).to.equal(null);
  });

  it('as output it shows the image with a download link and fullscreen, no editing; a click reports pixel coordinates', async () => {
    const file = await pngFile('out.png', 40, 20, [0, 128, 255]);
    const url = URL.createObjectURL(file);
    const el = await fixture<MlImage>(html`<ml-image label="Result" .interactive=${false} .value=${url} width="400" height="200"></ml-image>`);
    await loaded(el);
    await expect(el).to.be.accessible();
    expect(part(el, 'clear-button')).to.equal(null);
    expect(part(el, 'upload-button')).to.equal(null);
    const link = part(el, 'download-button') as HTMLAnchorElement;
    expect(link.href).to.equal(url);
    expect(link.getAttribute('aria-label')).to.match(/^Download /);
    expect(link.hasAttribute('download')).to.equal(true);
    expect(part(el, 'fullscreen-button')!.getAttribute('aria-label')).to.equal('View fullscreen');
    expect(img(el)!.alt).to.equal('Result');

    // The 40×20 image is letterboxed into 400×200 at 10×; pixel (30, 5) sits at 305, 55 in the box.
    const r = img(el)!.getBoundingClientRect();
    const scale = Math.min(r.width / 40, r.height / 20);
    const left = r.left + (r.width - 40 * scale) / 2;
    const top = r.top + (r.height - 20 * scale) / 2;
    const selected = oneEvent(el, 'ml-select') as Promise<MlComponentEvent>;
    await sendMouse({ type: 'click', position: [Math.round(left + 30.5 * scale), Math.round(top + 5.5 * scale)] });
    expect((await selected).data).to.deep.equal({ index: [30, 5], value: null });
    URL.revokeObjectURL(url);
  });

  it('the fullscreen button enters and leaves fullscreen from the keyboard', async () => {
    const file = await pngFile('big.png', 30, 30);
    const el = await fixture<MlImage>(html`<ml-image label="Result" .interactive=${false} .value=${file}></ml-image>`);
    await loaded(el);
    const button = part(el, 'fullscreen-button')!;
    button.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => document.fullscreenElement === el, 'not fullscreen');
    // The label follows the fullscreenchange event, which may arrive a frame after fullscreenElement is set.
    await waitUntil(() => button.getAttribute('aria-label') === 'Exit fullscreen', 'label still says View fullscreen');
    expect(el.shadowRoot!.fullscreenElement).to.equal(part(el, 'frame'));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !document.fullscreenElement, 'still fullscreen');
    await waitUntil(() => button.getAttribute('aria-label') === 'View fullscreen', 'label still says Exit fullscreen');
  });

  it('an unreachable image URL shows a message and fires ml-error network', async () => {
    const el = document.createElement('ml-image');
    el.label = 'Result';
    el.interactive = false;
    const failed = oneEvent(el, 'ml-error') as Promise<MlErrorEvent>;
    el.value = 'http://127.0.0.1:9/missing.png';
    document.body.append(el);
    try {
      expect((await failed).code).to.equal('network');
      await el.updateComplete;
      expect(alertText(el)).to.contain('missing.png could not be loaded');
    } finally {
      el.remove();
    }
  });

  it('a FileData value is shown from its url; javascript: URLs are refused', async () => {
    const file = await pngFile('fd.png', 3, 3);
    const url = URL.createObjectURL(file);
    const el = await fixture<MlImage>(html`<ml-image .interactive=${false}></ml-image>`);
    el.value = { path: '/tmp/fd.png', url, orig_name: 'fd.png', meta: { _type: 'gradio.FileData' } };
    await loaded(el);
    expect(part(el, 'download-button')!.getAttribute('download')).to.equal('fd.png');
    el.value = 'javascript:alert(1)';
    await el.updateComplete;
    expect(img(el)).to.equal(null);
    URL.revokeObjectURL(url);
  });

  it('without a camera, "Use webcam" shows why and fires ml-error media_device', async () => {
    const el = await fixture<MlImage>(html`<ml-image label="Photo"></ml-image>`);
    const failed = oneEvent(el, 'ml-error') as Promise<MlErrorEvent>;
    part(el, 'webcam-button')!.click();
    expect((await failed).code).to.equal('media_device');
    await el.updateComplete;
    expect(alertText(el)).to.match(/^The camera is not available/);
    expect(part(el, 'upload-button')).to.exist;
  });
});
