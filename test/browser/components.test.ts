import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { MlComponentEvent } from '../../components/base/events.js';
import '../../components/textbox/textbox.js';
import '../../components/number/number.js';
import '../../components/slider/slider.js';
import '../../components/checkbox/checkbox.js';
import '../../components/checkboxgroup/checkboxgroup.js';
import '../../components/radio/radio.js';
import '../../components/dropdown/dropdown.js';
import '../../components/button/button.js';
import '../../components/colorpicker/colorpicker.js';
import '../../components/code/code.js';
import '../../components/markdown/markdown.js';
import '../../components/html/html.js';
import '../../components/json/json.js';
import '../../components/label/label.js';
import '../../components/highlightedtext/highlightedtext.js';
import '../../components/dataframe/dataframe.js';
import '../../components/dataset/dataset.js';
import '../../components/state/state.js';
import '../../components/app/layout.js';
import { click, control, deepAll, type, valueOf, waitFor } from './app-helpers.js';

/** Records the events a user action fires on `el`. */
function record(el: Element, names = ['input', 'change', 'ml-submit', 'ml-select', 'ml-release', 'click']) {
  const seen: string[] = [];
  for (const n of names) el.addEventListener(n, () => seen.push(n));
  return seen;
}

describe('component elements alone', () => {
  it('every element has an accessible name and passes axe', async () => {
    const el = await fixture(html`<div>
      <ml-textbox label="Name"></ml-textbox>
      <ml-number label="Age" .value=${3}></ml-number>
      <ml-slider label="Volume" .value=${30}></ml-slider>
      <ml-checkbox label="Agree"></ml-checkbox>
      <ml-checkboxgroup label="Fruits" .choices=${[['Apple', 'a'], ['Pear', 'p']]}></ml-checkboxgroup>
      <ml-radio label="Size" .choices=${['S', 'M', 'L']} .value=${'M'}></ml-radio>
      <ml-dropdown label="Language" .choices=${[['French', 'fr'], ['German', 'de']]} .value=${'fr'}></ml-dropdown>
      <ml-button .value=${'Go'}></ml-button>
      <ml-colorpicker label="Colour"></ml-colorpicker>
      <ml-code label="Source" .value=${'let x = 1;'}></ml-code>
      <ml-markdown .value=${'# Title\n\nSome **bold** text.'}></ml-markdown>
      <ml-json label="Details" .value=${{ a: 1 }}></ml-json>
      <ml-label label="Class" .value=${{ label: 'cat', confidences: [{ label: 'cat', confidence: 0.9 }, { label: 'dog', confidence: 0.1 }] }}></ml-label>
      <ml-highlightedtext label="Entities" .value=${[{ token: 'Paris ', class_or_confidence: 'LOC' }, { token: 'is nice', class_or_confidence: null }]}></ml-highlightedtext>
      <ml-dataframe label="Table" .interactive=${false} .value=${{ headers: ['a', 'b'], data: [[1, 2]] }}></ml-dataframe>
      <ml-dataset label="Examples" .samples=${[['Ada'], ['Grace']]} .components=${['textbox']}></ml-dataset>
    </div>`);
    await waitFor(() => deepAll(el, 'ml-markdown').some((m) => m.shadowRoot!.querySelector('strong')), 'markdown parsed');
    await expect(el).to.be.accessible();
    for (const [kind, name] of [['textbox', 'Name'], ['number', 'Age'], ['slider', 'Volume'], ['textbox', 'Language'], ['button', 'Go']] as const) {
      expect(control(el, kind, name), `${kind} ${name}`).to.exist;
    }
  });

  it('textbox: typing fires input and change, Enter fires ml-submit; setting value by code fires nothing', async () => {
    const el = await fixture<HTMLElement & { value: string }>(html`<ml-textbox label="Name"></ml-textbox>`);
    const seen = record(el);
    el.value = 'set by code';
    await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(seen).to.deep.equal([]);
    await type(control(el, 'textbox', 'Name'), 'Ada');
    expect(el.value).to.equal('Ada');
    // One for clearing the old text, one per key.
    expect(seen.filter((e) => e === 'input')).to.have.length(4);
    expect(seen.filter((e) => e === 'change')).to.have.length(4);
    const submit = oneEvent(el, 'ml-submit');
    await sendKeys({ press: 'Enter' });
    expect(((await submit) as unknown as MlComponentEvent).data).to.equal('Ada');
  });

  it('textbox with several lines is a textarea where Enter adds a line', async () => {
    const el = await fixture<HTMLElement & { value: string }>(html`<ml-textbox label="Notes" lines="3"></ml-textbox>`);
    const seen = record(el);
    await type(control(el, 'textbox', 'Notes'), 'a');
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: 'b' });
    expect(el.value).to.equal('a\nb');
    expect(seen).to.not.include('ml-submit');
  });

  it('slider: arrow keys change it, the number box follows, release fires on change', async () => {
    const el = await fixture<HTMLElement & { value: number }>(html`<ml-slider label="Volume" minimum="0" maximum="10" .value=${5}></ml-slider>`);
    const seen = record(el);
    await click(control(el, 'slider', 'Volume'));
    const start = el.value;
    control(el, 'slider', 'Volume').focus();
    await sendKeys({ press: 'ArrowRight' });
    expect(el.value).to.equal(Math.min(10, start + 1));
    expect(seen).to.include('input');
    await waitFor(() => valueOf(control(el, 'number', 'Volume value')) === String(el.value), 'number box');
  });

  it('checkbox, checkbox group and radio are keyboard-usable', async () => {
    const el = await fixture(html`<div>
      <ml-checkbox label="Agree"></ml-checkbox>
      <ml-checkboxgroup label="Fruits" .choices=${[['Apple', 'a'], ['Pear', 'p'], ['Plum', 'u']]} .value=${['u']}></ml-checkboxgroup>
      <ml-radio label="Size" .choices=${['S', 'M', 'L']} .value=${'S'}></ml-radio>
    </div>`);
    const [box, group, radio] = [...el.children] as (HTMLElement & { value: unknown })[];
    deepAll<HTMLInputElement>(box!, 'input')[0]!.focus();
    await sendKeys({ press: 'Space' });
    expect(box!.value).to.equal(true);
    const inputs = deepAll<HTMLInputElement>(group!, 'input');
    inputs[0]!.focus();
    await sendKeys({ press: 'Space' });
    expect(group!.value, 'kept in choice order').to.deep.equal(['a', 'u']);
    const select = oneEvent(radio!, 'ml-select');
    deepAll<HTMLInputElement>(radio!, 'input')[0]!.focus();
    await sendKeys({ press: 'ArrowRight' });
    expect(radio!.value).to.equal('M');
    expect(((await select) as unknown as MlComponentEvent).data).to.deep.equal({ index: 1, value: 'M', selected: true });
  });

  it('dropdown filters by typing and picks with the keyboard; multiselect adds and removes chips', async () => {
    const el = await fixture<HTMLElement & { value: unknown }>(
      html`<ml-dropdown label="Language" .choices=${[['French', 'fr'], ['German', 'de'], ['Greek', 'el']]} .value=${'fr'}></ml-dropdown>`,
    );
    const seen = record(el);
    const input = control(el, 'textbox', 'Language');
    await type(input, 'Gre');
    await waitFor(() => deepAll(el, '[role=option]').length === 1, 'filtered to Greek');
    await sendKeys({ press: 'Enter' });
    expect(el.value).to.equal('el');
    expect(valueOf(input)).to.equal('Greek');
    expect(seen).to.include.members(['input', 'change', 'ml-select']);

    const multi = await fixture<HTMLElement & { value: unknown }>(
      html`<ml-dropdown label="Tags" multiselect .choices=${['red', 'green', 'blue']} .value=${['red']}></ml-dropdown>`,
    );
    const tags = control(multi, 'textbox', 'Tags');
    await click(tags);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    expect(multi.value).to.deep.equal(['red', 'blue']);
    await sendKeys({ press: 'Backspace' });
    expect(multi.value).to.deep.equal(['red']);
    await sendKeys({ press: 'Escape' });
    expect(deepAll(multi, '[role=listbox]')).to.have.length(0);
  });

  it('markdown and html from a remote app keep no script, event handler or javascript: URL', async () => {
    const evil = `# Hi\n\n<img src=x onerror="window.__x=1"><script>window.__x=2</script>[click](javascript:window.__x=3) <a href="https://ok.example">ok</a> <iframe src="https://evil.example"></iframe>`;
    const el = await fixture(html`<div><ml-markdown .value=${evil}></ml-markdown><ml-html .value=${evil}></ml-html></div>`);
    const [md, h] = [...el.children] as HTMLElement[];
    await waitFor(() => md!.shadowRoot!.querySelector('h1'), 'markdown parsed');
    for (const root of [md!.shadowRoot!, h!.shadowRoot!]) {
      expect(root.querySelector('script, iframe')).to.equal(null);
      expect(root.querySelector('[onerror]')).to.equal(null);
      for (const a of root.querySelectorAll('a')) expect(a.getAttribute('href') ?? '').to.not.match(/^javascript:/i);
    }
    const ok = md!.shadowRoot!.querySelector('a[href="https://ok.example"]')!;
    expect(ok.getAttribute('rel')).to.include('noopener');
    expect((window as unknown as { __x?: number }).__x).to.equal(undefined);
  });

  it('markdown renders plain text at once and parsed markdown when it has syntax', async () => {
    const el = await fixture<HTMLElement & { value: string }>(html`<ml-markdown .value=${'Just text.'}></ml-markdown>`);
    expect(el.shadowRoot!.querySelector('p')!.textContent).to.equal('Just text.');
    el.value = 'A *b* `c`';
    await waitFor(() => el.shadowRoot!.querySelector('em') && el.shadowRoot!.querySelector('code'), 'parsed');
  });

  it('dataset: clicking a sample sets value to its index and fires click and ml-select', async () => {
    const el = await fixture<HTMLElement & { value: number | null }>(
      html`<ml-dataset .samples=${[['Ada', 1], ['Grace', 3]]} .components=${['textbox', 'slider']} .headers=${['Name', 'N']}></ml-dataset>`,
    );
    const seen = record(el);
    const select = oneEvent(el, 'ml-select');
    await click(deepAll(el, 'button[part=sample]').find((b) => b.textContent!.includes('Grace'))!);
    expect(el.value).to.equal(1);
    expect(((await select) as unknown as MlComponentEvent).data).to.deep.equal({ index: 1, value: ['Grace', 3] });
    expect(seen).to.include('click');
  });

  it('tabs switch with arrow keys and an accordion toggles with Enter', async () => {
    const el = await fixture(html`<div>
      <ml-tabs><ml-tab label="One"><p>first</p></ml-tab><ml-tab label="Two"><p>second</p></ml-tab></ml-tabs>
      <ml-accordion label="More" .open=${false}><p>hidden</p></ml-accordion>
    </div>`);
    const tabs = deepAll<HTMLButtonElement>(el, '[role=tab]');
    const panels = [...el.querySelectorAll('ml-tab')];
    expect(panels.map((p) => p.checkVisibility())).to.deep.equal([true, false]);
    const tabsEl = el.querySelector('ml-tabs')!;
    const picked = oneEvent(tabsEl, 'ml-select');
    const changed = oneEvent(tabsEl, 'change');
    tabs[0]!.focus();
    await sendKeys({ press: 'ArrowRight' });
    expect(((await picked) as unknown as MlComponentEvent).data).to.deep.equal({ index: 1, value: 'Two', selected: true });
    await changed;
    await waitFor(() => panels[1]!.checkVisibility() && !panels[0]!.checkVisibility(), 'second tab shown');
    expect(tabs[1]!.getAttribute('aria-selected')).to.equal('true');
    // Hiding the selected tab (a props update in an app) drops it from the list and shows the other one.
    panels[1]!.hidden = true;
    await waitFor(() => deepAll(el, '[role=tab]').length === 1 && panels[0]!.checkVisibility(), 'hidden tab dropped');
    panels[1]!.hidden = false;
    await waitFor(() => deepAll(el, '[role=tab]').length === 2, 'tab back');
    const toggle = control(el, 'button', 'More');
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => toggle.getAttribute('aria-expanded') === 'true' && el.querySelector('ml-accordion p')!.checkVisibility(), 'accordion open');
  });

  it('values of the wrong type from a remote app render without throwing', async () => {
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...a: unknown[]) => errors.push(a);
    const onError = (e: ErrorEvent) => errors.push(e.message);
    addEventListener('error', onError);
    try {
      const el = await fixture(html`<div>
        <ml-textbox label="T" .value=${5 as unknown as string}></ml-textbox>
        <ml-code label="C" .value=${null as unknown as string}></ml-code>
        <ml-dataset .samples=${'x' as unknown as unknown[][]}></ml-dataset>
        <ml-highlightedtext .value=${'plain' as unknown as []}></ml-highlightedtext>
        <ml-dataframe .value=${{ headers: 'h', data: 'x' } as unknown as null}></ml-dataframe>
        <ml-checkboxgroup label="G" .choices=${['a']} .value=${'a' as unknown as unknown[]}></ml-checkboxgroup>
        <ml-label .value=${[1, 2] as unknown as null}></ml-label>
        <ml-slider label="S" .value=${null as unknown as number}></ml-slider>
      </div>`);
      await Promise.all([...el.children].map((c) => (c as unknown as { updateComplete: Promise<unknown> }).updateComplete));
      expect(valueOf(control(el, 'textbox', 'T'))).to.equal('5');
    } finally {
      console.error = original;
      removeEventListener('error', onError);
    }
    expect(errors).to.deep.equal([]);
  });

  it('a non-interactive textbox is read-only but still labelled; button variants reflect', async () => {
    const el = await fixture(html`<div><ml-textbox label="Out" .interactive=${false} .value=${'x'}></ml-textbox><ml-button variant="primary" .value=${'Run'}></ml-button></div>`);
    expect(control(el, 'textbox', 'Out').hasAttribute('readonly')).to.be.true;
    expect(getComputedStyle(control(el, 'button', 'Run')).color).to.not.equal('');
  });
});
