// Turns what a user passes to connect() into the app's base URL.
import { ClientError } from './errors.js';

const SPACE_ID = /^[\w.-]+\/[\w.-]+$/;

/** `owner/name` → `https://owner-name.hf.space`, with dots and underscores as dashes, lowercase. */
export function spaceSubdomain(id: string): string {
  return `https://${id.replace('/', '-').replace(/[._]/g, '-').toLowerCase()}.hf.space`;
}

/**
 * Resolves a URL (kept with its sub-path) or a Space id. A Space's host comes from the Hugging Face
 * API when it answers, else from the subdomain rule (the API is not reachable from every network).
 */
export async function resolveBase(ref: string, f: typeof fetch, headers: Record<string, string>, signal?: AbortSignal): Promise<string> {
  ref = ref.trim().replace(/\/+$/, '');
  if (SPACE_ID.test(ref) && !/^https?:/i.test(ref)) {
    try {
      const res = await f(`https://huggingface.co/api/spaces/${ref}/host`, { headers, signal });
      const host = res.ok ? (await res.json())?.host : null;
      if (typeof host === 'string' && /^https?:\/\//.test(host)) return host.replace(/\/+$/, '');
    } catch (e) {
      if ((e as Error)?.name === 'AbortError') throw e;
    }
    return spaceSubdomain(ref);
  }
  let url: URL;
  try {
    // In a page, a path like "/hello/" means an app on the page's own server.
    url = new URL(ref, typeof location === 'undefined' ? undefined : location.href);
  } catch {
    throw new ClientError('bad_request', `"${ref}" is neither an http(s) URL nor a Space id like "owner/name".`);
  }
  if (!/^https?:$/.test(url.protocol)) throw new ClientError('bad_request', `"${ref}" is not an http(s) URL.`);
  return (url.origin + url.pathname).replace(/\/+$/, '');
}
