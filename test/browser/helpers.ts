// Helpers shared by the browser tests: find things through shadow roots, act through real input events
// (sendMouse, the file chooser, drag and drop) and make real image files to act with.
import { executeServerCommand, sendMouse } from '@web/test-runner-commands';
import { waitUntil } from '@open-wc/testing';

// Mocha's globals in the browser test files (no @types/mocha in this repo).
declare global {
  function describe(name: string, fn: () => void): void;
  function it(name: string, fn: () => Promise<void> | void): void;
  function before(fn: () => Promise<void> | void): void;
  function after(fn: () => Promise<void> | void): void;
  function afterEach(fn: () => Promise<void> | void): void;
}

/** The demo server's origin (another origin than the test page), set by web-test-runner.config.mjs. */
export const ORIGIN = (window as unknown as { ML_APP_ORIGIN: string }).ML_APP_ORIGIN;

/** Every element matching `selector` under `root`, looking inside open shadow roots too (also in an iframe's document). */
export function deepAll<T extends Element = HTMLElement>(root: ParentNode, selector: string): T[] {
  const out: T[] = [];
  const walk = (node: ParentNode) => {
    out.push(...(node.querySelectorAll(selector) as NodeListOf<T>));
    for (const el of node.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
  };
  walk(root);
  // Not `instanceof Element`: an element of an iframe is an Element of the other window.
  const own = (root as Element).shadowRoot;
  if (own) walk(own);
  return [...new Set(out)];
}

/** The first element of `el`'s shadow root with `name` among its parts. */
export const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
/** All elements of `el`'s shadow root with `name` among its parts. */
export const parts = (el: Element, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
/** The text of the element's error part, '' while it is hidden. */
export const alertText = (el: Element) => {
  const p = part(el, 'error')!;
  return p.hidden ? '' : p.textContent!.trim();
};

export async function waitFor<T>(fn: () => T | null | undefined | false, message: string, timeout = 10_000): Promise<T> {
  let value: T | null | undefined | false = null;
  await waitUntil(
    () => {
      try {
        value = fn();
      } catch {
        value = null;
      }
      return !!value;
    },
    message,
    { timeout, interval: 30 },
  );
  return value as T;
}

/** Clicks the middle of an element with the real mouse (also an element inside a same-origin iframe). */
export async function click(el: Element): Promise<void> {
  el.scrollIntoView({ block: 'center' });
  const r = el.getBoundingClientRect();
  const frame = el.ownerDocument === document ? null : el.ownerDocument.defaultView!.frameElement;
  const o = frame?.getBoundingClientRect() ?? { left: 0, top: 0 };
  await sendMouse({ type: 'click', position: [Math.round(o.left + r.left + r.width / 2), Math.round(o.top + r.top + r.height / 2)] });
}

/** A DataTransfer (of window `win`) holding `files`, as a drop or a paste carries them. */
export function transfer(files: File[], win: typeof globalThis = window): DataTransfer {
  const dt = new win.DataTransfer();
  for (const f of files) dt.items.add(f);
  return dt;
}

/** Drags `files` onto `target` and drops them (events and DataTransfer from the target's own window). */
export function drop(target: Element, files: File[]): void {
  const win = target.ownerDocument.defaultView as typeof globalThis;
  const dataTransfer = transfer(files, win);
  const init = { dataTransfer, bubbles: true, composed: true, cancelable: true };
  for (const type of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new win.DragEvent(type, init));
}

export function base64(buf: ArrayBuffer): string {
  let s = '';
  for (const b of new Uint8Array(buf)) s += String.fromCharCode(b);
  return btoa(s);
}

/** Picks files in the real file chooser opened by clicking (or pressing `press` on the focused) `selector`. */
export async function chooseFiles(selector: string, files: File[], press?: string): Promise<void> {
  const payload = { selector, press, files: await Promise.all(files.map(async (f) => ({ name: f.name, base64: base64(await f.arrayBuffer()) }))) };
  await executeServerCommand('ml-choose-file', payload);
}

/** A PNG file of `w`×`h` pixels painted by `paint`. */
async function png(name: string, w: number, h: number, paint: (g: CanvasRenderingContext2D) => void): Promise<File> {
  const c = document.createElement('canvas');
  c.width = w;
  c.height = h;
  paint(c.getContext('2d')!);
  const blob = await new Promise<Blob>((r) => c.toBlob((b) => r(b!), 'image/png'));
  return new File([blob], name, { type: 'image/png' });
}

/** A PNG of one colour. */
export function pngFile(name = 'red.png', w = 4, h = 3, rgb = [255, 0, 0]): Promise<File> {
  return png(name, w, h, (g) => {
    g.fillStyle = `rgb(${rgb.join(',')})`;
    g.fillRect(0, 0, w, h);
  });
}

/** A 20×10 PNG: left half red, right half blue. */
export function twoColourPng(name = 'halves.png'): Promise<File> {
  return png(name, 20, 10, (g) => {
    g.fillStyle = 'rgb(255,0,0)';
    g.fillRect(0, 0, 10, 10);
    g.fillStyle = 'rgb(0,0,255)';
    g.fillRect(10, 0, 10, 10);
  });
}

/** Pixel (x, y) of an image URL, read through fetch + canvas (an <img> from the app's origin would taint a canvas). */
export async function pixel(url: string, x: number, y: number): Promise<number[]> {
  const bitmap = await createImageBitmap(await (await fetch(url)).blob());
  const c = document.createElement('canvas');
  c.width = bitmap.width;
  c.height = bitmap.height;
  const g = c.getContext('2d')!;
  g.drawImage(bitmap, 0, 0);
  return [...g.getImageData(x, y, 1, 1).data.slice(0, 3)];
}

/** Waits until `get()` stops changing for `ms` (a streamed reply has finished growing). */
export async function settled(get: () => string, ms = 400): Promise<string> {
  let last = get();
  for (;;) {
    await new Promise((r) => setTimeout(r, ms));
    const now = get();
    if (now === last) return now;
    last = now;
  }
}
