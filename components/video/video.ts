import { property } from 'lit/decorators.js';
import { MlPlayerInput } from '../shared/media-player.js';
import { listConverter } from '../shared/media.js';
import { mediaStyles, playerStyles } from '../shared/media.styles.js';
import { tokens } from '../base/styles.js';

/**
 * A video input (choose, drop, paste, or record from the webcam) and player. In an app the file is uploaded at
 * once; alone the File is the value and the form value.
 *
 * @summary Video upload, webcam recording and playback with the browser's player.
 * @csspart base - The drop target around everything.
 * @csspart label - The label.
 * @csspart dropzone - The empty input area.
 * @csspart frame - The box holding the player or the camera.
 * @csspart player - The `<video>` element.
 * @csspart webcam - The live camera preview while recording.
 * @csspart toolbar - Download and clear buttons.
 * @csspart upload-button - Opens the file chooser.
 * @csspart record-button - Starts recording.
 * @csspart stop-button - Stops recording.
 * @csspart download-button - The download link.
 * @csspart clear-button - Removes the video.
 * @csspart progress - Upload progress.
 * @csspart error - The last error message.
 * @fires change - The user chose, dropped, recorded or cleared a video.
 * @fires input - Same moments as `change`.
 * @fires ml-upload - A file was taken (uploaded, in an app).
 * @fires ml-clear - The user cleared the video.
 * @fires ml-play - Playback started.
 * @fires ml-pause - Playback paused.
 * @fires ml-end - Playback reached the end.
 * @fires ml-start_recording - Recording started.
 * @fires ml-stop_recording - Recording stopped.
 * @fires ml-error - `file_type`, `file_too_large`, `upload_failed`, `network` (did not load), `media_device`.
 */
export class MlVideo extends MlPlayerInput {
  static override styles = [tokens, mediaStyles, playerStyles];

  /** Where video may come from: `upload`, `webcam`. */
  @property({ converter: listConverter }) override sources: string[] | null = ['upload', 'webcam'];

  /** Records sound with the webcam video. */
  @property({ type: Boolean, attribute: 'include-audio' }) includeAudio = true;

  constructor() {
    super();
    this.kind = 'video';
  }

  protected override constraints(): MediaStreamConstraints {
    return { video: true, audio: this.includeAudio };
  }
}

if (!customElements.get('ml-video')) customElements.define('ml-video', MlVideo);

declare global {
  interface HTMLElementTagNameMap {
    'ml-video': MlVideo;
  }
}
