// The demo site in a real Chromium (puppeteer-core + /usr/bin/chromium), served by the real demo server:
// every page renders without console errors, and the blog post's four embeds work for a user.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import sharp from 'sharp';
import { startDemoServer, type DemoServer } from '../../demo/server.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
let demo: DemoServer;
let browser: Browser;
let dir: string;
let png: string;

before(async () => {
  // `npm test` runs node tests before the browser build; the pages load dist/, so build it when it is missing.
  if (!existsSync(join(repo, 'dist/ml-elements.js'))) execSync('npm run build', { cwd: repo, stdio: 'ignore' });
  demo = await startDemoServer({ port: 0 });
  browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-sync'],
  });
  dir = mkdtempSync(join(tmpdir(), 'ml-pages-'));
  png = join(dir, 'print.png');
  // A left-white, right-black test card: a grayscale or negative of it is easy to tell apart.
  await sharp({ create: { width: 64, height: 32, channels: 3, background: '#ffffff' } })
    .composite([{ input: { create: { width: 32, height: 32, channels: 3, background: '#000000' } }, left: 32, top: 0 }])
    .png()
    .toFile(png);
});

after(async () => {
  await browser?.close();
  await demo?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Opened {
  page: Page;
  problems: string[];
  events: () => Promise<{ type: string; code?: string; message?: string }[]>;
}

/** Opens a demo page and records console errors and warnings, page errors, failed requests and ml-* events. */
async function open(path: string): Promise<Opened> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warn') problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught: ${(e as Error).message}`));
  // The client aborts a session's event stream when the server closes it; that is not a failure.
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await page.evaluateOnNewDocument(() => {
    const seen: unknown[] = ((window as unknown as { mlEvents: unknown[] }).mlEvents = []);
    for (const type of ['ml-load', 'ml-render', 'ml-error', 'ml-data']) {
      document.addEventListener(type, (e) => seen.push({ type, code: (e as Event & { code?: string }).code, message: (e as Event & { message?: string }).message }));
    }
  });
  await page.goto(new URL(path, demo.url).href, { waitUntil: 'load' });
  return { page, problems, events: () => page.evaluate(() => (window as unknown as { mlEvents: { type: string }[] }).mlEvents) };
}

async function waitForEvent(o: Opened, type: string, count = 1): Promise<void> {
  await o.page.waitForFunction((t, n) => (window as unknown as { mlEvents: { type: string }[] }).mlEvents.filter((e) => e.type === t).length >= n, { timeout: 15_000 }, type, count);
}

test('the index lists every demo app and the blog post', async () => {
  const o = await open('/');
  const links = await o.page.$$eval('a', (as) => as.map((a) => a.getAttribute('href')));
  for (const name of Object.keys(demo.apps)) assert.ok(links.includes(`/app.html?src=/${name}/`), `links to ${name}`);
  assert.ok(links.includes('/blog.html'));
  assert.deepEqual(o.problems, []);
  await o.page.close();
});

for (const name of ['hello', 'chat', 'image', 'progress', 'showcase']) {
  test(`app.html?src=/${name}/ renders the ${name} app with no console errors`, async () => {
    const o = await open(`/app.html?src=/${name}/`);
    await waitForEvent(o, 'ml-render');
    const title = await o.page.$eval('h1', (h) => h.textContent);
    assert.equal(title, demo.apps[name].config(demo.url).title || `/${name}/`);
    assert.deepEqual((await o.events()).filter((e) => e.type === 'ml-error'), []);
    assert.deepEqual(o.problems, []);
    await o.page.close();
  });
}

test('the blog post: its four embeds render and work, with no console errors', async () => {
  const o = await open('/blog.html');
  const { page } = o;
  await waitForEvent(o, 'ml-render');

  // The page's own theme reaches into the elements: the app's text is the blog's ink colour.
  assert.equal(await page.$eval('ml-app', (el) => getComputedStyle(el).color), 'rgb(233, 228, 218)');
  assert.equal(await page.$eval('ml-chatbot', (el) => getComputedStyle(el).color), 'rgb(233, 228, 218)');

  // 1. The whole /hello/ app.
  const name = await page.waitForSelector('ml-app >>> ::-p-aria(Name)');
  await name!.type('Mira');
  await (await page.waitForSelector('ml-app >>> ::-p-aria(Submit)'))!.click();
  await page.waitForFunction(
    () => {
      const boxes = [...(document.querySelector('ml-app')!.shadowRoot!.querySelectorAll('*'))].flatMap((e) => (e.shadowRoot ? [...e.shadowRoot.querySelectorAll('textarea, input')] : []));
      return boxes.some((b) => (b as HTMLInputElement).value === 'Hello, Mira!');
    },
    { timeout: 15_000 },
  );

  // 2. The standalone chatbot streams a reply.
  const box = await page.waitForSelector('ml-chatbot >>> textarea');
  await box!.type('hello');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => (document.querySelector('ml-chatbot')!.shadowRoot!.textContent ?? '').includes('Streaming, word by word'), { timeout: 15_000 });

  // 3. The darkroom: our own layout over /image/ /filter.
  const [chooser] = await Promise.all([page.waitForFileChooser(), page.locator('ml-endpoint ml-image >>> ::-p-aria(Choose image)').click()]);
  await chooser.accept([png]);
  await page.click('ml-endpoint label.chip:nth-of-type(2)');
  await page.click('ml-endpoint button[type=submit]');
  await page.waitForFunction(() => {
    const img = document.querySelector<HTMLImageElement>('ml-endpoint img[output]')!;
    return img.complete && img.naturalWidth === 64;
  }, { timeout: 15_000 });
  // Invert was sent: the left half of the developed print is now dark.
  const leftPixel = await page.$eval('ml-endpoint img[output]', (img) => {
    const c = document.createElement('canvas');
    c.width = 64;
    c.height = 32;
    const g = c.getContext('2d')!;
    g.drawImage(img as HTMLImageElement, 0, 0);
    return [...g.getImageData(4, 4, 1, 1).data.slice(0, 3)];
  });
  assert.deepEqual(leftPixel, [0, 0, 0]);

  // 4. <ml-image> in an ordinary form: the form's own script sees the file in its FormData.
  await page.type('#reader-form input[name=author]', 'Mira');
  const [formChooser] = await Promise.all([page.waitForFileChooser(), page.locator('#reader-form ml-image >>> ::-p-aria(Choose image)').click()]);
  await formChooser.accept([png]);
  await page.click('#reader-form button[type=submit]');
  await page.waitForFunction(() => document.getElementById('reader-sent')!.textContent!.includes('We received print.png'), { timeout: 10_000 });

  assert.deepEqual((await o.events()).filter((e) => e.type === 'ml-error'), []);
  assert.deepEqual(o.problems, []);
  await page.close();
});
