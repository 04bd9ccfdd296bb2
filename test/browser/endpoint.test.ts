// <ml-endpoint>: a page's own layout over one endpoint of a remote app (the demo server, another origin).
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/endpoint/endpoint.js';
import '../../components/textbox/textbox.js';
import '../../components/image/image.js';
import type { MlEndpoint } from '../../components/endpoint/endpoint.js';
import type { MlDataEvent, MlErrorEvent } from '../../components/base/events.js';
import { ORIGIN, chooseFiles, click, pixel, pngFile, twoColourPng } from './helpers.js';

/** What the user reads in the element's error box. */
const errorText = (el: MlEndpoint) => el.shadowRoot!.querySelector('[part=error]')?.textContent ?? '';

/** An <ml-endpoint> over /progress/'s /slow set to `steps` steps, loaded, with Run just clicked. */
async function runSlow(steps: number): Promise<MlEndpoint> {
  const el = await fixture<MlEndpoint>(html`
    <ml-endpoint src=${`${ORIGIN}/progress/`} api-name="/slow">
      <input type="number" name="steps" value=${steps} aria-label="Steps">
      <button>Run</button>
      <pre output></pre>
    </ml-endpoint>
  `);
  await oneEvent(el, 'ml-load');
  await click(el.querySelector('button')!);
  return el;
}

describe('<ml-endpoint> over /hello/', () => {
  it('typing Ada into inputs named after greet’s parameters and pressing Greet shows Hello, Ada!!!', async () => {
    const el = await fixture<MlEndpoint>(html`
      <ml-endpoint src=${`${ORIGIN}/hello/`} api-name="/greet">
        <div style="display:flex; gap:1rem; align-items:end">
          <ml-textbox name="name" label="Who is it?"></ml-textbox>
          <label>Excitement <input type="number" name="intensity" value="3" min="1" max="5"></label>
          <button>Greet</button>
        </div>
        <p aria-live="polite">Result: <output output></output></p>
      </ml-endpoint>
    `);
    await oneEvent(el, 'ml-load');
    const box = el.querySelector('ml-textbox')!;
    await click(box);
    await sendKeys({ type: 'Ada' });
    const done = new Promise<MlDataEvent>((resolve) => el.addEventListener('ml-data', (e) => e.final && resolve(e)));
    await click(el.querySelector('button')!);
    expect(el.running).to.equal(true);
    expect((await done).values).to.deep.equal(['Hello, Ada!!!']);
    expect(el.querySelector('output')!.textContent).to.equal('Hello, Ada!!!');
    await waitUntil(() => !el.running, 'still running after the result');
    expect(errorText(el)).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('a parameter left out takes its default, outputs can be picked by label, and Enter in a form runs it', async () => {
    const el = await fixture<MlEndpoint>(html`
      <ml-endpoint src=${`${ORIGIN}/hello/`} api-name="greet">
        <form>
          <label>Name <input name="name" required></label>
        </form>
        <h2 output="Greeting"></h2>
        <small output="0"></small>
      </ml-endpoint>
    `);
    await oneEvent(el, 'ml-load');
    const input = el.querySelector('input')!;
    input.focus();
    await sendKeys({ type: 'Grace' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.querySelector('h2')!.textContent === 'Hello, Grace!', 'the greeting did not appear', { timeout: 10_000 });
    expect(el.querySelector('small')!.textContent).to.equal('Hello, Grace!');
  });

  it('still works after being moved elsewhere in the page', async () => {
    const el = await fixture<MlEndpoint>(html`
      <ml-endpoint src=${`${ORIGIN}/hello/`} api-name="/greet"><input name="name" value="Moe"><output output></output></ml-endpoint>
    `);
    await oneEvent(el, 'ml-load');
    const elsewhere = document.createElement('section');
    document.body.append(elsewhere);
    const reloaded = oneEvent(el, 'ml-load');
    elsewhere.append(el);
    await reloaded;
    expect(await el.run()).to.deep.equal(['Hello, Moe!']);
    expect(el.querySelector('output')!.textContent).to.equal('Hello, Moe!');
    elsewhere.remove();
  });

  it('an input named after no parameter is reported at once, in the element and as ml-error', async () => {
    const el = document.createElement('ml-endpoint');
    el.innerHTML = '<input name="nmae"><button>Go</button>';
    el.setAttribute('api-name', '/greet');
    el.src = `${ORIGIN}/hello/`;
    const error = oneEvent(el, 'ml-error') as Promise<MlErrorEvent>;
    document.body.append(el);
    const e = await error;
    expect(e.code).to.equal('bad_request');
    await el.updateComplete;
    expect(errorText(el)).to.contain('/greet has no parameter "nmae"');
    expect(errorText(el)).to.contain('name, intensity');
    el.remove();
  });

  it('an unknown api-name and an app that does not exist say so', async () => {
    const wrong = await fixture<MlEndpoint>(html`<ml-endpoint src=${`${ORIGIN}/hello/`} api-name="/nope"><button>Go</button></ml-endpoint>`);
    const e1 = (await oneEvent(wrong, 'ml-error')) as MlErrorEvent;
    expect(e1.code).to.equal('not_found');
    await wrong.updateComplete;
    expect(errorText(wrong)).to.contain('has no endpoint "/nope". Its endpoints: /greet');

    const missing = await fixture<MlEndpoint>(html`<ml-endpoint src=${`${ORIGIN}/no-such-app/`}><button>Go</button></ml-endpoint>`);
    const e2 = (await oneEvent(missing, 'ml-error')) as MlErrorEvent;
    expect(e2.code).to.equal('not_found');
    await missing.updateComplete;
    expect(errorText(missing)).to.not.equal('');
  });
});

describe('<ml-endpoint>: more ways to run, and progress', () => {
  it('Enter in an <ml-textbox> runs it, and with live every change does (the last one wins)', async () => {
    const el = await fixture<MlEndpoint>(html`
      <ml-endpoint src=${`${ORIGIN}/hello/`} api-name="/greet" live>
        <ml-textbox name="name" label="Name"></ml-textbox>
        <p output></p>
      </ml-endpoint>
    `);
    await oneEvent(el, 'ml-load');
    await click(el.querySelector('ml-textbox')!);
    await sendKeys({ type: 'Bo' });
    await waitUntil(() => el.querySelector('p')!.textContent === 'Hello, Bo!' && !el.running, 'live runs did not settle on the last value', { timeout: 10_000 });
    el.live = false;
    await sendKeys({ type: 'b' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.querySelector('p')!.textContent === 'Hello, Bob!', 'Enter did not run it', { timeout: 10_000 });
  });

  it('shows step progress from /progress/ while it runs, then the output', async () => {
    const el = await runSlow(4);
    const status = () => el.shadowRoot!.querySelector('[part=status]')!;
    await waitUntil(() => status().querySelector('progress')?.getAttribute('max') === '4', 'no progress bar', { timeout: 10_000 });
    expect(status().textContent).to.match(/Step \d of 4/);
    await waitUntil(() => el.querySelector('pre')!.textContent === 'step 1/4 done\nstep 2/4 done\nstep 3/4 done\nstep 4/4 done', 'no output', { timeout: 10_000 });
  });

  it('cancel() stops a running call: the status says so, no error box, ml-error says cancelled', async () => {
    const el = await runSlow(50);
    await waitUntil(() => el.shadowRoot!.querySelector('[part=status] progress'), 'it did not start', { timeout: 10_000 });
    const cancelled = oneEvent(el, 'ml-error') as Promise<MlErrorEvent>;
    await el.cancel();
    expect((await cancelled).code).to.equal('cancelled');
    await waitUntil(() => !el.running, 'still running', { timeout: 10_000 });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=status]')!.textContent!.trim()).to.equal('Stopped.');
    expect(errorText(el)).to.equal('');
    expect(el.querySelector('pre')!.textContent).to.equal('');
  });
});

describe('<ml-endpoint> over /image/ with a custom layout', () => {
  const layout = () => html`
    <ml-endpoint src=${`${ORIGIN}/image/`} api-name="/filter">
      <div style="display:grid; grid-template-columns:1fr 1fr; gap:1rem">
        <ml-image name="image" label="Your photo" sources="upload"></ml-image>
        <figure><img output alt="Filtered photo"><figcaption>Filtered</figcaption></figure>
      </div>
      <fieldset>
        <legend>Filter</legend>
        <label><input type="radio" name="filter" value="grayscale" checked> Grayscale</label>
        <label><input type="radio" name="filter" value="invert"> Invert</label>
      </fieldset>
      <button type="submit">Apply filter</button>
    </ml-endpoint>
  `;

  it('choosing a PNG, picking Invert and pressing Apply filter shows the inverted image', async () => {
    const el = await fixture<MlEndpoint>(layout());
    await oneEvent(el, 'ml-load');
    await chooseFiles('ml-endpoint ml-image >>> [part~="upload-button"]', [await twoColourPng()]);
    await waitUntil(() => el.querySelector('ml-image')!.value instanceof File, 'the file was not chosen');
    await click(el.querySelector('input[value=invert]')!);
    await click(el.querySelector('button')!);
    const img = el.querySelector<HTMLImageElement>('img[output]')!;
    await waitUntil(() => img.complete && img.naturalWidth > 0, 'no filtered image', { timeout: 15_000 });
    expect(img.src.startsWith(ORIGIN)).to.equal(true);
    expect(img.naturalWidth).to.equal(20);
    // red → cyan, blue → yellow: the server really inverted the pixels.
    expect(await pixel(img.src, 2, 5)).to.deep.equal([0, 255, 255]);
    expect(await pixel(img.src, 15, 5)).to.deep.equal([255, 255, 0]);
  });

  it('running with no image shows the app’s own error, and the element stays usable', async () => {
    const el = await fixture<MlEndpoint>(layout());
    await oneEvent(el, 'ml-load');
    const error = oneEvent(el, 'ml-error') as Promise<MlErrorEvent>;
    await click(el.querySelector('button')!);
    const e = await error;
    await el.updateComplete;
    expect(e.code).to.equal('app_error');
    expect(errorText(el)).to.contain('Please upload an image first.');
    expect(el.shadowRoot!.querySelector('[part=error]')!.getAttribute('role')).to.equal('alert');
    expect(el.running).to.equal(false);
    // run() from code, with a value for the image given directly.
    const values = await el.run({ image: await pngFile('tiny.png', 4, 4) });
    expect(values).to.have.length(1);
    expect(errorText(el)).to.equal('');
    await waitUntil(() => el.querySelector<HTMLImageElement>('img[output]')!.naturalWidth === 4, 'no image', { timeout: 15_000 });
  });
});
