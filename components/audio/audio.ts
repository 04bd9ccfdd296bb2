import { property } from 'lit/decorators.js';
import { MlPlayerInput } from '../shared/media-player.js';
import { listConverter } from '../shared/media.js';
import { mediaStyles, playerStyles } from '../shared/media.styles.js';
import { tokens } from '../base/styles.js';

/**
 * An audio input (choose, drop, paste, or record from the microphone) and player. In an app the file is uploaded
 * at once; alone the File is the value and the form value.
 *
 * @summary Audio upload, microphone recording and playback with a waveform and the browser's player.
 * @csspart base - The drop target around everything.
 * @csspart label - The label.
 * @csspart dropzone - The empty input area.
 * @csspart player - The `<audio>` element.
 * @csspart waveform - The waveform above the player (a click seeks).
 * @cssprop --ml-waveform-height - Height of the waveform.
 * @csspart toolbar - Download and clear buttons.
 * @csspart upload-button - Opens the file chooser.
 * @csspart record-button - Starts recording.
 * @csspart stop-button - Stops recording.
 * @csspart download-button - The download link.
 * @csspart clear-button - Removes the audio.
 * @csspart progress - Upload progress.
 * @csspart error - The last error message.
 * @fires change - The user chose, dropped, recorded or cleared audio.
 * @fires input - Same moments as `change`.
 * @fires ml-upload - A file was taken (uploaded, in an app).
 * @fires ml-clear - The user cleared the audio.
 * @fires ml-play - Playback started.
 * @fires ml-pause - Playback paused.
 * @fires ml-stop - Playback reached the end.
 * @fires ml-start_recording - Recording started.
 * @fires ml-stop_recording - Recording stopped.
 * @fires ml-error - `file_type`, `file_too_large`, `upload_failed`, `network` (did not load), `media_device`.
 */
export class MlAudio extends MlPlayerInput {
  static override styles = [tokens, mediaStyles, playerStyles];

  /** Where audio may come from: `upload`, `microphone`. */
  @property({ converter: listConverter }) override sources: string[] | null = ['upload', 'microphone'];

  constructor() {
    super();
    this.kind = 'audio';
  }
}

if (!customElements.get('ml-audio')) customElements.define('ml-audio', MlAudio);

declare global {
  interface HTMLElementTagNameMap {
    'ml-audio': MlAudio;
  }
}
