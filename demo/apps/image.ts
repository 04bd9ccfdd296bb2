import sharp from 'sharp';
import { AppError, Interface, image, radio } from '../../src/server/index.js';
import { MAX_FILE_SIZE } from './limits.js';

/** `/image/`: really processes the pixels with sharp and returns a PNG. */
export function imageApp() {
  return Interface({
    title: 'Image filters',
    description: 'Upload an image and pick a filter.',
    fn: async function filter(img, kind) {
      if (!img) throw new AppError('Please upload an image first.', { title: 'No image' });
      let p = sharp(img.path, { failOn: 'error' });
      if (kind === 'grayscale') p = p.grayscale();
      else if (kind === 'invert') p = p.negate({ alpha: false });
      else p = p.blur(6);
      try {
        return await p.png().toBuffer();
      } catch {
        throw new AppError('That file is not an image this server can read.', { title: 'Unreadable image' });
      }
    },
    inputs: [image({ label: 'Image', sources: ['upload', 'clipboard'] }), radio({ label: 'Filter', choices: ['grayscale', 'invert', 'blur'], value: 'grayscale' })],
    outputs: image({ label: 'Result' }),
    apiName: 'filter',
    concurrencyLimit: 2,
    maxFileSize: MAX_FILE_SIZE,
  });
}
