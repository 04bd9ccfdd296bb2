// Share links: an embedded app's input values travel in the host page's URL fragment (never sent to any server),
// one `ml-<key>=<data>` pair per app, so several apps on a page and the page's own `#anchor` coexist.
// `<ml-app>` calls `copyShareLink(key, values)` from its "Copy link" action and `readShare(key)` once loaded.
import { isFileData } from '../../src/protocol/index.js';

/** Values longer than this (data URLs, long texts) are left out so links stay pasteable. */
const MAX_VALUE_CHARS = 2000;

/** A stable key for one embedded app: its `id` when it has one, else a short hash of its `src`. */
export function shareKey(el: Element, src: string): string {
  if (el.id) return el.id.replace(/[^\w-]/g, '_');
  let h = 5381;
  for (const c of src) h = (h * 33) ^ c.charCodeAt(0);
  return (h >>> 0).toString(36);
}

const PREFIX = 'ml-';

function toBase64Url(text: string): string {
  let bin = '';
  for (const byte of new TextEncoder().encode(text)) bin += String.fromCharCode(byte);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(data: string): string {
  const bin = atob(data.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/** Keeps what a link can carry: JSON values, files only by their http(s) URL, nothing huge. */
function shareable(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || (typeof Blob !== 'undefined' && v instanceof Blob)) continue;
    if (isFileData(v) && !/^https?:/.test(v.url ?? '')) continue;
    const text = JSON.stringify(v);
    if (text !== undefined && text.length <= MAX_VALUE_CHARS) out[k] = v;
  }
  return out;
}

/** Returns `href` with this app's values in its fragment (replacing earlier ones for the same key). */
export function shareUrl(key: string, values: Record<string, unknown>, href: string = location.href): string {
  const url = new URL(href);
  const parts = url.hash.replace(/^#/, '').split('&').filter((p) => p && !p.startsWith(`${PREFIX}${key}=`));
  parts.push(`${PREFIX}${key}=${toBase64Url(JSON.stringify(shareable(values)))}`);
  url.hash = parts.join('&');
  return url.href;
}

/** This app's shared values in `href`'s fragment, or null when there are none or they are unreadable. */
export function readShare(key: string, href: string = location.href): Record<string, unknown> | null {
  const hash = new URL(href).hash.replace(/^#/, '');
  const part = hash.split('&').find((p) => p.startsWith(`${PREFIX}${key}=`));
  if (!part) return null;
  try {
    const values = JSON.parse(fromBase64Url(part.slice(PREFIX.length + key.length + 1))) as unknown;
    return values && typeof values === 'object' && !Array.isArray(values) ? (values as Record<string, unknown>) : null;
  } catch {
    // A hand-edited or truncated link restores nothing rather than failing the app.
    return null;
  }
}

/**
 * Puts the values in the page's address (without reloading or adding a history entry) and copies the link.
 * Resolves with the link; copying can fail (no permission, insecure page), the address is updated anyway.
 */
export async function copyShareLink(key: string, values: Record<string, unknown>): Promise<{ url: string; copied: boolean }> {
  const url = shareUrl(key, values);
  history.replaceState(history.state, '', url);
  try {
    await navigator.clipboard.writeText(url);
    return { url, copied: true };
  } catch {
    return { url, copied: false };
  }
}
