import { expect, oneEvent } from '@open-wc/testing';
import '../../components/app/app.js';
import type { MlApp } from '../../components/app/app.js';
import type { AppConfig } from '../../src/protocol/index.js';
import { click, control, deepAll, type, valueOf, waitFor } from './app-helpers.js';

// A Gradio 6.25 Blocks config written from PROTOCOL.md's field list (rows, columns, form, tabs, accordion, State,
// examples, a JS-only Clear, a component type we do not have), rendered from the `config` property.
describe('<ml-app> with a recorded Gradio 6 config', () => {
  const problems: string[] = [];
  const onError = (e: ErrorEvent) => problems.push(`error: ${e.message}`);
  const onRejection = (e: PromiseRejectionEvent) => problems.push(`unhandled: ${String(e.reason)}`);
  const consoleError = console.error;
  let el: MlApp;
  let holder: HTMLDivElement;

  before(async () => {
    addEventListener('error', onError);
    addEventListener('unhandledrejection', onRejection);
    console.error = (...args: unknown[]) => {
      problems.push(`console.error: ${args.map(String).join(' ')}`);
      consoleError(...args);
    };
    const config = (await (await fetch('/test/fixtures/gradio6-translator.json')).json()) as AppConfig;
    // Not a fixture(): those are removed after each test, and these tests share one app.
    holder = document.createElement('div');
    holder.style.width = '900px';
    document.body.append(holder);
    el = document.createElement('ml-app');
    el.eager = true;
    const rendered = oneEvent(el, 'ml-render');
    el.config = config;
    holder.append(el);
    await rendered;
    // The title needs the markdown parser, which loads on demand; wait so the layout has settled before clicking.
    await waitFor(() => deepAll(el, 'ml-markdown').some((m) => m.shadowRoot!.querySelector('h1')), 'title parsed');
  });

  after(() => {
    removeEventListener('error', onError);
    removeEventListener('unhandledrejection', onRejection);
    console.error = consoleError;
    holder.remove();
  });

  it('renders the layout: tabs, columns with their scale, form fields with labels and values', async () => {
    expect(el.config?.version).to.equal('6.25.0');
    expect(deepAll(el, '[role=tab]').map((t) => t.textContent!.trim())).to.deep.equal(['Translate', 'History', 'About']);
    expect(valueOf(control(el, 'textbox', 'Target language'))).to.equal('French');
    expect(Number(valueOf(control(el, 'slider', 'Temperature')))).to.equal(0.7);
    expect(control(el, 'textbox', 'Translation').hasAttribute('readonly')).to.be.true;
    expect(control(el, 'textbox', 'Source text').hasAttribute('readonly')).to.be.false;
    expect(deepAll(el, '[part=info]').map((p) => p.textContent)).to.include('Up to 500 characters');
    const grow = deepAll(el, 'ml-column').map((c) => getComputedStyle(c).flexGrow);
    expect(grow).to.include.members(['2', '3']);
    expect(control(el, 'button', 'Translate')).to.exist;
  });

  it('renders an unknown component type as a labelled placeholder', async () => {
    const note = deepAll(el, '.unknown[role=note]');
    expect(note.map((n) => n.textContent)).to.deep.equal(['Unsupported component "datetime" (Since)']);
  });

  it('sanitises the app HTML: no script or event handler survives', async () => {
    const content = deepAll(el, 'ml-html')[0]!.shadowRoot!;
    expect(content.textContent).to.include('Made with Gradio');
    expect(content.querySelector('script')).to.equal(null);
    expect(content.querySelector('a')!.hasAttribute('onclick')).to.be.false;
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('switches tabs by mouse and keyboard; the accordion opens', async () => {
    const tabs = deepAll<HTMLButtonElement>(el, '[role=tab]');
    await click(tabs[1]!);
    const accordion = control(el, 'button', 'Past translations');
    expect(accordion.getAttribute('aria-expanded')).to.equal('false');
    await click(accordion);
    await waitFor(() => accordion.getAttribute('aria-expanded') === 'true', 'accordion open');
    const { sendKeys } = await import('@web/test-runner-commands');
    await sendKeys({ press: 'Tab' });
    tabs[1]!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await waitFor(() => tabs[2]!.getAttribute('aria-selected') === 'true', 'About selected');
    await click(tabs[0]!);
  });

  it('runs the JS-only Clear button locally without running remote code', async () => {
    const source = control(el, 'textbox', 'Source text');
    await type(source, 'Bonjour');
    expect(valueOf(source)).to.equal('Bonjour');
    await click(control(el, 'button', 'Clear'));
    await waitFor(() => valueOf(source) === '', 'source cleared');
  });

  it('logged no console errors and threw nothing', () => {
    expect(problems).to.deep.equal([]);
  });
});

// Configs recorded from a real Gradio 6.31 server (`/config` of a Blocks app and an Interface; `root` pointed at a
// closed port so nothing here reaches a network).
describe('<ml-app> with configs recorded from Gradio 6.31', () => {
  const render = async (file: string) => {
    const config = (await (await fetch(`/test/fixtures/${file}`)).json()) as AppConfig;
    const holder = document.createElement('div');
    document.body.append(holder);
    const el = document.createElement('ml-app');
    el.eager = true;
    const rendered = oneEvent(el, 'ml-render');
    el.config = config;
    holder.append(el);
    await rendered;
    return { el, done: () => holder.remove() };
  };

  it('renders the Blocks app: tabs, rows, columns, examples, no placeholder, no console error', async () => {
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...a: unknown[]) => errors.push(a);
    try {
      const { el, done } = await render('gradio6-real-blocks.json');
      expect(deepAll(el, '[role=tab]').map((t) => t.textContent!.trim())).to.deep.equal(['Greet', 'Slow', 'Fail']);
      expect(deepAll(el, '.unknown')).to.have.length(0);
      for (const [kind, name] of [['textbox', 'Name'], ['slider', 'Intensity'], ['textbox', 'Language'], ['button', 'Submit'], ['textbox', 'Greeting'], ['number', 'Steps']] as const) {
        expect(control(el, kind, name), `${kind} ${name}`).to.exist;
      }
      expect(deepAll(el, 'button[part=sample]').length).to.be.greaterThan(0);
      done();
    } finally {
      console.error = original;
    }
    expect(errors).to.deep.equal([]);
  });

  it("runs the Interface's JS-only Clear locally (Gradio's `() => [null, 1, null]`)", async () => {
    const { el, done } = await render('gradio6-real-iface.json');
    await type(control(el, 'textbox', 'Name'), 'Ada');
    await click(control(el, 'button', 'Clear'));
    await waitFor(() => valueOf(control(el, 'textbox', 'Name')) === '', 'Name cleared');
    expect(Number(valueOf(control(el, 'slider', 'Intensity')))).to.equal(1);
    done();
  });
});
