// audio, video, file, uploadbutton, downloadbutton, gallery, annotatedimage: what a user does and sees,
// keyboard use, accessible names and the error cases, in real Chromium.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../components/audio/audio.js';
import '../../components/video/video.js';
import '../../components/image/image.js';
import '../../components/file/file.js';
import '../../components/uploadbutton/uploadbutton.js';
import '../../components/downloadbutton/downloadbutton.js';
import '../../components/gallery/gallery.js';
import '../../components/annotatedimage/annotatedimage.js';
import type { MlAudio } from '../../components/audio/audio.js';
import type { MlVideo } from '../../components/video/video.js';
import type { MlFile } from '../../components/file/file.js';
import type { MlUploadbutton } from '../../components/uploadbutton/uploadbutton.js';
import type { MlDownloadbutton } from '../../components/downloadbutton/downloadbutton.js';
import type { MlGallery } from '../../components/gallery/gallery.js';
import type { MlAnnotatedimage } from '../../components/annotatedimage/annotatedimage.js';
import type { MlComponentEvent, MlErrorEvent } from '../../components/base/events.js';
import { ContextProvider } from '@lit/context';
import { appContext } from '../../components/base/context.js';
import { connect, type Client } from '../../src/client/index.js';
import type { FileData } from '../../src/protocol/index.js';
import { ORIGIN, alertText, chooseFiles, drop, part, parts, pngFile } from './helpers.js';

/** A short 8 kHz mono sine tone as a real WAV file. */
function wavFile(name = 'tone.wav', seconds = 0.25): File {
  const rate = 8000;
  const n = Math.floor(rate * seconds);
  const v = new DataView(new ArrayBuffer(44 + n * 2));
  const str = (o: number, s: string) => [...s].forEach((c, i) => v.setUint8(o + i, c.charCodeAt(0)));
  str(0, 'RIFF');
  v.setUint32(4, 36 + n * 2, true);
  str(8, 'WAVE');
  str(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true);
  v.setUint16(22, 1, true);
  v.setUint32(24, rate, true);
  v.setUint32(28, rate * 2, true);
  v.setUint16(32, 2, true);
  v.setUint16(34, 16, true);
  str(36, 'data');
  v.setUint32(40, n * 2, true);
  for (let i = 0; i < n; i++) v.setInt16(44 + i * 2, Math.round(Math.sin(i / 4) * 8000), true);
  return new File([v.buffer], name, { type: 'audio/wav' });
}

const focused = (el: Element) => el.shadowRoot!.activeElement as HTMLElement | null;

describe('<ml-audio>', () => {
  it('is accessible when empty: Choose audio and Record buttons, audio/* accepted', async () => {
    const el = await fixture<MlAudio>(html`<ml-audio label="Voice"></ml-audio>`);
    await expect(el).to.be.accessible();
    expect(part(el, 'upload-button')!.textContent!.trim()).to.equal('Choose audio');
    expect(part(el, 'record-button')!.textContent!.trim()).to.equal('Record');
    expect(el.shadowRoot!.querySelector('input[type=file]')!.getAttribute('accept')).to.equal('audio/*');
  });

  it('a WAV picked in a form plays in the native player, is the FormData entry, and clears by keyboard', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><ml-audio name="voice" label="Voice"></ml-audio></form>`);
    const el = form.querySelector('ml-audio')!;
    const changed = oneEvent(el, 'change');
    await chooseFiles('ml-audio >>> [part~="upload-button"]', [wavFile()]);
    await changed;
    await el.updateComplete;
    const audio = part(el, 'player') as HTMLAudioElement;
    expect(audio.controls).to.equal(true);
    expect(audio.getAttribute('aria-label')).to.equal('Voice');
    await waitUntil(() => audio.duration > 0.2, 'the audio did not load');
    expect((new FormData(form).get('voice') as File).name).to.equal('tone.wav');
    expect(part(el, 'download-button')!.getAttribute('download')).to.equal('tone.wav');
    await expect(el).to.be.accessible();

    part(el, 'download-button')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(focused(el)!.getAttribute('aria-label')).to.equal('Clear audio');
    const cleared = oneEvent(el, 'ml-clear');
    await sendKeys({ press: 'Enter' });
    await cleared;
    expect(el.value).to.equal(null);
    expect(new FormData(form).get('voice')).to.equal(null);
  });

  it('draws a waveform of the audio; a click on it seeks; without-waveform hides it', async () => {
    const el = await fixture<MlAudio>(html`<ml-audio label="Voice" .value=${wavFile('wave.wav', 1)}></ml-audio>`);
    const canvas = await waitUntil(() => part(el, 'waveform'), 'no waveform').then(() => part(el, 'waveform') as HTMLCanvasElement);
    expect(canvas.getAttribute('aria-hidden')).to.equal('true');
    const audio = part(el, 'player') as HTMLAudioElement;
    await waitUntil(() => audio.duration > 0.9);
    await el.updateComplete;
    const px = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    expect(px.some((v, i) => i % 4 === 3 && v > 0), 'bars drawn').to.equal(true);
    const r = canvas.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(r.left + r.width * 0.75), Math.round(r.top + r.height / 2)] });
    await waitUntil(() => Math.abs(audio.currentTime - 0.75) < 0.05, `seeked to ${audio.currentTime}`);
    el.withoutWaveform = true;
    await el.updateComplete;
    expect(part(el, 'waveform')).to.equal(null);
  });

  it('a non-audio file is refused with a message and ml-error file_type', async () => {
    const el = await fixture<MlAudio>(html`<ml-audio label="Voice"></ml-audio>`);
    const failed = oneEvent(el, 'ml-error') as Promise<MlErrorEvent>;
    drop(part(el, 'dropzone')!, [await pngFile('pic.png')]);
    expect((await failed).code).to.equal('file_type');
    await el.updateComplete;
    expect(alertText(el)).to.contain('pic.png is not an accepted type (audio)');
  });

  it('recording without a microphone says so and fires ml-error media_device; upload still works', async () => {
    const el = await fixture<MlAudio>(html`<ml-audio label="Voice"></ml-audio>`);
    const failed = oneEvent(el, 'ml-error') as Promise<MlErrorEvent>;
    part(el, 'record-button')!.click();
    expect((await failed).code).to.equal('media_device');
    await el.updateComplete;
    expect(alertText(el)).to.match(/^The microphone is not available/);
    drop(part(el, 'dropzone')!, [wavFile('again.wav')]);
    await waitUntil(() => part(el, 'player'));
    expect(alertText(el)).to.equal('');
  });

  it('an unreachable audio URL shows a message and fires ml-error network', async () => {
    const el = document.createElement('ml-audio');
    el.interactive = false;
    const failed = oneEvent(el, 'ml-error') as Promise<MlErrorEvent>;
    el.value = 'http://127.0.0.1:9/gone.wav';
    document.body.append(el);
    try {
      expect((await failed).code).to.equal('network');
      await el.updateComplete;
      expect(alertText(el)).to.contain('gone.wav could not be loaded');
      expect(part(el, 'clear-button')).to.equal(null);
    } finally {
      el.remove();
    }
  });
});

/**
 * Runs `fn` with getUserMedia answering a synthetic device: a canvas stream (left half red, right half blue) for
 * video and an oscillator for audio. Chromium's fake capture devices need launch flags the shared runner does not set.
 */
async function withSyntheticDevices(fn: () => Promise<void>): Promise<void> {
  const md = navigator.mediaDevices;
  const original = md.getUserMedia;
  const canvas = document.createElement('canvas');
  canvas.width = 32;
  canvas.height = 16;
  const g = canvas.getContext('2d')!;
  const audio = new AudioContext();
  const timer = setInterval(() => {
    g.fillStyle = 'rgb(255,0,0)';
    g.fillRect(0, 0, 16, 16);
    g.fillStyle = 'rgb(0,0,255)';
    g.fillRect(16, 0, 16, 16);
  }, 30);
  md.getUserMedia = async (c?: MediaStreamConstraints) => {
    const tracks: MediaStreamTrack[] = [];
    if (c?.video) tracks.push(...canvas.captureStream(15).getVideoTracks());
    if (c?.audio) {
      const osc = audio.createOscillator();
      const dest = audio.createMediaStreamDestination();
      osc.connect(dest);
      osc.start();
      tracks.push(...dest.stream.getAudioTracks());
    }
    return new MediaStream(tracks);
  };
  try {
    await fn();
  } finally {
    md.getUserMedia = original;
    clearInterval(timer);
    await audio.close();
  }
}

describe('recording and capture (synthetic devices)', () => {
  it('<ml-image>: Use webcam shows a preview; Take photo makes a mirrored PNG the value', async () => {
    await withSyntheticDevices(async () => {
      const el = await fixture<HTMLElement & { value: unknown; updateComplete: Promise<boolean> }>(html`<ml-image label="Selfie"></ml-image>`);
      part(el, 'webcam-button')!.click();
      await waitUntil(() => (part(el, 'webcam') as HTMLVideoElement | null)?.videoWidth === 32, 'no camera preview');
      expect(part(el, 'webcam')!.getAttribute('aria-label')).to.equal('Camera preview');
      const changed = oneEvent(el, 'change');
      part(el, 'capture-button')!.click();
      await changed;
      const photo = el.value as File;
      expect(photo.type).to.equal('image/png');
      const bmp = await createImageBitmap(photo);
      const c = new OffscreenCanvas(bmp.width, bmp.height);
      const g = c.getContext('2d')!;
      g.drawImage(bmp, 0, 0);
      expect([...g.getImageData(2, 8, 1, 1).data.slice(0, 3)]).to.deep.equal([0, 0, 255]); // mirrored: blue on the left
      await waitUntil(() => part(el, 'image'));
    });
  });

  it('<ml-audio>: Record, then Stop recording makes the recording the value, played in the player', async () => {
    await withSyntheticDevices(async () => {
      const el = await fixture<MlAudio>(html`<ml-audio label="Voice"></ml-audio>`);
      const started = oneEvent(el, 'ml-start_recording');
      part(el, 'record-button')!.click();
      await started;
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[role=status]')!.textContent).to.match(/Recording 0:0\d/);
      await new Promise((r) => setTimeout(r, 600));
      const stopped = oneEvent(el, 'ml-stop_recording');
      const changed = oneEvent(el, 'change');
      part(el, 'stop-button')!.click();
      await stopped;
      await changed;
      const rec = el.value as File;
      expect(rec.type).to.match(/^audio\//);
      expect(rec.size).to.be.above(0);
      await el.updateComplete;
      expect(part(el, 'player')).to.exist;
    });
  });

  it('<ml-video>: Record shows the camera, Stop recording makes a playable video the value', async () => {
    await withSyntheticDevices(async () => {
      const el = await fixture<MlVideo>(html`<ml-video label="Clip"></ml-video>`);
      part(el, 'record-button')!.click();
      await waitUntil(() => (part(el, 'webcam') as HTMLVideoElement | null)?.videoWidth === 32, 'no camera preview');
      await new Promise((r) => setTimeout(r, 600));
      const changed = oneEvent(el, 'change');
      part(el, 'stop-button')!.click();
      await changed;
      expect((el.value as File).type).to.match(/^video\//);
      await waitUntil(() => (part(el, 'player') as HTMLVideoElement | null)?.videoWidth === 32, 'the recording did not load');
    });
  });
});

describe('<ml-video>', () => {
  it('is accessible when empty; a dropped non-video is refused; an unreachable URL reports network', async () => {
    const el = await fixture<MlVideo>(html`<ml-video label="Clip"></ml-video>`);
    await expect(el).to.be.accessible();
    expect(part(el, 'upload-button')!.textContent!.trim()).to.equal('Choose video');
    expect(part(el, 'record-button')!.textContent!.trim()).to.equal('Record');
    const wrong = oneEvent(el, 'ml-error') as Promise<MlErrorEvent>;
    drop(part(el, 'dropzone')!, [wavFile()]);
    expect((await wrong).code).to.equal('file_type');

    const unreachable = oneEvent(el, 'ml-error') as Promise<MlErrorEvent>;
    el.value = 'http://127.0.0.1:9/gone.webm';
    expect((await unreachable).code).to.equal('network');
    await el.updateComplete;
    expect(alertText(el)).to.contain('gone.webm could not be loaded');
  });

  it('a recorded WebM dropped in plays, fires ml-play, clears by keyboard; the sources prop hides the webcam', async () => {
    // Make a real video: a canvas stream through MediaRecorder.
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 48;
    const g = canvas.getContext('2d')!;
    const stream = canvas.captureStream(15);
    const rec = new MediaRecorder(stream, { mimeType: 'video/webm' });
    const chunks: Blob[] = [];
    rec.ondataavailable = (e) => chunks.push(e.data);
    rec.start(50);
    for (let i = 0; i < 8; i++) {
      g.fillStyle = `hsl(${i * 40} 80% 50%)`;
      g.fillRect(0, 0, 64, 48);
      await new Promise((r) => setTimeout(r, 40));
    }
    await new Promise((r) => ((rec.onstop = r), rec.stop()));
    const file = new File(chunks, 'clip.webm', { type: 'video/webm' });

    const el = await fixture<MlVideo>(html`<ml-video label="Clip" sources="upload"></ml-video>`);
    expect(part(el, 'record-button')).to.equal(null);
    drop(part(el, 'dropzone')!, [file]);
    await waitUntil(() => (part(el, 'player') as HTMLVideoElement | null)?.videoWidth === 64, 'the video did not load');
    const video = part(el, 'player') as HTMLVideoElement;
    video.muted = true;
    const played = oneEvent(el, 'ml-play');
    await video.play();
    await played;
    await expect(el).to.be.accessible();
    expect(video.getAttribute('aria-label')).to.equal('Clip');
    part(el, 'download-button')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(focused(el)!.getAttribute('aria-label')).to.equal('Clear video');
    const cleared = oneEvent(el, 'ml-clear');
    await sendKeys({ press: 'Enter' });
    await cleared;
    expect(el.value).to.equal(null);
    expect(part(el, 'upload-button')).to.exist;
  });
});

describe('<ml-file>', () => {
  it('multiple files chosen in a form are listed with sizes, sent with the form, and removed by keyboard', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><ml-file name="docs" label="Documents" file-count="multiple"></ml-file></form>`);
    const el = form.querySelector('ml-file')!;
    await expect(el).to.be.accessible();
    const changed = oneEvent(el, 'change');
    const a = new File(['a'.repeat(1536)], 'a.txt', { type: 'text/plain' });
    const b = new File(['hello'], 'b.csv', { type: 'text/csv' });
    await chooseFiles('ml-file >>> [part~="upload-button"]', [a, b]);
    await changed;
    await el.updateComplete;
    expect(parts(el, 'download-link').map((x) => x.textContent)).to.deep.equal(['a.txt', 'b.csv']);
    expect(parts(el, 'size').map((x) => x.textContent)).to.deep.equal(['1.5 KB', '5 B']);
    expect(new FormData(form).getAll('docs').map((f) => (f as File).name)).to.deep.equal(['a.txt', 'b.csv']);
    await expect(el).to.be.accessible();

    const removeA = parts(el, 'remove-button')[0]!;
    expect(removeA.getAttribute('aria-label')).to.equal('Remove a.txt');
    removeA.focus();
    const deleted = oneEvent(el, 'ml-delete') as Promise<MlComponentEvent>;
    await sendKeys({ press: 'Enter' });
    expect((await deleted).data).to.include({ index: 0 });
    await el.updateComplete;
    expect(parts(el, 'download-link').map((x) => x.textContent)).to.deep.equal(['b.csv']);
    expect(new FormData(form).getAll('docs').map((f) => (f as File).name)).to.deep.equal(['b.csv']);
    expect(focused(el)?.getAttribute('aria-label')).to.equal('Remove b.csv');
  });

  it('file-types filters what is accepted, with a message and ml-error file_type', async () => {
    const el = await fixture<MlFile>(html`<ml-file label="Data" file-types='[".csv", "application/json"]'></ml-file>`);
    expect(el.shadowRoot!.querySelector('input[type=file]')!.getAttribute('accept')).to.equal('.csv,application/json');
    const failed = oneEvent(el, 'ml-error') as Promise<MlErrorEvent>;
    drop(part(el, 'dropzone')!, [await pngFile('x.png')]);
    expect((await failed).code).to.equal('file_type');
    await el.updateComplete;
    expect(alertText(el)).to.contain('x.png is not an accepted type (.csv, application/json)');
    drop(part(el, 'dropzone')!, [new File(['{}'], 'ok.json', { type: 'application/json' })]);
    await waitUntil(() => part(el, 'download-link')?.textContent === 'ok.json');
    expect(alertText(el)).to.equal('');
  });

  it('hostile FileData from an app: names render as text, script URLs are not linked', async () => {
    const el = await fixture<MlFile>(html`<ml-file label="Out" .interactive=${false} .value=${[
      { path: '/tmp/a', url: 'javascript:alert(1)', orig_name: '<img src=x onerror="window.pwned=1">', meta: { _type: 'gradio.FileData' } },
    ]}></ml-file>`);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(el.shadowRoot!.querySelector('a')).to.equal(null);
    expect(part(el, 'file')!.textContent).to.contain('<img src=x onerror="window.pwned=1">');
    expect((window as unknown as { pwned?: number }).pwned).to.equal(undefined);
  });

  it('a file over max-file-size is refused with ml-error file_too_large', async () => {
    const el = await fixture<MlFile>(html`<ml-file label="Data" max-file-size="1024"></ml-file>`);
    const failed = oneEvent(el, 'ml-error') as Promise<MlErrorEvent>;
    drop(part(el, 'dropzone')!, [new File(['x'.repeat(2048)], 'big.bin')]);
    expect((await failed).code).to.equal('file_too_large');
    await el.updateComplete;
    expect(alertText(el)).to.equal('big.bin is 2.0 KB; the limit is 1.0 KB.');
  });

  it('as output it lists FileData with download links and fires ml-download', async () => {
    const url = URL.createObjectURL(new Blob(['report'], { type: 'text/plain' }));
    const el = await fixture<MlFile>(html`<ml-file label="Report" .interactive=${false}
      .value=${{ path: '/tmp/r/report.txt', url, size: 2048, orig_name: 'report.txt', meta: { _type: 'gradio.FileData' } }}></ml-file>`);
    const link = part(el, 'download-link') as HTMLAnchorElement;
    expect(link.href).to.equal(url);
    expect(link.download).to.equal('report.txt');
    expect(part(el, 'size')!.textContent).to.equal('2.0 KB');
    expect(part(el, 'remove-button')).to.equal(null);
    expect(part(el, 'upload-button')).to.equal(null);
    const downloaded = oneEvent(el, 'ml-download') as Promise<MlComponentEvent>;
    link.focus();
    await sendKeys({ press: 'Enter' });
    expect((await downloaded).data).to.include({ index: 0 });
    URL.revokeObjectURL(url);
  });
});

describe('<ml-uploadbutton>', () => {
  it('is a labelled button that opens the chooser from the keyboard; the file is the value and the form entry', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><ml-uploadbutton name="pic" label="Upload a photo" file-types="image"></ml-uploadbutton></form>`);
    const el = form.querySelector('ml-uploadbutton')!;
    await expect(el).to.be.accessible();
    expect(part(el, 'button')!.textContent!.trim()).to.equal('Upload a photo');
    el.focus();
    const uploaded = oneEvent(el, 'ml-upload');
    const changed = oneEvent(el, 'change');
    await chooseFiles('', [await pngFile('me.png')], 'Enter');
    await uploaded;
    await changed;
    expect((el.value as File).name).to.equal('me.png');
    expect((new FormData(form).get('pic') as File).name).to.equal('me.png');
  });

  it('a wrong type shows a message and fires ml-error file_type', async () => {
    const el = await fixture<MlUploadbutton>(html`<ml-uploadbutton file-types=".pdf"></ml-uploadbutton>`);
    expect(part(el, 'button')!.textContent!.trim()).to.equal('Upload a File');
    const failed = oneEvent(el, 'ml-error') as Promise<MlErrorEvent>;
    await chooseFiles('ml-uploadbutton >>> [part~="button"]', [await pngFile('me.png')]);
    expect((await failed).code).to.equal('file_type');
    await el.updateComplete;
    expect(alertText(el)).to.contain('me.png is not an accepted type (.pdf)');
    expect(el.value).to.equal(null);
  });
});

describe('<ml-downloadbutton>', () => {
  it('is disabled with no file, and a named download link with one; Enter fires click', async () => {
    const el = await fixture<MlDownloadbutton>(html`<ml-downloadbutton label="Get report"></ml-downloadbutton>`);
    expect((part(el, 'button') as HTMLButtonElement).disabled).to.equal(true);
    const url = URL.createObjectURL(new Blob(['data'], { type: 'text/csv' }));
    el.value = { path: '/tmp/x/report.csv', url, orig_name: 'report.csv', meta: { _type: 'gradio.FileData' } };
    await el.updateComplete;
    const link = part(el, 'button') as HTMLAnchorElement;
    expect(link.localName).to.equal('a');
    expect(link.href).to.equal(url);
    expect(link.download).to.equal('report.csv');
    await expect(el).to.be.accessible();
    link.focus();
    const clicked = oneEvent(el, 'click');
    await sendKeys({ press: 'Enter' });
    await clicked;
    URL.revokeObjectURL(url);
  });

  it('holds a Blob as an object URL and revokes it when replaced', async () => {
    const el = await fixture<MlDownloadbutton>(html`<ml-downloadbutton .value=${new File(['x'], 'x.txt')}></ml-downloadbutton>`);
    const first = (part(el, 'button') as HTMLAnchorElement).href;
    expect(first).to.match(/^blob:/);
    el.value = new File(['y'], 'y.txt');
    await el.updateComplete;
    let revoked = false;
    await fetch(first).catch(() => (revoked = true));
    expect(revoked).to.equal(true);
  });
});

describe('<ml-gallery>', () => {
  async function items() {
    return Promise.all(
      ['Sunrise', 'Noon', 'Dusk'].map(async (caption, i) => ({ image: await pngFile(`${caption}.png`, 10 + i, 10, [i * 100, 50, 50]), caption })),
    );
  }

  it('shows a captioned grid; a click selects and opens the preview; ←/→ browse and Esc closes, back on the thumbnail', async () => {
    const el = await fixture<MlGallery>(html`<ml-gallery label="Photos" .interactive=${false} columns="3"></ml-gallery>`);
    el.value = await items();
    await el.updateComplete;
    await expect(el).to.be.accessible();
    const thumbs = parts(el, 'thumbnail');
    expect(thumbs.map((t) => t.getAttribute('aria-label'))).to.deep.equal(['Sunrise', 'Noon', 'Dusk']);
    expect(parts(el, 'caption').map((c) => c.textContent)).to.deep.equal(['Sunrise', 'Noon', 'Dusk']);

    const selected = oneEvent(el, 'ml-select') as Promise<MlComponentEvent>;
    const opened = oneEvent(el, 'ml-preview_open');
    thumbs[1]!.focus();
    await sendKeys({ press: 'Enter' });
    const first = (await selected).data as { index: number; value: { caption: string } };
    expect(first.index).to.equal(1);
    expect(first.value.caption).to.equal('Noon');
    await opened;
    await el.updateComplete;
    expect(focused(el)).to.equal(part(el, 'preview'));
    expect(part(el, 'preview')!.querySelector('img')!.alt).to.equal('Noon');
    await expect(el).to.be.accessible();

    const indexes: number[] = [];
    el.addEventListener('ml-select', (e) => indexes.push(((e as MlComponentEvent).data as { index: number }).index));
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowLeft' });
    expect(indexes).to.deep.equal([2, 0, 2]);
    await el.updateComplete;
    expect(part(el, 'preview')!.querySelector('img')!.alt).to.equal('Dusk');

    const closed = oneEvent(el, 'ml-preview_close');
    await sendKeys({ press: 'Escape' });
    await closed;
    await el.updateComplete;
    expect(part(el, 'preview')).to.equal(null);
    expect(focused(el)?.getAttribute('aria-label')).to.equal('Dusk');
    expect(focused(el)?.getAttribute('aria-current')).to.equal('true');
  });

  it('when interactive, dropped images are added; a wrong type is refused with ml-error file_type', async () => {
    const el = await fixture<MlGallery>(html`<ml-gallery label="Photos"></ml-gallery>`);
    const changed = oneEvent(el, 'change');
    drop(part(el, 'dropzone')!, [await pngFile('a.png'), await pngFile('b.png')]);
    await changed;
    await el.updateComplete;
    expect(parts(el, 'thumbnail').map((t) => t.getAttribute('aria-label'))).to.deep.equal(['Image 1 of 2', 'Image 2 of 2']);
    const failed = oneEvent(el, 'ml-error') as Promise<MlErrorEvent>;
    drop(part(el, 'dropzone')!, [new File(['x'], 'x.txt', { type: 'text/plain' })]);
    expect((await failed).code).to.equal('file_type');
    await el.updateComplete;
    expect(alertText(el)).to.contain('x.txt is not an accepted type');
    expect(parts(el, 'thumbnail')).to.have.length(2);
  });
});

describe('<ml-annotatedimage>', () => {
  it('draws masks and boxes with a legend; focusing an entry highlights its region; a click selects it', async () => {
    const el = await fixture<MlAnnotatedimage>(html`<ml-annotatedimage label="Detections"></ml-annotatedimage>`);
    el.value = {
      image: await pngFile('street.png', 100, 50, [200, 200, 200]),
      annotations: [
        { image: await pngFile('mask.png', 100, 50, [255, 0, 0]), label: 'road' },
        { box: [10, 10, 40, 30], label: 'car' },
      ],
    };
    await waitUntil(() => part(el, 'box'), 'the box was not drawn');
    await expect(el).to.be.accessible();
    const legend = parts(el, 'legend-item');
    expect(legend.map((b) => b.textContent!.trim())).to.deep.equal(['road', 'car']);
    const box = part(el, 'box')!;
    expect(box.style.left).to.equal('10%');
    expect(box.style.width).to.equal('30%');
    expect(box.style.top).to.equal('20%');

    legend[1]!.focus();
    await el.updateComplete;
    expect(part(el, 'box')!.classList.contains('active')).to.equal(true);
    expect(part(el, 'mask')!.classList.contains('dim')).to.equal(true);
    const selected = oneEvent(el, 'ml-select') as Promise<MlComponentEvent>;
    await sendKeys({ press: 'Enter' });
    expect((await selected).data).to.deep.equal({ index: 1, value: 'car' });
  });

  it('an unreachable image shows a message and fires ml-error network', async () => {
    const el = document.createElement('ml-annotatedimage');
    const failed = oneEvent(el, 'ml-error') as Promise<MlErrorEvent>;
    el.value = { image: 'http://127.0.0.1:9/scene.png', annotations: [] };
    document.body.append(el);
    try {
      expect((await failed).code).to.equal('network');
      await el.updateComplete;
      expect(alertText(el)).to.contain('scene.png could not be loaded');
    } finally {
      el.remove();
    }
  });
});

describe('media elements with a real app (the /image/ demo on another origin)', () => {
  let client: Client;
  let output: FileData;
  before(async () => {
    client = await connect(`${ORIGIN}/image/`);
    [output] = (await client.predict('/filter', [await pngFile('in.png', 12, 6), 'invert'])) as FileData[];
  });
  after(() => client.close());

  /** Puts `el` under a context holding the client, as <ml-app> does. */
  async function inApp<T extends HTMLElement & { updateComplete: Promise<boolean> }>(el: T): Promise<T> {
    const host = document.createElement('div');
    new ContextProvider(host, { context: appContext, initialValue: { client, config: client.config, root: client.root, maxFileSize: null } });
    host.append(el);
    document.body.append(host);
    await el.updateComplete;
    return el;
  }

  it("output FileData load from the app's origin in gallery, annotated image and download button", async () => {
    expect(output.url!.startsWith(ORIGIN)).to.equal(true);
    const gallery = await inApp(Object.assign(document.createElement('ml-gallery'), { interactive: false, value: [{ image: output, caption: 'inverted' }] }));
    await waitUntil(() => (gallery.shadowRoot!.querySelector<HTMLImageElement>('.grid img')?.naturalWidth ?? 0) === 12, 'gallery image did not load');
    const ann = await inApp(Object.assign(document.createElement('ml-annotatedimage'), { value: { image: output, annotations: [{ image: output, label: 'all' }] } }));
    await waitUntil(() => (part(ann, 'image') as HTMLImageElement | null)?.naturalWidth === 12, 'annotated image did not load');
    await waitUntil(() => (part(ann, 'mask') as HTMLImageElement | null)?.complete);
    // A FileData with only a path gets its URL from the client.
    const btn = await inApp(Object.assign(document.createElement('ml-downloadbutton'), { value: { path: output.path, meta: output.meta } }));
    const link = part(btn, 'button') as HTMLAnchorElement;
    expect(link.href).to.equal(client.fileUrl(output));
    expect((await fetch(link.href)).ok).to.equal(true);
    for (const el of [gallery, ann, btn]) el.parentElement!.remove();
  });

  it('<ml-file file-count="multiple"> uploads dropped files at once; each becomes FileData with a download link', async () => {
    const el = await inApp(Object.assign(document.createElement('ml-file'), { fileCount: 'multiple', label: 'Docs' }));
    const uploaded = oneEvent(el, 'ml-upload');
    drop(part(el, 'dropzone')!, [new File(['one'], 'one.txt', { type: 'text/plain' }), new File(['two!'], 'two.txt', { type: 'text/plain' })]);
    await uploaded;
    await el.updateComplete;
    const files = el.value as FileData[];
    expect(files.map((f) => [f.orig_name, f.size, typeof f.path])).to.deep.equal([['one.txt', 3, 'string'], ['two.txt', 4, 'string']]);
    expect(parts(el, 'download-link').map((a) => a.textContent)).to.deep.equal(['one.txt', 'two.txt']);
    el.parentElement!.remove();
  });
});
