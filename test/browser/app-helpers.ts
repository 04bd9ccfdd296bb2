// Helpers for <ml-app> browser tests: find things the way a user does (by label and role, through shadow roots)
// and act through real input events (sendKeys / sendMouse).
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { waitUntil } from '@open-wc/testing';

export const ORIGIN = (window as unknown as { ML_APP_ORIGIN: string }).ML_APP_ORIGIN;

/** Every element matching `selector` under `root`, looking inside open shadow roots too. */
export function deepAll<T extends Element = HTMLElement>(root: ParentNode, selector: string): T[] {
  const out: T[] = [];
  const walk = (node: ParentNode) => {
    out.push(...(node.querySelectorAll(selector) as NodeListOf<T>));
    for (const el of node.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
  };
  walk(root);
  if (root instanceof Element && root.shadowRoot) walk(root.shadowRoot);
  return [...new Set(out)];
}

/** The accessible name of a form control inside a shadow root: its <label for>, aria-label or legend. */
function nameOf(el: Element): string {
  const root = el.getRootNode() as ShadowRoot | Document;
  const aria = el.getAttribute('aria-label');
  if (aria) return aria;
  const id = el.id;
  const label = id ? root.querySelector(`label[for="${id}"]`) : el.closest('label');
  return text(label ?? el);
}

/** Visible text of an element for its accessible name: aria-hidden parts left out, whitespace collapsed. */
function text(el: Element): string {
  const copy = el.cloneNode(true) as Element;
  copy.querySelectorAll('[aria-hidden=true]').forEach((n) => n.remove());
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The native control with role-ish `kind` whose accessible name is `name` (exact), inside `root`. */
export function control(root: ParentNode, kind: 'textbox' | 'button' | 'slider' | 'number', name: string): HTMLElement {
  const selector = { textbox: 'input:not([type]), input[type=text], textarea', button: 'button', slider: 'input[type=range]', number: 'input[type=number]' }[kind];
  const hit = deepAll<HTMLElement>(root, selector).find((el) => nameOf(el) === name);
  if (!hit) throw new Error(`no ${kind} named "${name}"`);
  return hit;
}

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

/** Clicks the middle of an element with the real mouse. */
export async function click(el: Element): Promise<void> {
  el.scrollIntoView({ block: 'center' });
  const r = el.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)] });
}

/** Focuses a field and types into it with the keyboard, replacing its content. */
export async function type(el: HTMLElement, text: string): Promise<void> {
  await click(el);
  await sendKeys({ down: 'Control' });
  await sendKeys({ press: 'a' });
  await sendKeys({ up: 'Control' });
  await sendKeys({ press: 'Backspace' });
  if (text) await sendKeys({ type: text });
}

export const valueOf = (el: HTMLElement) => (el as HTMLInputElement).value;

// Mocha's globals in the browser test files (no @types/mocha in this repo).
declare global {
  function describe(name: string, fn: () => void): void;
  function it(name: string, fn: () => Promise<void> | void): void;
  function before(fn: () => Promise<void> | void): void;
  function after(fn: () => Promise<void> | void): void;
}

/** A node of the browser's accessibility tree (`a11ySnapshot`). */
export type A11yNode = { role: string; name: string; value?: string; children: A11yNode[] };
