import { html, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { FileData } from '../../src/protocol/index.js';
import { MlMediaInput, listConverter, type MediaValue } from '../shared/media.js';
import { mediaStyles } from '../shared/media.styles.js';
import { mediaButtonStyles } from '../shared/media-button.styles.js';
import { tokens } from '../base/styles.js';

/**
 * A button that opens the file chooser. In an app the chosen files are uploaded at once and become the value;
 * alone the Files are the value and the form value.
 *
 * @summary Upload button: choose one or several files.
 * @csspart button - The button.
 * @csspart progress - Upload progress.
 * @csspart error - The last error message.
 * @fires click - The button was pressed.
 * @fires change - Files were chosen.
 * @fires input - Same moment as `change`.
 * @fires ml-upload - Files were taken (uploaded, in an app).
 * @fires ml-error - `file_type`, `file_too_large`, `upload_failed`.
 */
export class MlUploadbutton extends MlMediaInput {
  static override styles = [tokens, mediaStyles, mediaButtonStyles];

  /** FileData from an app or a File; a list when `file-count` is `multiple`. */
  @property({ attribute: false }) value: MediaValue | MediaValue[] | null = null;

  /** `single`, `multiple` or `directory`. */
  @property({ attribute: 'file-count' }) fileCount: 'single' | 'multiple' | 'directory' = 'single';

  /** Accepted types: `image`, `audio`, `video`, `text`, `.pdf`, … (none: any file). */
  @property({ attribute: 'file-types', converter: listConverter }) fileTypes: string[] | null = null;

  /** `primary`, `secondary` or `stop`. */
  @property({ reflect: true }) variant: 'primary' | 'secondary' | 'stop' = 'secondary';

  /** `sm`, `md` or `lg`. */
  @property({ reflect: true }) size: 'sm' | 'md' | 'lg' = 'lg';

  protected override acceptedTypes(): readonly string[] | null {
    return this.fileTypes;
  }

  protected override get multiple(): boolean {
    return this.fileCount !== 'single';
  }

  protected override get directory(): boolean {
    return this.fileCount === 'directory';
  }

  protected override setFiles(files: (FileData | File)[]): void {
    this.value = this.multiple ? files : (files[0] ?? null);
  }

  override render(): TemplateResult {
    const busy = this.progress !== undefined;
    return html`<button class="btn" part="button" ?disabled=${!this.editable || busy} aria-busy=${busy ? 'true' : 'false'}
        @click=${this.openPicker}>${this.label || 'Upload a File'}</button>
      ${this.renderPicker()}${this.renderStatus()}`;
  }
}

if (!customElements.get('ml-uploadbutton')) customElements.define('ml-uploadbutton', MlUploadbutton);

declare global {
  interface HTMLElementTagNameMap {
    'ml-uploadbutton': MlUploadbutton;
  }
}
