// The app's file stores (uploads and outputs), the rules for serving them, and input-file checks.
import { randomBytes } from 'node:crypto';
import { createWriteStream, promises as fsp } from 'node:fs';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { get as httpGet, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { Request, Response } from 'express';
import { fileData, joinUrl, type FileData } from '../protocol/index.js';
import { HttpError } from './errors.js';

const MIME: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif',
  bmp: 'image/bmp', svg: 'image/svg+xml', ico: 'image/x-icon',
  mp3: 'audio/mpeg', wav: 'audio/wav', ogg: 'audio/ogg', oga: 'audio/ogg', flac: 'audio/flac', m4a: 'audio/mp4', aac: 'audio/aac',
  mp4: 'video/mp4', webm: 'video/webm', ogv: 'video/ogg', mov: 'video/quicktime',
  txt: 'text/plain', csv: 'text/csv', json: 'application/json', pdf: 'application/pdf', html: 'text/html', htm: 'text/html',
  js: 'text/javascript', css: 'text/css', zip: 'application/zip', xml: 'application/xml',
};
const EXT: Record<string, string> = Object.fromEntries(
  Object.entries(MIME).filter(([e]) => !['jpeg', 'htm', 'oga'].includes(e)).map(([e, m]) => [m, e]),
);
// Types a browser can show inline without running script (Gradio's XSS-safe list).
const INLINE = /^(image\/(png|jpeg|gif|webp|avif|bmp|x-icon)|audio\/.+|video\/.+|text\/plain|application\/json|application\/pdf)$/;

export function mimeFromName(name: string): string {
  return MIME[path.extname(name).slice(1).toLowerCase()] ?? 'application/octet-stream';
}

/** Recognises common media by their first bytes (so a Blob named "blob" still gets the right type). */
export function sniffMime(head: Uint8Array): string | null {
  const at = (i: number, s: string) => [...s].every((c, k) => head[i + k] === c.charCodeAt(0));
  if (head[0] === 0x89 && at(1, 'PNG')) return 'image/png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (at(0, 'GIF8')) return 'image/gif';
  if (at(0, 'RIFF') && at(8, 'WEBP')) return 'image/webp';
  if (at(0, 'RIFF') && at(8, 'WAVE')) return 'audio/wav';
  if (at(4, 'ftyp')) return at(8, 'avif') ? 'image/avif' : 'video/mp4';
  if (at(0, 'ID3') || (head[0] === 0xff && (head[1] & 0xe0) === 0xe0)) return 'audio/mpeg';
  if (at(0, 'OggS')) return 'audio/ogg';
  if (at(0, 'fLaC')) return 'audio/flac';
  if (head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) return 'video/webm';
  if (at(0, '%PDF')) return 'application/pdf';
  return null;
}

export function extensionFor(mime: string): string {
  return EXT[mime] ?? 'bin';
}

/** A file name safe to put on disk: no directories, no control characters, not empty. */
export function safeName(name: string | null | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '').replace(/^\.+/, '').trim().slice(-200);
  return cleaned || `tmp${randomBytes(5).toString('hex')}`;
}

/** What a handler receives for a file input. */
export interface InputFile {
  /** Absolute path on this server; read it with fs or sharp. */
  path: string;
  mimeType: string;
  origName: string | null;
  size: number;
  /** The URL clients use to download it. */
  url: string;
}

export interface FileStoreOptions {
  /** Base directory; default a fresh folder under the system temp dir. */
  dir?: string;
  /** Largest accepted upload in bytes (413 above it); null = no limit. */
  maxFileSize?: number | null;
  /** Extra directories whose files may be served and used as inputs. */
  allowedPaths?: string[];
  /** Let input FileData URLs point at loopback/private addresses (off by default: SSRF). */
  allowPrivateUrls?: boolean;
}

export class FileStore {
  readonly uploadDir: string;
  readonly outputDir: string;
  readonly maxFileSize: number | null;
  private readonly allowed: string[];
  private readonly allowPrivateUrls: boolean;
  private readonly ready: Promise<void>;

  constructor(options: FileStoreOptions = {}) {
    const base = options.dir ?? path.join(tmpdir(), `ml-elements-${process.pid}-${randomBytes(4).toString('hex')}`);
    this.uploadDir = path.resolve(base, 'uploads');
    this.outputDir = path.resolve(base, 'outputs');
    this.maxFileSize = options.maxFileSize ?? null;
    this.allowed = (options.allowedPaths ?? []).map((p) => path.resolve(p));
    this.allowPrivateUrls = options.allowPrivateUrls ?? false;
    this.ready = Promise.all([
      fsp.mkdir(this.uploadDir, { recursive: true }),
      fsp.mkdir(this.outputDir, { recursive: true }),
    ]).then(async () => {
      // Resolve symlinked temp dirs (macOS /var → /private/var) so containment checks compare real paths.
      (this as { uploadDir: string }).uploadDir = await fsp.realpath(this.uploadDir);
      (this as { outputDir: string }).outputDir = await fsp.realpath(this.outputDir);
    });
    this.ready.catch(() => {});
  }

  private roots(): string[] {
    return [this.uploadDir, this.outputDir, ...this.allowed];
  }

  private inside(p: string): boolean {
    return this.roots().some((r) => p.startsWith(r + path.sep));
  }

  /** Writes one uploaded stream into a fresh unguessable folder; rejects with 413 past the size limit. */
  async saveUpload(stream: Readable, name: string | null): Promise<string> {
    await this.ready;
    const dir = path.join(this.uploadDir, randomBytes(16).toString('hex'));
    await fsp.mkdir(dir);
    const file = path.join(dir, safeName(name));
    try {
      await pipeline(stream, createWriteStream(file));
    } catch (err) {
      await fsp.rm(dir, { recursive: true, force: true });
      throw err;
    }
    return file;
  }

  /** Stores bytes produced by a handler in the output store. */
  async saveOutput(data: Uint8Array, name: string | null, mime?: string | null): Promise<string> {
    await this.ready;
    const type = mime ?? sniffMime(data.subarray(0, 16)) ?? (name ? mimeFromName(name) : 'application/octet-stream');
    const fname = name ? safeName(name) : `output.${extensionFor(type)}`;
    const dir = path.join(this.outputDir, randomBytes(16).toString('hex'));
    await fsp.mkdir(dir);
    const file = path.join(dir, fname);
    await fsp.writeFile(file, data);
    return file;
  }

  /**
   * Resolves a requested path to a real file inside the stores, or throws 403. Handles encoded input,
   * `..`, relative and UNC paths, and symlinks that lead out of the store.
   */
  async resolveServable(requested: string): Promise<string> {
    await this.ready;
    const deny = () => new HttpError(403, `File not allowed: ${requested}.`);
    if (!requested || requested.includes('\0') || !path.isAbsolute(requested) || /^(\/\/|\\\\)|^[a-z]+:\/\//i.test(requested)) throw deny();
    const normal = path.resolve(requested);
    if (!this.inside(normal)) throw deny();
    let real: string;
    try {
      real = await fsp.realpath(normal);
    } catch {
      throw deny();
    }
    if (!this.inside(real)) throw deny();
    const st = await fsp.stat(real).catch(() => null);
    if (!st?.isFile()) throw deny();
    return real;
  }

  /** URL clients use to download a stored file. */
  urlFor(root: string, prefix: string, file: string): string {
    return joinUrl(root, prefix, 'file=' + file.split('/').map(encodeURIComponent).join('/').replace(/^%2F/, ''));
  }

  /** Output FileData for a stored file. */
  async describe(file: string, root: string, prefix: string, origName?: string | null, mime?: string | null): Promise<FileData> {
    const st = await fsp.stat(file);
    return fileData(file, {
      url: this.urlFor(root, prefix, file),
      size: st.size,
      orig_name: origName ?? path.basename(file),
      mime_type: mime ?? mimeFromName(file),
    });
  }

  /**
   * Turns an input FileData into a local file: a path must be one of ours (uploaded or produced here);
   * an http(s) URL is downloaded, refusing private addresses unless the app allows them.
   */
  async acceptInput(value: FileData, root: string, prefix: string): Promise<InputFile> {
    await this.ready;
    let file: string;
    if (/^https?:\/\//i.test(value.path)) {
      file = await this.download(value.path, value.orig_name ?? null);
    } else {
      try {
        file = await this.resolveServable(value.path);
      } catch {
        throw new HttpError(400, `File ${value.path} cannot be used as an input: it was not uploaded to this app (upload it to ${prefix}/upload first).`);
      }
    }
    const st = await fsp.stat(file);
    const head = new Uint8Array(16);
    const fh = await fsp.open(file, 'r');
    try {
      await fh.read(head, 0, 16, 0);
    } finally {
      await fh.close();
    }
    const mimeType = sniffMime(head) ?? value.mime_type ?? mimeFromName(value.orig_name ?? file);
    return { path: file, mimeType, origName: value.orig_name ?? null, size: st.size, url: this.urlFor(root, prefix, file) };
  }

  private async download(url: string, name: string | null): Promise<string> {
    let current = url;
    for (let hop = 0; hop < 5; hop++) {
      const u = new URL(current);
      const res = await get(u, this.allowPrivateUrls);
      if (res.status >= 300 && res.status < 400 && res.location) {
        current = new URL(res.location, current).href;
        continue;
      }
      if (res.status !== 200) throw new HttpError(400, `Could not download ${url}: HTTP ${res.status}.`);
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body) {
        size += (chunk as Buffer).length;
        if (this.maxFileSize != null && size > this.maxFileSize) {
          res.body.destroy();
          throw new HttpError(413, `File at ${url} exceeds the maximum size of ${this.maxFileSize} bytes.`);
        }
        chunks.push(chunk as Buffer);
      }
      const dir = path.join(this.uploadDir, randomBytes(16).toString('hex'));
      await fsp.mkdir(dir);
      const file = path.join(dir, safeName(name ?? decodeURIComponent(u.pathname.split('/').pop() ?? '')));
      await fsp.writeFile(file, Buffer.concat(chunks));
      return file;
    }
    throw new HttpError(400, `Too many redirects downloading ${url}.`);
  }

  /** Serves a stored file with Range support and the inline/attachment rule (GET and HEAD). */
  async serve(req: Request, res: Response, requested: string): Promise<void> {
    const file = await this.resolveServable(requested);
    const st = await fsp.stat(file);
    const mime = mimeFromName(file);
    const inline = INLINE.test(mime);
    res.setHeader('Content-Type', inline ? mime : 'application/octet-stream');
    res.setHeader('Content-Disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(path.basename(file))}`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Accept-Ranges', 'bytes');
    res.setHeader('Cache-Control', 'private, max-age=3600');
    let start = 0;
    let end = st.size - 1;
    const range = req.headers.range;
    if (range) {
      const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
      if (!m || (m[1] === '' && m[2] === '')) {
        res.status(416).setHeader('Content-Range', `bytes */${st.size}`).json({ detail: `Invalid Range header: ${range}` });
        return;
      }
      if (m[1] === '') start = Math.max(0, st.size - Number(m[2]));
      else {
        start = Number(m[1]);
        if (m[2] !== '') end = Math.min(end, Number(m[2]));
      }
      if (start > end || start >= st.size) {
        res.status(416).setHeader('Content-Range', `bytes */${st.size}`).json({ detail: `Range ${range} is outside the file (${st.size} bytes).` });
        return;
      }
      res.status(206).setHeader('Content-Range', `bytes ${start}-${end}/${st.size}`);
    }
    res.setHeader('Content-Length', String(end - start + 1));
    if (req.method === 'HEAD' || st.size === 0) {
      res.end();
      return;
    }
    const { createReadStream } = await import('node:fs');
    await pipeline(createReadStream(file, { start, end }), res).catch(() => {});
  }

  /** Deletes both stores (used when an app is closed). */
  async destroy(): Promise<void> {
    await this.ready.catch(() => {});
    await fsp.rm(path.dirname(this.uploadDir), { recursive: true, force: true });
  }
}

/**
 * One GET without following redirects. Unless private addresses are allowed, every address the socket connects to
 * is checked at connect time (so a DNS answer cannot change between the check and the connection).
 */
function get(u: URL, allowPrivate: boolean): Promise<{ status: number; location: string | undefined; body: IncomingMessage }> {
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return Promise.reject(new HttpError(400, `Only http(s) URLs can be fetched, not ${u.protocol}`));
  const guardedLookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 4);
      const list = addresses as LookupAddress[];
      const bad = list.find((a) => isPrivateAddress(a.address));
      if (bad) return callback(new HttpError(400, `Refusing to fetch ${hostname}: it resolves to a private address.`), '', 4);
      if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      else callback(null, list[0].address, list[0].family);
    });
  };
  return new Promise((resolve, reject) => {
    const host = u.hostname.replace(/^\[|\]$/g, '');
    if (!allowPrivate && isIP(host) && isPrivateAddress(host)) {
      reject(new HttpError(400, `Refusing to fetch ${u.hostname}: it is a private address.`));
      return;
    }
    const req = (u.protocol === 'https:' ? httpsGet : httpGet)(u, { lookup: allowPrivate ? undefined : guardedLookup, timeout: 30_000 }, (res) =>
      resolve({ status: res.statusCode ?? 0, location: res.headers.location, body: res }),
    );
    req.on('timeout', () => req.destroy(new HttpError(400, `Timed out downloading ${u.href}.`)));
    req.on('error', (err) => reject(err instanceof HttpError ? err : new HttpError(400, `Could not download ${u.href}: ${err.message}`)));
  });
}

export function isPrivateAddress(ip: string): boolean {
  const v4 = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  if (isIP(v4) === 4) {
    const [a, b] = v4.split('.').map(Number);
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || a >= 224;
  }
  const s = ip.toLowerCase();
  return s === '::' || s === '::1' || s.startsWith('fc') || s.startsWith('fd') || s.startsWith('fe8') || s.startsWith('fe9') ||
    s.startsWith('fea') || s.startsWith('feb') || s.startsWith('ff');
}
