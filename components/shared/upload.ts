// File checks and transfer helpers shared by every media input: type filters, size limits, drops and pastes.
import type { FileData } from '../../src/protocol/index.js';
import type { AppContext } from '../base/context.js';

/** Why a file was refused or an upload failed; `code` is the `ml-error` code. */
export class UploadError extends Error {
  constructor(
    readonly code: 'file_too_large' | 'file_type' | 'upload_failed',
    message: string,
  ) {
    super(message);
  }
}

/** Gradio `file_types` (`image`, `.png`, `audio/*`, `application/pdf`, `file`) as an `<input accept>` value. */
export function acceptAttr(types: readonly string[] | null | undefined): string {
  if (!types?.length || types.some((t) => t === 'file' || t === '*' || t === '*/*')) return '';
  return types.map((t) => (t.startsWith('.') || t.includes('/') ? t : `${t}/*`)).join(',');
}

/** Whether a file matches one of Gradio's `file_types` entries (no list: anything). */
export function accepts(file: File, types: readonly string[] | null | undefined): boolean {
  if (!types?.length) return true;
  const name = file.name.toLowerCase();
  const mime = file.type.toLowerCase();
  return types.some((raw) => {
    const t = raw.trim().toLowerCase();
    if (t === 'file' || t === '*' || t === '*/*') return true;
    if (t.startsWith('.')) return name.endsWith(t);
    if (!t.includes('/')) return mime.startsWith(`${t}/`);
    if (t.endsWith('/*')) return mime.startsWith(t.slice(0, -1));
    return mime === t;
  });
}

/** `1536` → `1.5 KB`. */
export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '';
  const units = ['B', 'KB', 'MB', 'GB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${i ? n.toFixed(n < 10 ? 1 : 0) : n} ${units[i]}`;
}

/** Throws the first reason a set of files cannot be taken. */
export function checkFiles(files: readonly File[], types: readonly string[] | null | undefined, maxSize: number | null | undefined): void {
  for (const f of files) {
    if (!accepts(f, types)) {
      const what = types!.join(', ');
      throw new UploadError('file_type', `${f.name || 'This file'} is not an accepted type (${what}).`);
    }
    if (maxSize !== null && maxSize !== undefined && f.size > maxSize) {
      throw new UploadError('file_too_large', `${f.name || 'This file'} is ${formatBytes(f.size)}; the limit is ${formatBytes(maxSize)}.`);
    }
  }
}

/** Uploads files through the app's client; failures become an `UploadError`. */
export async function uploadFiles(
  ctx: AppContext,
  files: File[],
  onProgress: (fraction: number | null) => void,
  signal?: AbortSignal,
): Promise<FileData[]> {
  try {
    const out = await ctx.client.upload(files, {
      signal,
      onProgress: (loaded, total) => onProgress(total > 0 ? Math.min(1, loaded / total) : null),
    });
    if (!Array.isArray(out) || out.length !== files.length) throw new Error('the server answered with no file');
    return out.map((fd, i) => ({ ...fd, orig_name: fd.orig_name ?? files[i]!.name, size: fd.size ?? files[i]!.size, mime_type: fd.mime_type ?? (files[i]!.type || null) }));
  } catch (e) {
    const status = (e as { status?: number }).status;
    const text = e instanceof Error ? e.message : String(e);
    if (status === 413 || /\b413\b/.test(text)) throw new UploadError('file_too_large', `The server refused the file as too large. ${text}`.trim());
    throw new UploadError('upload_failed', `Upload failed: ${text}`);
  }
}

/** Files carried by a drop or paste (clipboard images included). */
export function transferFiles(dt: DataTransfer | null | undefined): File[] {
  if (!dt) return [];
  if (dt.files?.length) return [...dt.files];
  const out: File[] = [];
  for (const item of dt.items ?? []) {
    const f = item.kind === 'file' ? item.getAsFile() : null;
    if (f) out.push(f);
  }
  return out;
}

/** Whether a drag carries files (so the drop zone should light up). */
export function dragHasFiles(e: DragEvent): boolean {
  return !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
}
