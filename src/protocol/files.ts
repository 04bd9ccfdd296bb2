import { FILE_DATA_TYPE, type FileData, type PropsUpdate } from './types.js';

/** True for a FileData-shaped object (marked with `meta._type`, or an image-style `{path, url}`). */
export function isFileData(x: unknown): x is FileData {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return false;
  const o = x as Record<string, unknown>;
  if (typeof o.path !== 'string') return false;
  const meta = o.meta as { _type?: unknown } | undefined;
  return meta?._type === FILE_DATA_TYPE || 'url' in o || 'orig_name' in o || 'mime_type' in o;
}

/** Returns a copy of `value` with every FileData replaced by `fn(file)`; other JSON is kept as is. */
export function mapFiles(value: unknown, fn: (file: FileData) => unknown): unknown {
  if (isFileData(value)) return fn(value);
  if (Array.isArray(value)) return value.map((v) => mapFiles(v, fn));
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapFiles(v, fn);
    return out;
  }
  return value;
}

/** Builds an output FileData for a server path, with the absolute URL clients download it from. */
export function fileData(path: string, init: Omit<FileData, 'path' | 'meta'> = {}): FileData {
  return { path, url: null, size: null, orig_name: null, mime_type: null, is_stream: false, ...init, meta: { _type: FILE_DATA_TYPE } };
}

/** True for a props update (`{"__type__": "update", ...}`) sent in place of a value. */
export function isPropsUpdate(x: unknown): x is PropsUpdate {
  return x !== null && typeof x === 'object' && (x as { __type__?: unknown }).__type__ === 'update';
}

/** `Name` → `name`, `Max Tokens` → `max_tokens`: how API parameter names come from labels. */
export function snakeCase(label: string): string {
  const s = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
  return /^[0-9]/.test(s) ? `_${s}` : s;
}

/** Joins a root URL and path parts with single slashes. */
export function joinUrl(root: string, ...parts: string[]): string {
  let out = root.replace(/\/+$/, '');
  for (const p of parts) if (p) out += '/' + p.replace(/^\/+/, '');
  return out;
}
