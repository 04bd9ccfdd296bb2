import sharp from 'sharp';
import { AppError, Blocks, audio, button, file, gallery, json, markdown, row, slider, tab, tabs, type InputFile } from '../../src/server/index.js';
import { MAX_FILE_SIZE } from './limits.js';

const COLOURS = ['#ef4444', '#f59e0b', '#10b981', '#3b82f6', '#8b5cf6', '#ec4899'];

/** A mono 16-bit PCM WAV of a sine tone. */
export function toneWav(frequency: number, seconds: number, rate = 8000): Buffer {
  const samples = Math.round(rate * seconds);
  const buf = Buffer.alloc(44 + samples * 2);
  buf.write('RIFF', 0);
  buf.writeUInt32LE(36 + samples * 2, 4);
  buf.write('WAVEfmt ', 8);
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20); // PCM
  buf.writeUInt16LE(1, 22); // mono
  buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE(rate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36);
  buf.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) {
    const fade = Math.min(1, i / 200, (samples - i) / 200);
    buf.writeInt16LE(Math.round(Math.sin((2 * Math.PI * frequency * i) / rate) * 12000 * fade), 44 + i * 2);
  }
  return buf;
}

/** `/media/`: media outputs generated on the server (gallery of PNGs, a WAV tone) and file inspection. */
export function mediaApp() {
  return Blocks({ title: 'Media', maxFileSize: MAX_FILE_SIZE }, () => {
    markdown('# Media\nImages, sound and files made or read by the server.');
    tabs(() => {
      tab('Gallery', () => {
        const count = slider({ label: 'Count', minimum: 1, maximum: 6, step: 1, value: 3 });
        const make = button({ value: 'Make', variant: 'primary' });
        const swatches = gallery({ label: 'Swatches', columns: 3 });
        make.click({
          fn: async function swatchesOf(n: number) {
            return Promise.all(
              COLOURS.slice(0, n).map(async (c) => [await sharp({ create: { width: 64, height: 64, channels: 3, background: c } }).png().toBuffer(), c] as [Buffer, string]),
            );
          },
          inputs: count,
          outputs: swatches,
          apiName: 'swatches',
          concurrencyLimit: null,
        });
      });
      tab('Audio', () => {
        let freq!: ReturnType<typeof slider>;
        let secs!: ReturnType<typeof slider>;
        row(() => {
          freq = slider({ label: 'Frequency', minimum: 110, maximum: 880, step: 10, value: 440 });
          secs = slider({ label: 'Seconds', minimum: 0.2, maximum: 3, step: 0.1, value: 1 });
        });
        const play = button({ value: 'Make tone', variant: 'primary' });
        const tone = audio({ label: 'Tone' });
        play.click({ fn: function toneOf(f: number, s: number) { return { data: toneWav(f, s), name: `tone-${f}hz.wav`, mimeType: 'audio/wav' }; }, inputs: [freq, secs], outputs: tone, apiName: 'tone', concurrencyLimit: null });
      });
      tab('File', () => {
        const upload = file({ label: 'Upload' });
        const inspect = button({ value: 'Inspect', variant: 'primary' });
        const info = json({ label: 'Info' });
        const copy = file({ label: 'Copy' });
        inspect.click({
          fn: function inspectFile(f: InputFile | null) {
            if (!f) throw new AppError('Choose a file first.', { title: 'No file' });
            return [{ name: f.origName, size: f.size, mimeType: f.mimeType }, f];
          },
          inputs: upload,
          outputs: [info, copy],
          apiName: 'inspect',
          concurrencyLimit: null,
        });
      });
    });
  });
}
