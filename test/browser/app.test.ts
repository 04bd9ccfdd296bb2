import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { findAccessibilityNode, a11ySnapshot } from '@web/test-runner-commands';
import '../../components/app/app.js';
import type { MlApp } from '../../components/app/app.js';
import type { MlDataEvent, MlErrorEvent, MlStatusEvent } from '../../components/base/events.js';
import { ORIGIN, click, control, deepAll, loadApp, type, valueOf, waitFor, type A11yNode } from './app-helpers.js';



describe('<ml-app> with /hello/', () => {
  it('exposes the Name textbox and Submit button by accessible name; typing Ada and pressing Submit shows Hello, Ada!', async () => {
    const el = await loadApp('/hello/');
    const snapshot = (await a11ySnapshot({})) as unknown as A11yNode;
    const find = (role: string, name: string) => findAccessibilityNode(snapshot, (n: A11yNode) => n.role === role && n.name === name);
    expect(find('textbox', 'Name'), 'textbox "Name"').to.exist;
    expect(find('button', 'Submit'), 'button "Submit"').to.exist;
    expect(find('textbox', 'Greeting'), 'textbox "Greeting"').to.exist;

    await type(control(el, 'textbox', 'Name'), 'Ada');
    await click(control(el, 'button', 'Submit'));
    const greeting = control(el, 'textbox', 'Greeting');
    await waitFor(() => valueOf(greeting) === 'Hello, Ada!', `Greeting shows "${valueOf(greeting)}"`);
    await expect(el).to.be.accessible();
  });

  it('submits with Enter in the Name box, and Clear empties the fields', async () => {
    const el = await loadApp('/hello/');
    await type(control(el, 'textbox', 'Name'), 'Grace');
    const { sendKeys } = await import('@web/test-runner-commands');
    await sendKeys({ press: 'Enter' });
    const greeting = control(el, 'textbox', 'Greeting');
    await waitFor(() => valueOf(greeting) === 'Hello, Grace!', 'greeting after Enter');
    await click(control(el, 'button', 'Clear'));
    await waitFor(() => valueOf(greeting) === '' && valueOf(control(el, 'textbox', 'Name')) === '', 'fields cleared');
  });

  it('runs an event from JS with el.submit and fires ml-data; el.config and el.client are set', async () => {
    const el = await loadApp('/hello/');
    expect(el.config?.mode).to.equal('interface');
    expect(el.client?.root).to.equal(`${ORIGIN}/hello`);
    const data = oneEvent(el, 'ml-data');
    const values = await el.submit('/greet', ['Grace', 3]);
    expect(values).to.deep.equal(['Hello, Grace!!!']);
    expect(((await data) as unknown as MlDataEvent).values).to.deep.equal(['Hello, Grace!!!']);
    expect(valueOf(control(el, 'textbox', 'Greeting'))).to.equal('Hello, Grace!!!');
    expect(valueOf(control(el, 'textbox', 'Name'))).to.equal('Grace');
    expect(await el.submit('greet', { name: 'Lin', intensity: 2 })).to.deep.equal(['Hello, Lin!!']);
    let error: unknown;
    await el.submit('/nope').catch((e) => (error = e));
    expect(String(error)).to.include('No event named "/nope"');
  });

  it('clicking an example loads it into the inputs', async () => {
    const el = await loadApp('/hello/');
    const sample = await waitFor(() => deepAll(el, 'button[part=sample]').find((b) => b.textContent!.includes('Grace')), 'example Grace');
    await click(sample);
    await waitFor(() => valueOf(control(el, 'textbox', 'Name')) === 'Grace', 'Name = Grace');
    expect(Number(valueOf(control(el, 'slider', 'Intensity')))).to.equal(3);
  });

  it('shows the "Use via API" panel with snippets for every client and an embed snippet', async () => {
    const el = await loadApp('/hello/');
    await click(control(el, 'button', 'Use via API'));
    const panel = await waitFor(() => el.shadowRoot!.querySelector('ml-api-panel')?.shadowRoot?.textContent, 'panel');
    expect(panel).to.include('/greet');
    expect(panel).to.include('connect(');
    expect(panel).to.include(`<ml-app src="${ORIGIN}/hello/"></ml-app>`);
    const apiPanel = el.shadowRoot!.querySelector('ml-api-panel')!;
    await expect(apiPanel).to.be.accessible();
    for (const [lang, text] of [
      ['@gradio/client', 'Client.connect('],
      ['Python', 'api_name="/greet"'],
      ['curl', `${ORIGIN}/hello/gradio_api/call/greet`],
    ]) {
      await click(control(apiPanel, 'button', lang));
      await waitFor(() => apiPanel.shadowRoot!.textContent!.includes(text), `${lang} snippet has ${text}`);
    }
  });
});

describe('<ml-app> loading', () => {
  it('makes no request until it nears the viewport, then loads', async () => {
    const holder = await fixture<HTMLDivElement>(html`<div style="height:3000px"></div>`);
    const el = document.createElement('ml-app');
    el.src = `${ORIGIN}/hello/?lazy=${Date.now()}`;
    el.style.marginTop = '6000px';
    holder.after(el);
    try {
      await new Promise((r) => setTimeout(r, 600));
      const hits = () => performance.getEntriesByType('resource').filter((e) => e.name.includes('lazy=')).length;
      expect(hits(), 'requests before scrolling').to.equal(0);
      const rendered = oneEvent(el, 'ml-render');
      el.scrollIntoView();
      await rendered;
    } finally {
      el.remove();
    }
  });

  it('accepts Gradio underscore attributes (theme_mode, initial_height)', async () => {
    const holder = await fixture<HTMLDivElement>(html`<div></div>`);
    holder.innerHTML = `<ml-app theme_mode="dark" initial_height="420px" src="${ORIGIN}/nope-never/"></ml-app>`;
    const el = holder.querySelector('ml-app')!;
    await el.updateComplete;
    expect(el.themeMode).to.equal('dark');
    expect(el.hasAttribute('dark')).to.be.true;
    expect(el.initialHeight).to.equal('420px');
    const card = el.shadowRoot!.querySelector('.app')!;
    expect(getComputedStyle(card).backgroundColor).to.equal('rgb(22, 24, 29)');
    expect(getComputedStyle(card).minHeight).to.equal('420px');
    el.setAttribute('theme-mode', 'light');
    await el.updateComplete;
    expect(el.hasAttribute('dark')).to.be.false;
    expect(getComputedStyle(card).backgroundColor).to.equal('rgb(255, 255, 255)');
    // The page's font reaches the app.
    el.style.fontFamily = 'Georgia, serif';
    expect(getComputedStyle(card).fontFamily).to.equal('Georgia, serif');
  });

  it('theme-mode system follows the operating system, live', async () => {
    const { emulateMedia } = await import('@web/test-runner-commands');
    const el = await fixture<MlApp>(html`<ml-app src="${ORIGIN}/nope-never/"></ml-app>`);
    try {
      await emulateMedia({ colorScheme: 'dark' });
      await waitFor(() => el.hasAttribute('dark'), 'dark with a dark OS');
      await emulateMedia({ colorScheme: 'light' });
      await waitFor(() => !el.hasAttribute('dark'), 'light with a light OS');
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  it('changing src cancels running jobs and loads the new app', async () => {
    const el = await loadApp('/progress/');
    await type(control(el, 'number', 'Steps'), '20');
    await click(control(el, 'button', 'Run'));
    await waitFor(() => deepAll(el, '[role=progressbar]').length, 'job running');
    let late = 0;
    el.addEventListener('ml-data', () => late++);
    const rendered = oneEvent(el, 'ml-render');
    el.src = `${ORIGIN}/hello/`;
    await rendered;
    expect(() => control(el, 'button', 'Run')).to.throw();
    control(el, 'textbox', 'Name');
    await new Promise((r) => setTimeout(r, 500));
    expect(late, 'no data from the old app').to.equal(0);
  });

  it('changing src frees the old app\'s queue slot: another user is served at once', async () => {
    const holder = await fixture<HTMLDivElement>(html`<div></div>`);
    holder.innerHTML = `<ml-app eager src="${ORIGIN}/progress/"></ml-app><ml-app eager src="${ORIGIN}/progress/"></ml-app>`;
    const [a, b] = [...holder.querySelectorAll('ml-app')];
    await Promise.all([oneEvent(a!, 'ml-render'), oneEvent(b!, 'ml-render')]);
    await type(control(a!, 'number', 'Steps'), '50');
    await type(control(b!, 'number', 'Steps'), '1');
    await click(control(a!, 'button', 'Run'));
    await waitFor(() => deepAll(a!, '[role=progressbar]').length, 'A running');
    a!.src = `${ORIGIN}/hello/`;
    await click(control(b!, 'button', 'Run'));
    // A's 50 steps would hold the only slot for 10 s; cancelled, B's single step is done well before.
    await waitFor(() => valueOf(control(b!, 'textbox', 'Log')).includes('step 1/1 done'), 'B served', 8_000);
  });
});

describe('<ml-app> errors', () => {
  const uncaught: string[] = [];
  const onRejection = (e: PromiseRejectionEvent) => uncaught.push(String(e.reason));
  const onError = (e: ErrorEvent) => uncaught.push(e.message);
  before(() => {
    addEventListener('unhandledrejection', onRejection);
    addEventListener('error', onError);
  });
  after(() => {
    removeEventListener('unhandledrejection', onRejection);
    removeEventListener('error', onError);
    expect(uncaught, 'nothing thrown uncaught').to.deep.equal([]);
  });

  const failing = async (src: string) => {
    const holder = await fixture<HTMLDivElement>(html`<div></div>`);
    const el = document.createElement('ml-app');
    el.eager = true;
    const error = oneEvent(el, 'ml-error') as Promise<MlErrorEvent>;
    el.src = src;
    holder.append(el);
    return { el, event: await error };
  };

  it('a src that 404s shows a readable message and fires ml-error not_found', async () => {
    const { el, event } = await failing(`${ORIGIN}/no-such-app/`);
    expect(event.code).to.equal('not_found');
    await el.updateComplete;
    const alert = el.shadowRoot!.querySelector('[role=alert]')!;
    expect(alert.textContent).to.include('could not be found');
  });

  it('a network failure shows a readable message and fires ml-error network', async () => {
    const { el, event } = await failing('http://127.0.0.1:9/app/');
    expect(event.code).to.equal('network');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.include('Could not reach this app');
  });

  it('an app error shows a toast inside the element and an error on the output, and fires ml-error app_error', async () => {
    const el = await loadApp('/progress/');
    await type(control(el, 'number', 'Steps'), '0');
    const error = oneEvent(el, 'ml-error') as Promise<MlErrorEvent>;
    await click(control(el, 'button', 'Run'));
    const event = await error;
    expect(event.code).to.equal('app_error');
    const toast = await waitFor(() => el.shadowRoot!.querySelector('.toast.error'), 'error toast');
    expect(toast.textContent).to.include('Steps must be between 1 and 100.');
    // The toast is inside the element's box, not fixed over the page.
    expect(getComputedStyle(el.shadowRoot!.querySelector('.toasts')!).position).to.equal('absolute');
    const tracker = deepAll(el, 'ml-status-tracker').find((t) => t.shadowRoot!.querySelector('[part=error]'));
    expect(tracker, 'output shows an error').to.exist;
  });
});

describe('<ml-app> with /progress/', () => {
  it('a second user sees a queue position, then a progress bar advancing step by step', async () => {
    const holder = await fixture<HTMLDivElement>(html`<div></div>`);
    holder.innerHTML = `<ml-app eager src="${ORIGIN}/progress/"></ml-app><ml-app eager src="${ORIGIN}/progress/"></ml-app>`;
    const [first, second] = [...holder.querySelectorAll('ml-app')];
    await Promise.all([oneEvent(first!, 'ml-render'), oneEvent(second!, 'ml-render')]);
    await type(control(first!, 'number', 'Steps'), '8');
    await type(control(second!, 'number', 'Steps'), '6');
    const stages: MlStatusEvent['status'][] = [];
    second!.addEventListener('ml-status', (e) => stages.push(e.status));
    await click(control(first!, 'button', 'Run'));
    await oneEvent(first!, 'ml-status');
    await click(control(second!, 'button', 'Run'));

    const meta = () => deepAll(second!, '[part=meta]')[0]?.textContent ?? '';
    await waitFor(() => /queue: 1\/\d/.test(meta()), `queue position shown (saw "${meta()}")`);
    // Assistive technology hears the position once, not every timer tick.
    expect(deepAll(second!, 'ml-status-tracker [role=status], [role=status]').some((r) => /In queue, position 1 of \d/.test(r.textContent!))).to.be.true;
    const bar = () => deepAll(second!, '[role=progressbar]')[0];
    const seen = new Set<number>();
    await waitFor(
      () => {
        const b = bar();
        if (b) seen.add(Number(b.getAttribute('aria-valuenow')));
        return seen.size >= 3;
      },
      `progress advances (saw ${[...seen]})`,
      15_000,
    );
    const values = [...seen];
    expect(values).to.deep.equal([...values].sort((a, b) => a - b));
    const log = control(second!, 'textbox', 'Log');
    await waitFor(() => valueOf(log).includes('step 6/6 done'), 'second job finishes', 15_000);
    expect(stages.some((s) => s.stage === 'queued' && s.rank === 0)).to.be.true;
    // gr.Info from the app arrives as a toast inside the element.
    await waitFor(() => second!.shadowRoot!.querySelector('.toast')?.textContent?.includes('Finished 6 steps.'), 'info toast');
  });

  it('pressing Run again while it runs starts no second job (trigger_mode once)', async () => {
    const holder = await fixture<HTMLDivElement>(html`<div></div>`);
    holder.innerHTML = `<ml-app eager src="${ORIGIN}/progress/"></ml-app>`;
    const el = holder.querySelector('ml-app')!;
    await oneEvent(el, 'ml-render');
    await type(control(el, 'number', 'Steps'), '3');
    let pending = 0;
    el.addEventListener('ml-status', (e) => e.status.stage === 'pending' && pending++);
    const run = control(el, 'button', 'Run');
    await click(run);
    await click(run);
    await click(run);
    await waitFor(() => valueOf(control(el, 'textbox', 'Log')).includes('step 3/3 done'), 'job done');
    expect(pending).to.equal(1);
  });
});

describe('<ml-app> with /showcase/', () => {
  it('renders every tab and component, and runs its .then() chain', async () => {
    const el = await loadApp('/showcase/');
    const tabs = deepAll<HTMLButtonElement>(el, '[role=tab]');
    expect(tabs.map((t) => t.textContent!.trim())).to.deep.equal(['Text', 'Numbers', 'Data', 'Chat']);
    expect(deepAll(el, '.unknown'), 'no unsupported placeholders').to.have.length(0);
    const types = new Set(deepAll(el, '[part=block]').map((b) => b.dataset.type));
    expect(types.size).to.be.greaterThanOrEqual(12);

    await click(control(el, 'button', 'Greet'));
    const greeting = control(el, 'textbox', 'Greeting');
    await waitFor(() => valueOf(greeting) === 'Hello, Ada!', 'greeting');
    await waitFor(() => deepAll(el, 'ml-markdown').some((m) => m.shadowRoot!.textContent!.includes('Greeted 1 time')), 'chain ran');

    for (const tab of tabs) {
      await click(tab);
      await waitFor(() => tab.getAttribute('aria-selected') === 'true', `tab ${tab.textContent} selected`);
    }
    await click(tabs[1]!);
    await click(control(el, 'button', 'Calculate'));
    await waitFor(() => deepAll(el, 'ml-json').some((j) => j.shadowRoot!.textContent!.includes('"result": 7')), 'calculate result');
  });
});

describe('<ml-app> on a hostile page', () => {
  it('a page themes the app through --ml-* tokens and ::part, and component styles are shared, not copied', async () => {
    const style = document.createElement('style');
    style.textContent = `.themed { --ml-color-accent: rgb(0, 128, 0); } .themed::part(button) { border-radius: 0px; } .themed::part(label) { text-transform: uppercase; }`;
    document.head.append(style);
    try {
      const el = await loadApp('/hello/', 'class="themed"');
      const submit = control(el, 'button', 'Submit');
      expect(getComputedStyle(submit).backgroundColor).to.equal('rgb(0, 128, 0)');
      expect(getComputedStyle(submit).borderTopLeftRadius).to.equal('0px');
      const label = deepAll(el, 'label[part=label]')[0]!;
      expect(getComputedStyle(label).textTransform).to.equal('uppercase');
      const [a, b] = deepAll(el, 'ml-textbox');
      expect(a!.shadowRoot!.adoptedStyleSheets.length).to.be.greaterThan(0);
      a!.shadowRoot!.adoptedStyleSheets.forEach((sheet, i) => expect(b!.shadowRoot!.adoptedStyleSheets[i]).to.equal(sheet));
    } finally {
      style.remove();
    }
  });

  it('in dark mode the page\'s own colours still win, and the dark defaults fill the tokens it leaves unset', async () => {
    const style = document.createElement('style');
    style.textContent = `.dark-page { --ml-color-accent: rgb(242, 178, 92); }`;
    document.head.append(style);
    try {
      const el = await loadApp('/hello/', 'class="dark-page" theme-mode="dark"');
      expect(el.hasAttribute('dark')).to.be.true;
      const submit = control(el, 'button', 'Submit');
      expect(getComputedStyle(submit).backgroundColor, 'the page accent').to.equal('rgb(242, 178, 92)');
      const card = el.shadowRoot!.querySelector('.app')!;
      expect(getComputedStyle(card).backgroundColor, 'the dark default background').to.equal('rgb(22, 24, 29)');
      const textbox = deepAll(el, 'ml-textbox')[0]!;
      expect(getComputedStyle(textbox).color, 'dark default text inside nested elements').to.equal('rgb(230, 232, 235)');
    } finally {
      style.remove();
    }
  });

  it('two apps on one page work independently under aggressive global CSS', async () => {
    const style = document.createElement('style');
    style.textContent = `* { margin: 13px !important; padding: 0 !important; line-height: 0 !important; color: red !important;
      box-sizing: content-box !important; text-transform: uppercase !important; letter-spacing: 4px !important; }
      div { display: inline !important; border: 5px solid lime !important; }
      input, button { display: none !important; pointer-events: none !important; opacity: 0 !important; }
      ml-app { all: unset; }`;
    document.head.append(style);
    try {
      const holder = await fixture<HTMLDivElement>(html`<div></div>`);
      holder.innerHTML = `<ml-app eager src="${ORIGIN}/hello/"></ml-app><ml-app eager src="${ORIGIN}/showcase/"></ml-app>`;
      const [hello, showcase] = [...holder.querySelectorAll('ml-app')];
      await Promise.all([oneEvent(hello!, 'ml-render'), oneEvent(showcase!, 'ml-render')]);
      const name = control(hello!, 'textbox', 'Name');
      expect(getComputedStyle(name).display).to.not.equal('none');
      await type(name, 'Ada');
      await click(control(hello!, 'button', 'Submit'));
      await waitFor(() => valueOf(control(hello!, 'textbox', 'Greeting')) === 'Hello, Ada!', 'hello works');
      // The other app was untouched and works on its own.
      expect(valueOf(control(showcase!, 'textbox', 'Greeting'))).to.equal('');
      expect(valueOf(control(showcase!, 'textbox', 'Name'))).to.equal('Ada');
      await type(control(showcase!, 'textbox', 'Name'), 'Lin');
      await click(control(showcase!, 'button', 'Greet'));
      await waitFor(() => valueOf(control(showcase!, 'textbox', 'Greeting')) === 'Hello, Lin!', 'showcase works');
      expect(valueOf(control(hello!, 'textbox', 'Greeting'))).to.equal('Hello, Ada!');
      expect(hello!.client!.sessionHash).to.not.equal(showcase!.client!.sessionHash);
    } finally {
      style.remove();
    }
  });
});
