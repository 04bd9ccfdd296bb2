// Node-only additions: local file paths as inputs. Browser builds import index.ts, never this file.
import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';
import { handleFile as handleUrlOrBlob, LAZY_FILE, type LazyFile } from './files.js';
import type { FileData } from '../protocol/types.js';

export * from './index.js';

/**
 * A local path becomes a file that is read and uploaded when the call is submitted; http(s) URLs,
 * Blobs and bytes are handled as in the browser build.
 */
export function handleFile(x: string | Blob | Uint8Array): LazyFile | FileData | Blob | Uint8Array {
  if (typeof x !== 'string' || /^https?:\/\//i.test(x)) return handleUrlOrBlob(x);
  return { path: x, [LAZY_FILE]: async () => new File([await openAsBlob(x)], basename(x)) };
}
