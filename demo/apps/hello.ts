import { Interface, slider, textbox } from '../../src/server/index.js';
import { MAX_FILE_SIZE } from './limits.js';

/** `/hello/`: greet(name, intensity) → "Hello, Ada!" with `intensity` exclamation marks. */
export function helloApp() {
  return Interface({
    title: 'Hello',
    description: 'Type a name and choose how excited the greeting is.',
    fn: (name, intensity) => `Hello, ${name}${'!'.repeat(Math.max(0, Math.round(intensity)))}`,
    inputs: [textbox({ label: 'Name', placeholder: 'Ada' }), slider({ label: 'Intensity', minimum: 1, maximum: 5, step: 1, value: 1 })],
    outputs: textbox({ label: 'Greeting' }),
    examples: [['Ada', 1], ['Grace', 3]],
    apiName: 'greet',
    concurrencyLimit: null,
    maxFileSize: MAX_FILE_SIZE,
  });
}
