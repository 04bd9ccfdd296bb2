// Input files: find Blobs/Uint8Arrays (and Node file handles) in a payload, upload them, put FileData in their place.
import { FILE_DATA_TYPE, type FileData } from '../protocol/types.js';

/** Marks an object whose file content is read only when it is uploaded (see `node.ts`). */
export const LAZY_FILE = Symbol.for('ml-elements.lazy-file');

export interface LazyFile {
  path: string;
  [LAZY_FILE]: () => Promise<Blob>;
}

export type Uploadable = Blob | Uint8Array | LazyFile;

export const isUploadable = (v: unknown): v is Uploadable =>
  (typeof Blob === 'function' && v instanceof Blob) || v instanceof Uint8Array || typeof (v as LazyFile)?.[LAZY_FILE] === 'function';

/** Copy of `v` with each uploadable replaced by `fn(it)`. */
export function replaceUploads(v: unknown, fn: (u: Uploadable) => unknown): unknown {
  if (isUploadable(v)) return fn(v);
  if (Array.isArray(v)) return v.map((x) => replaceUploads(x, fn));
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, replaceUploads(x, fn)]));
  return v;
}

export async function toBlob(u: Uploadable): Promise<Blob> {
  if (u instanceof Uint8Array) return new Blob([u as Uint8Array<ArrayBuffer>]);
  if (typeof (u as LazyFile)[LAZY_FILE] === 'function') return (u as LazyFile)[LAZY_FILE]();
  return u as Blob;
}

/**
 * An http(s) URL becomes a FileData the server downloads itself; Blobs and bytes are returned as they are
 * (they are uploaded when submitted). In Node, `handleFile` from `ml-elements/client/node` also takes paths.
 */
export function handleFile(x: string | Blob | Uint8Array): FileData | Blob | Uint8Array {
  if (typeof x !== 'string') return x;
  if (!/^https?:\/\//i.test(x)) throw new TypeError(`handleFile: "${x}" is not an http(s) URL; local paths need ml-elements/client/node.`);
  return { path: x, meta: { _type: FILE_DATA_TYPE } };
}
