// The messages format of Gradio's Chatbot, and how the element turns it into what it draws.
import type { FileData } from '../../src/protocol/index.js';

export type ChatRole = 'user' | 'assistant' | 'system';

export interface ChatMetadata {
  /** Shows the message as a collapsible "thought" / tool-call panel with this title. */
  title?: string | null;
  id?: string | number | null;
  parent_id?: string | number | null;
  log?: string | null;
  /** Seconds, shown next to the title. */
  duration?: number | null;
  /** `pending` shows a spinner; `done` closes the panel. */
  status?: 'pending' | 'done' | null;
}

export interface TextPart {
  type: 'text';
  text: string;
}
export interface FilePart {
  type: 'file';
  file: FileData;
  alt_text?: string | null;
}
export interface ComponentPart {
  type: 'component';
  component: string;
  value: unknown;
  alt_text?: string | null;
  props?: Record<string, unknown>;
  constructor_args?: Record<string, unknown>;
}
export type ChatPart = TextPart | FilePart | ComponentPart;

export interface ChatOption {
  value: string;
  label?: string;
}

export interface ChatMessage {
  role: ChatRole;
  /** A markdown string, or a list of parts (Gradio 5+ wire form), or one `{file}` / component part. */
  content: string | ChatPart[] | ChatPart | { file: FileData; alt_text?: string | null };
  metadata?: ChatMetadata | null;
  options?: ChatOption[] | null;
}

/** A message as drawn: its parts, and the thoughts nested under it by `parent_id`. */
export interface ChatItem {
  index: number;
  message: ChatMessage;
  parts: ChatPart[];
  children: ChatItem[];
}

/** Every content form Gradio and OpenAI-style apps send, as a list of parts. */
export function toParts(content: ChatMessage['content'] | null | undefined): ChatPart[] {
  if (content === null || content === undefined) return [];
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (Array.isArray(content)) return content.flatMap((c) => toParts(c as ChatMessage['content']));
  if (typeof content !== 'object') return [{ type: 'text', text: String(content) }];
  const c = content as Partial<ChatPart> & { file?: FileData; path?: string; text?: string; content?: unknown };
  if (c.type === 'text' && typeof c.text === 'string') return [c as TextPart];
  if (c.type === 'component') return [c as ComponentPart];
  if (c.file) return [{ type: 'file', file: c.file, alt_text: (c as FilePart).alt_text ?? null }];
  if (typeof c.path === 'string' || typeof (c as FileData).url === 'string') return [{ type: 'file', file: c as FileData }];
  if (typeof c.text === 'string') return [{ type: 'text', text: c.text }];
  return [];
}

/** The message's text (markdown parts joined): what copy and edit work on. */
export function messageText(m: ChatMessage): string {
  return toParts(m.content)
    .filter((p): p is TextPart => p.type === 'text')
    .map((p) => p.text)
    .join('\n\n');
}

/** Accepts the messages format, OpenAI-style string content and the old `[user, bot]` pairs. */
export function normaliseValue(value: unknown): ChatMessage[] {
  if (!Array.isArray(value)) return [];
  const out: ChatMessage[] = [];
  for (const m of value) {
    if (Array.isArray(m) && m.length === 2) {
      if (m[0] !== null && m[0] !== undefined) out.push({ role: 'user', content: m[0] as string });
      if (m[1] !== null && m[1] !== undefined) out.push({ role: 'assistant', content: m[1] as string });
    } else if (m && typeof m === 'object' && 'role' in m) out.push(m as ChatMessage);
  }
  return out;
}

/** Nests thoughts under their parent (`metadata.parent_id` → `metadata.id`); everything else stays in order. */
export function buildItems(messages: readonly ChatMessage[], previous: readonly ChatItem[] = []): ChatItem[] {
  const roots: ChatItem[] = [];
  const byId = new Map<string | number, ChatItem>();
  messages.forEach((message, index) => {
    // Reuse the parts of unchanged messages: keeps identities stable for the renderer.
    const old = previous[index];
    const parts = old && old.message === message ? old.parts : toParts(message.content);
    const item: ChatItem = { index, message, parts, children: [] };
    const md = message.metadata;
    const parent = md?.parent_id !== undefined && md?.parent_id !== null ? byId.get(md.parent_id) : undefined;
    if (parent) parent.children.push(item);
    else roots.push(item);
    if (md?.id !== undefined && md?.id !== null) byId.set(md.id, item);
  });
  return roots;
}

const IMAGE = /\.(png|jpe?g|gif|webp|avif|bmp|svg)$/i;
const AUDIO = /\.(mp3|wav|ogg|oga|flac|m4a|aac|opus)$/i;
const VIDEO = /\.(mp4|webm|mov|mkv|ogv)$/i;

/** How to show a file: by MIME type, else by extension. */
export function fileKind(file: Partial<FileData> | null | undefined): 'image' | 'audio' | 'video' | 'file' {
  const mime = file?.mime_type ?? '';
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('audio/')) return 'audio';
  if (mime.startsWith('video/')) return 'video';
  const name = (file?.orig_name || file?.path || file?.url || '').split(/[?#]/)[0]!;
  return IMAGE.test(name) ? 'image' : AUDIO.test(name) ? 'audio' : VIDEO.test(name) ? 'video' : 'file';
}

/** Only URL schemes that cannot run script in the page. */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url.trim())?.[1]?.toLowerCase();
  return !scheme || ['http', 'https', 'blob', 'data'].includes(scheme) ? url : null;
}

export function fileName(file: Partial<FileData>): string {
  if (file.orig_name) return file.orig_name;
  const s = (file.path || file.url || 'file').split(/[?#]/)[0]!;
  return s.split(/[\\/]/).pop() || 'file';
}
