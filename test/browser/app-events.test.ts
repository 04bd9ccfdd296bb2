import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/app/app.js';
import type { MlApp } from '../../components/app/app.js';
import type { AppConfig, DependencyConfig } from '../../src/protocol/index.js';
import { ORIGIN, click, control, deepAll, type, valueOf, waitFor } from './app-helpers.js';

// Event wiring checked against the real /hello/ server with its config extended on the page (the `config`
// property): load events, props updates, JS-only handlers (opt-in), and cancelling from /chat/.

const helloConfig = async () => (await (await fetch(`${ORIGIN}/hello/config`)).json()) as AppConfig;

function jsDep(config: AppConfig, init: Partial<DependencyConfig>): void {
  config.dependencies.push({
    ...config.dependencies[0]!,
    id: config.dependencies.length,
    backend_fn: false,
    queue: false,
    api_name: null,
    trigger_after: null,
    cancels: [],
    ...init,
  });
}

async function render(config: AppConfig, attrs: Record<string, string> = {}): Promise<MlApp> {
  const holder = await fixture<HTMLDivElement>(html`<div></div>`);
  const el = document.createElement('ml-app');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.eager = true;
  const rendered = oneEvent(el, 'ml-render');
  el.config = config;
  holder.append(el);
  await rendered;
  return el;
}

const byLabel = (config: AppConfig, label: string) => config.components.find((c) => c.props.label === label || c.props.value === label)!.id;

describe('<ml-app> events', () => {
  it('runs load events once the app has rendered', async () => {
    const config = await helloConfig();
    config.dependencies[0]!.targets.push([config.layout!.id, 'load']);
    const el = await render(config);
    await waitFor(() => valueOf(control(el, 'textbox', 'Greeting')) === 'Hello, !', 'load event ran greet');
  });

  it('merges props updates into components (label, maximum, interactive, visible)', async () => {
    const config = await helloConfig();
    const [name, slider, clear, submit] = ['Name', 'Intensity', 'Clear', 'Submit'].map((l) => byLabel(config, l));
    jsDep(config, {
      targets: [[submit!, 'click']],
      inputs: [],
      outputs: [slider!, name!, clear!],
      js: `() => [{"__type__": "update", "label": "Strength", "maximum": 9}, {"__type__": "update", "interactive": false}, {"__type__": "update", "visible": false}]`,
    });
    const el = await render(config);
    await click(control(el, 'button', 'Submit'));
    const strength = await waitFor(() => control(el, 'slider', 'Strength'), 'slider relabelled');
    expect(strength.getAttribute('max')).to.equal('9');
    expect(control(el, 'textbox', 'Name').hasAttribute('readonly')).to.be.true;
    expect(control(el, 'button', 'Clear').checkVisibility()).to.be.false;
    await waitFor(() => valueOf(control(el, 'textbox', 'Greeting')) === 'Hello, !', 'the backend event still ran');
  });

  it('focus and blur listeners run when the user enters and leaves a field', async () => {
    const config = await helloConfig();
    const [name, greeting] = ['Name', 'Greeting'].map((l) => byLabel(config, l));
    jsDep(config, { targets: [[name!, 'focus']], inputs: [], outputs: [greeting!], js: '() => "focused"' });
    jsDep(config, { targets: [[name!, 'blur']], inputs: [], outputs: [greeting!], js: '() => "left"' });
    const el = await render(config);
    await click(control(el, 'textbox', 'Name'));
    await waitFor(() => valueOf(control(el, 'textbox', 'Greeting')) === 'focused', 'focus ran');
    await sendKeys({ press: 'Tab' });
    await waitFor(() => valueOf(control(el, 'textbox', 'Greeting')) === 'left', 'blur ran');
  });

  it('runs a JS-only handler from the app only when the page opts in with allow-remote-js', async () => {
    const setup = async (attrs: Record<string, string>) => {
      const config = await helloConfig();
      const [name, greeting, clear] = ['Name', 'Greeting', 'Clear'].map((l) => byLabel(config, l));
      for (const d of config.dependencies) d.targets = d.targets.filter(([id]) => id !== clear);
      jsDep(config, { targets: [[clear!, 'click']], inputs: [name!], outputs: [greeting!], js: `(n) => (window.__remoteRan = true, n.split('').reverse().join(''))` });
      const el = await render(config, attrs);
      await type(control(el, 'textbox', 'Name'), 'Ada');
      await click(control(el, 'button', 'Clear'));
      return el;
    };
    const blocked = await setup({});
    await new Promise((r) => setTimeout(r, 300));
    expect(valueOf(control(blocked, 'textbox', 'Greeting'))).to.equal('');
    expect((window as unknown as { __remoteRan?: boolean }).__remoteRan).to.equal(undefined);

    const allowed = await setup({ 'allow-remote-js': '' });
    await waitFor(() => valueOf(control(allowed, 'textbox', 'Greeting')) === 'adA', 'JS handler ran');
    expect((window as unknown as { __remoteRan?: boolean }).__remoteRan).to.equal(true);
  });

  it('/chat/: the Stop button cancels the streaming reply', async () => {
    const holder = await fixture<HTMLDivElement>(html`<div></div>`);
    holder.innerHTML = `<ml-app eager src="${ORIGIN}/chat/"></ml-app>`;
    const el = holder.querySelector('ml-app')!;
    await oneEvent(el, 'ml-render');
    const bot = deepAll(el, 'ml-chatbot')[0]!;
    expect(() => control(el, 'button', 'Stop'), 'no Stop button while idle').to.throw();
    await type(control(el, 'textbox', 'Message'), 'Long story');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => bot.shadowRoot!.textContent!.includes('You said'), 'reply started');
    await click(control(el, 'button', 'Stop'));
    await new Promise((r) => setTimeout(r, 200));
    const log = () => bot.shadowRoot!.querySelector('[part=log]')!.textContent;
    const stopped = log();
    await new Promise((r) => setTimeout(r, 1500));
    expect(log(), 'no more words after Stop').to.equal(stopped);
    expect(stopped).to.not.include('word by word');
    expect(control(el, 'button', 'Submit'), 'Submit is back').to.exist;
  });
});
