import { expect } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../components/app/app.js';
import { ORIGIN, click, control, deepAll, loadApp, type, waitFor } from './app-helpers.js';


describe('<ml-app> with chat and media components', () => {
  it('/chat/: a message sent with Enter streams a markdown reply into <ml-chatbot>', async () => {
    const el = await loadApp('/chat/');
    const bot = await waitFor(() => deepAll(el, 'ml-chatbot')[0], 'chatbot rendered');
    // The app asks for autofocus on its message box; an embed must not take the page's focus by itself.
    expect(document.activeElement).to.equal(document.body);
    let chunks = 0;
    el.addEventListener('ml-data', (e) => !e.final && chunks++);
    await type(control(el, 'textbox', 'Message'), 'Hi there');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => deepAll(bot, 'strong').some((s) => s.textContent === 'word by word'), 'reply finished', 15_000);
    expect(bot.shadowRoot!.textContent).to.include('You said');
    expect(bot.shadowRoot!.textContent).to.include('Hi there');
    expect(chunks, 'streamed in many steps').to.be.greaterThan(5);
  });

  it('/image/: an uploaded PNG comes back filtered in the Result image', async () => {
    const el = await loadApp('/image/');
    const canvas = document.createElement('canvas');
    canvas.width = 8;
    canvas.height = 6;
    const g = canvas.getContext('2d')!;
    g.fillStyle = 'rgb(255,0,0)';
    g.fillRect(0, 0, 8, 6);
    const base64 = canvas.toDataURL('image/png').split(',')[1]!;
    await executeServerCommand('ml-choose-file', { selector: 'ml-app >>> ml-image >>> [part=upload-button]', files: [{ name: 'red.png', base64 }] });
    const [input, result] = deepAll(el, 'ml-image') as (HTMLElement & { value: { url?: string } | null })[];
    await waitFor(() => input!.value, 'uploaded');
    await click(control(el, 'button', 'Submit'));
    const img = await waitFor(() => {
      const i = result!.shadowRoot!.querySelector<HTMLImageElement>('[part~=image]');
      return i && i.naturalWidth > 0 ? i : null;
    }, 'result image shown', 15_000);
    // Grayscale of pure red: every channel equal.
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const ctx = c.getContext('2d')!;
    const probe = new Image();
    probe.crossOrigin = 'anonymous';
    probe.src = img.src;
    await probe.decode();
    ctx.drawImage(probe, 0, 0);
    const [r, gr, b] = ctx.getImageData(1, 1, 1, 1).data;
    expect(r).to.equal(gr);
    expect(gr).to.equal(b);
  });
});
