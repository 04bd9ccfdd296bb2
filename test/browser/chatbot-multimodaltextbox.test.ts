// <ml-multimodaltextbox>, the chat input: typing, Enter/Shift+Enter, attachments, refusals, stop, a11y.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/multimodaltextbox/multimodaltextbox.js';
import type { MlMultimodalTextbox, MultimodalValue } from '../../components/multimodaltextbox/multimodaltextbox.js';
import type { MlComponentEvent, MlErrorEvent } from '../../components/base/events.js';
import { drop } from './helpers.js';

const q = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T & Element>(sel) as T;

describe('<ml-multimodaltextbox>', () => {
  it('is accessible and names its controls', async () => {
    const el = await fixture<MlMultimodalTextbox>(html`<ml-multimodaltextbox label="Message" placeholder="Say something"></ml-multimodaltextbox>`);
    await expect(el).to.be.accessible();
    expect(q(el, 'textarea').getAttribute('aria-label')).to.equal('Message');
    expect(q(el, '[part=attach]').getAttribute('aria-label')).to.equal('Attach files');
    expect(q(el, '[part=submit]').getAttribute('aria-label')).to.equal('Send');
  });

  it('typing fires input and change; Enter sends the text; Shift+Enter adds a new line', async () => {
    const el = await fixture<MlMultimodalTextbox>(html`<ml-multimodaltextbox></ml-multimodaltextbox>`);
    let inputs = 0;
    el.addEventListener('input', () => inputs++);
    q<HTMLTextAreaElement>(el, 'textarea').focus();
    await sendKeys({ type: 'line one' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'two' });
    expect(inputs).to.be.greaterThan(5);
    const sent = oneEvent(el, 'ml-submit') as Promise<MlComponentEvent>;
    await sendKeys({ press: 'Enter' });
    expect(((await sent).data as MultimodalValue).text).to.equal('line one\ntwo');
  });

  it('does not send an empty message', async () => {
    const el = await fixture<MlMultimodalTextbox>(html`<ml-multimodaltextbox></ml-multimodaltextbox>`);
    let sent = 0;
    el.addEventListener('ml-submit', () => sent++);
    q<HTMLTextAreaElement>(el, 'textarea').focus();
    await sendKeys({ type: '   ' });
    await sendKeys({ press: 'Enter' });
    q<HTMLButtonElement>(el, '[part=submit]').click();
    expect(sent).to.equal(0);
  });

  it('a dropped file shows as a removable chip and is sent with the text', async () => {
    const el = await fixture<MlMultimodalTextbox>(html`<ml-multimodaltextbox></ml-multimodaltextbox>`);
    const upload = oneEvent(el, 'ml-upload');
    drop(q(el, '.box'), [new File(['hi'], 'notes.txt', { type: 'text/plain' })]);
    await upload;
    await el.updateComplete;
    const chip = q(el, '[part=file]');
    expect(chip.textContent).to.contain('notes.txt');
    expect(chip.querySelector('button')!.getAttribute('aria-label')).to.equal('Remove notes.txt');
    q<HTMLTextAreaElement>(el, 'textarea').focus();
    await sendKeys({ type: 'see file' });
    const sent = oneEvent(el, 'ml-submit') as Promise<MlComponentEvent>;
    q<HTMLButtonElement>(el, '[part=submit]').click();
    const v = (await sent).data as MultimodalValue;
    expect(v.text).to.equal('see file');
    expect((v.files[0] as File).name).to.equal('notes.txt');
    chip.querySelector('button')!.click();
    await el.updateComplete;
    expect(q(el, '[part=file]')).to.equal(null);
    expect(el.value.files).to.deep.equal([]);
  });

  it('refuses a file of the wrong type with a visible message and ml-error file_type', async () => {
    const el = await fixture<MlMultimodalTextbox>(html`<ml-multimodaltextbox></ml-multimodaltextbox>`);
    el.fileTypes = ['image'];
    await el.updateComplete;
    const err = oneEvent(el, 'ml-error') as Promise<MlErrorEvent>;
    drop(q(el, '.box'), [new File(['x'], 'virus.exe', { type: 'application/octet-stream' })]);
    expect((await err).code).to.equal('file_type');
    await el.updateComplete;
    expect(q(el, '[role=alert]').textContent).to.contain('virus.exe');
    expect(el.value.files.length).to.equal(0);
  });

  it('hides attachments without an upload source, and the stop button fires ml-stop', async () => {
    const el = await fixture<MlMultimodalTextbox>(html`<ml-multimodaltextbox></ml-multimodaltextbox>`);
    el.sources = [];
    el.stopBtn = true;
    el.submitBtn = false;
    await el.updateComplete;
    expect(q(el, '[part=attach]')).to.equal(null);
    expect(q(el, '[part=submit]')).to.equal(null);
    const stop = oneEvent(el, 'ml-stop');
    q<HTMLButtonElement>(el, '[part=stop]').click();
    await stop;
  });

  it('takes part in a form with its text', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><ml-multimodaltextbox name="msg"></ml-multimodaltextbox></form>`);
    const el = form.querySelector('ml-multimodaltextbox')!;
    q<HTMLTextAreaElement>(el, 'textarea').focus();
    await sendKeys({ type: 'hello form' });
    await waitUntil(() => new FormData(form).get('msg') === 'hello form', 'the form does not see the text');
  });
});
