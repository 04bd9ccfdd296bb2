import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/textbox/textbox.js';
import '../../components/number/number.js';
import '../../components/slider/slider.js';
import '../../components/checkbox/checkbox.js';
import '../../components/checkboxgroup/checkboxgroup.js';
import '../../components/radio/radio.js';
import '../../components/dropdown/dropdown.js';
import '../../components/colorpicker/colorpicker.js';
import { click, control, type } from './app-helpers.js';

type Control = HTMLElement & { value: unknown; updateComplete: Promise<unknown> };

// The input elements take part in a plain <form> through ElementInternals, like native inputs.
describe('form-associated inputs', () => {
  async function form() {
    const f = await fixture<HTMLFormElement>(html`<form>
      <fieldset>
        <ml-textbox name="name" label="Name" .value=${'Ada'}></ml-textbox>
        <ml-number name="age" label="Age" .value=${36}></ml-number>
        <ml-slider name="level" label="Level" .value=${2} minimum="0" maximum="5"></ml-slider>
        <ml-checkbox name="agree" label="Agree"></ml-checkbox>
        <ml-checkboxgroup name="fruits" label="Fruits" .choices=${['apple', 'pear']} .value=${['pear']}></ml-checkboxgroup>
        <ml-radio name="size" label="Size" .choices=${['S', 'M']} .value=${'M'}></ml-radio>
        <ml-dropdown name="lang" label="Language" .choices=${[['French', 'fr'], ['German', 'de']]} .value=${'de'}></ml-dropdown>
        <ml-colorpicker name="colour" label="Colour" .value=${'#ff0000'}></ml-colorpicker>
      </fieldset>
    </form>`);
    await Promise.all([...f.querySelectorAll<Control>('fieldset > *')].map((c) => c.updateComplete));
    return f;
  }

  it('contributes each value to FormData under its name', async () => {
    const f = await form();
    const data = Object.fromEntries(new FormData(f));
    expect(data).to.deep.equal({ name: 'Ada', age: '36', level: '2', fruits: '["pear"]', size: 'M', lang: 'de', colour: '#ff0000' });
  });

  it('user edits show up in FormData and form.reset() restores the first values', async () => {
    const f = await form();
    await type(control(f, 'textbox', 'Name'), 'Grace');
    await click(f.querySelector('ml-checkbox')!.shadowRoot!.querySelector('input')!);
    let data = new FormData(f);
    expect(data.get('name')).to.equal('Grace');
    expect(data.get('agree')).to.equal('on');
    f.reset();
    await Promise.all([...f.querySelectorAll<Control>('fieldset > *')].map((c) => c.updateComplete));
    data = new FormData(f);
    expect(data.get('name')).to.equal('Ada');
    expect(data.get('agree')).to.equal(null);
    expect((f.querySelector('ml-textbox') as Control).value).to.equal('Ada');
  });

  it('a disabled fieldset disables them and a required empty textbox blocks submit', async () => {
    const f = await form();
    f.querySelector('fieldset')!.disabled = true;
    const box = f.querySelector('ml-textbox') as Control & { disabled: boolean };
    await box.updateComplete;
    expect(box.disabled).to.be.true;
    expect(control(f, 'textbox', 'Name').hasAttribute('disabled')).to.be.true;

    const g = await fixture<HTMLFormElement>(html`<form><ml-textbox name="q" label="Query" required></ml-textbox></form>`);
    await (g.querySelector('ml-textbox') as Control).updateComplete;
    expect(g.checkValidity()).to.be.false;
    await type(control(g, 'textbox', 'Query'), 'x');
    expect(g.checkValidity()).to.be.true;
  });

  it('Tab moves focus through the fields in order', async () => {
    const f = await form();
    control(f, 'textbox', 'Name').focus();
    await sendKeys({ press: 'Tab' });
    expect((f.querySelector('ml-number') as HTMLElement).matches(':focus-within')).to.be.true;
  });
});
