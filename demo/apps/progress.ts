import { AppError, Blocks, button, markdown, number, textbox } from '../../src/server/index.js';
import { MAX_FILE_SIZE } from './limits.js';

// The abort listener goes away with the timer: a long reply would otherwise pile one up per word.
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const abort = () => (clearTimeout(t), reject(signal.reason));
    const t = setTimeout(() => (signal.removeEventListener('abort', abort), resolve()), ms);
    signal.addEventListener('abort', abort, { once: true });
  });

/** Jobs that may wait at once; one more is refused with 503 "Queue is full". */
export const PROGRESS_MAX_QUEUE = 4;

/**
 * `/progress/`: one job at a time (200 ms per step), so a second user sees a queue position and an ETA; at most
 * four jobs wait behind it: one more is refused, so a page can show a full queue.
 */
export function progressApp() {
  return Blocks({ title: 'Progress', maxFileSize: MAX_FILE_SIZE, maxQueueSize: PROGRESS_MAX_QUEUE }, () => {
    markdown('# Slow job\nEach step takes 200 ms. Only one job runs at a time: open two tabs to see the queue.');
    const steps = number({ label: 'Steps', value: 5, minimum: 1, maximum: 100, precision: 0 });
    const run = button({ value: 'Run', variant: 'primary' });
    const log = textbox({ label: 'Log', lines: 4 });
    run.click({
      fn: async function slow(n, { progress, signal, info }) {
        const total = Math.round(n ?? 5);
        if (!(total >= 1 && total <= 100)) throw new AppError('Steps must be between 1 and 100.', { title: 'Invalid steps' });
        const lines: string[] = [];
        for (let i = 0; i < total; i++) {
          progress({ index: i, length: total, unit: 'steps' }, `Step ${i + 1} of ${total}`);
          await sleep(200, signal);
          lines.push(`step ${i + 1}/${total} done`);
        }
        progress({ index: total, length: total, unit: 'steps' }, 'Done');
        info(`Finished ${total} steps.`);
        return lines.join('\n');
      },
      inputs: steps,
      outputs: log,
      apiName: 'slow',
      concurrencyLimit: 1,
    });
  });
}
