import { AppError, ChatInterface } from '../../src/server/index.js';
import { MAX_FILE_SIZE } from './limits.js';

// The abort listener goes away with the timer: a long reply would otherwise pile one up per word.
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const abort = () => (clearTimeout(t), reject(signal.reason));
    const t = setTimeout(() => (signal.removeEventListener('abort', abort), resolve()), ms);
    signal.addEventListener('abort', abort, { once: true });
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

/** A message with this word makes the reply fail after a few words (to see how a page shows a broken reply). */
export const FAIL_WORD = /\bfail\b/i;

/**
 * `/chat/`: streams the reply word by word (~50 ms apart), so a browser sees many steps. A message containing
 * the word "fail" gets a few words, then an AppError.
 */
export function chatApp() {
  return ChatInterface({
    title: 'Chat',
    description: 'An echo bot that streams a markdown reply.',
    fn: async function* chat(message, _history, { signal }) {
      const words = replyTo(message).split(/(?<=\s)/);
      const failAfter = FAIL_WORD.test(message) ? 4 : Infinity;
      let reply = '';
      for (const [i, w] of words.entries()) {
        if (i === failAfter) throw new AppError('The model stopped in the middle of its reply.', { title: 'Reply failed' });
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
