import { ChatInterface } from '../../src/server/index.js';
import { MAX_FILE_SIZE } from './limits.js';

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), reject(signal.reason)), { once: true });
  });

/** A canned reply with markdown (bold and a fenced code block) that quotes the user's message. */
export function replyTo(message: string): string {
  const said = message.trim() || 'nothing';
  return [
    `You said **${said.replace(/\*/g, '')}**. Here is a tiny Python function that says it back:`,
    '',
    '```python',
    'def echo(text):',
    '    return text',
    '```',
    '',
    'Streaming, **word by word**, from a TypeScript server.',
  ].join('\n');
}

/** `/chat/`: streams the reply word by word (~50 ms apart), so a browser sees many steps. */
export function chatApp() {
  return ChatInterface({
    title: 'Chat',
    description: 'An echo bot that streams a markdown reply.',
    fn: async function* chat(message, _history, { signal }) {
      const words = replyTo(message).split(/(?<=\s)/);
      let reply = '';
      for (const w of words) {
        await sleep(50, signal);
        reply += w;
        yield reply;
      }
    },
    examples: ['Hello!', 'Show me some code'],
    apiName: 'chat',
    concurrencyLimit: null,
    maxFileSize: MAX_FILE_SIZE,
  });
}
