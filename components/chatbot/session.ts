// Standalone mode: which endpoint of an app is a chat endpoint, what to send it, and how to read its replies.
import type { ApiEndpointDescription, Client } from '../../src/client/index.js';
import type { FileData } from '../../src/protocol/index.js';
import { normaliseValue, type ChatMessage, type ChatPart } from './messages.js';

export class ChatSetupError extends Error {
  constructor(
    readonly code: 'not_chat_endpoint' | 'not_found',
    message: string,
  ) {
    super(message);
  }
}

/** How one chat endpoint takes its inputs. */
export interface ChatEndpoint {
  name: string;
  /** The first input takes `{text, files}` (MultimodalTextbox) rather than a string. */
  multimodal: boolean;
  /** Position of a history input, or -1 when the app keeps history itself (State). */
  historyIndex: number;
  /** The output is a whole conversation (a Chatbot) rather than the reply. */
  returnsConversation: boolean;
  endpoint: ApiEndpointDescription;
}

const textLike = (component: string) => ['textbox', 'multimodaltextbox', 'textarea'].includes(component.toLowerCase());

/** Picks the chat endpoint (`apiName`, else `/chat`, else the one taking a `message`), or explains why there is none. */
export function chatEndpoint(client: Client, apiName: string | null): ChatEndpoint {
  const all = client.viewApi().endpoints;
  const want = apiName ? '/' + apiName.replace(/^\/+/, '') : null;
  const ep = want
    ? all.find((e) => e.name === want)
    : (all.find((e) => e.name === '/chat') ??
      all.find((e) => e.parameters[0]?.name === 'message' && textLike(e.parameters[0].component)));
  if (!ep) {
    const names = all.map((e) => e.name).join(', ') || 'none';
    throw new ChatSetupError(
      'not_chat_endpoint',
      want ? `This app has no ${want} endpoint (it has: ${names}).` : `This app has no chat endpoint; set api-name (endpoints: ${names}).`,
    );
  }
  const first = ep.parameters[0];
  if (!first || !(textLike(first.component) || first.name === 'message' || first.type === 'string')) {
    throw new ChatSetupError('not_chat_endpoint', `${ep.name} is not a chat endpoint: it does not take a message.`);
  }
  return {
    name: ep.name,
    endpoint: ep,
    multimodal: first.component.toLowerCase() === 'multimodaltextbox',
    historyIndex: ep.parameters.findIndex((p, i) => i > 0 && (/history/i.test(p.name) || p.component.toLowerCase() === 'chatbot')),
    returnsConversation: ep.returns[0]?.component.toLowerCase() === 'chatbot',
  };
}

/** History as apps take it: role + content, files as their FileData. */
function historyForApi(history: readonly ChatMessage[]): unknown[] {
  return history
    .filter((m) => !m.metadata?.title)
    .map((m) => ({ role: m.role, content: m.content }));
}

/** The inputs of one call: the message, history where the endpoint takes it, defaults for the rest. */
export function chatInputs(ep: ChatEndpoint, text: string, files: FileData[], history: readonly ChatMessage[]): unknown[] {
  return ep.endpoint.parameters.map((p, i) => {
    if (i === 0) return ep.multimodal ? { text, files } : text;
    if (i === ep.historyIndex) return historyForApi(history);
    return p.hasDefault ? p.default : null;
  });
}

/** The user's message as shown in the conversation. */
export function userMessage(text: string, files: FileData[]): ChatMessage {
  if (!files.length) return { role: 'user', content: text };
  const parts: ChatPart[] = files.map((file) => ({ type: 'file', file }));
  if (text) parts.unshift({ type: 'text', text });
  return { role: 'user', content: parts };
}

/**
 * The conversation after a (partial) result: `base` (history + the user's message) plus the reply. Replies come as
 * a string, a message dict, a list of messages (thoughts + answer), `{text, files}`, or a whole Chatbot history.
 */
export function withReply(value: unknown, base: readonly ChatMessage[], returnsConversation: boolean): ChatMessage[] {
  if (value === null || value === undefined) return [...base];
  if (typeof value === 'string') return [...base, { role: 'assistant', content: value }];
  if (Array.isArray(value)) {
    const msgs = normaliseValue(value);
    if (returnsConversation || msgs.some((m) => m.role === 'user')) return msgs;
    if (msgs.length) return [...base, ...msgs];
    if (value.every((v) => typeof v === 'string')) return [...base, { role: 'assistant', content: value.join('') }];
    return [...base];
  }
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('content' in v) return [...base, { role: 'assistant', ...(v as Partial<ChatMessage>), content: v.content } as ChatMessage];
    if ('text' in v || 'files' in v) {
      const parts: ChatPart[] = [];
      if (typeof v.text === 'string' && v.text) parts.push({ type: 'text', text: v.text });
      for (const f of (v.files as FileData[] | undefined) ?? []) parts.push({ type: 'file', file: f });
      return [...base, { role: 'assistant', content: parts }];
    }
    if ('path' in v || 'url' in v) return [...base, { role: 'assistant', content: [{ type: 'file', file: v as unknown as FileData }] }];
  }
  return [...base, { role: 'assistant', content: String(value) }];
}
