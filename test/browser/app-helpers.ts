// Helpers for <ml-app> browser tests: find things the way a user does (by label and role, through shadow roots)
// and act through real input events (sendKeys / sendMouse).
import { fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { MlApp } from '../../components/app/app.js';
import { ORIGIN, click, deepAll } from './helpers.js';

// The generic helpers live in helpers.ts; these tests import them from here too.
export { ORIGIN, click, deepAll, waitFor } from './helpers.js';

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

/** A node of the browser's accessibility tree (`a11ySnapshot`). */
export type A11yNode = { role: string; name: string; value?: string; children: A11yNode[] };

/** Renders `<ml-app eager src=ORIGIN+path ...extra>` in a fixture and resolves once it has rendered. */
export async function loadApp(path: string, extra = ''): Promise<MlApp> {
  const holder = await fixture<HTMLDivElement>(html`<div></div>`);
  holder.innerHTML = `<ml-app eager src="${ORIGIN}${path}" ${extra}></ml-app>`;
  const el = holder.querySelector('ml-app')!;
  await oneEvent(el, 'ml-render');
  return el;
}
