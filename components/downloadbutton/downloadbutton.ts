import { html, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { MlElement } from '../base/element.js';
import { appContext, type AppContext } from '../base/context.js';
import { tokens } from '../base/styles.js';
import { ObjectUrls, mediaName, mediaSrc, onDownloadClick, type MediaValue } from '../shared/media.js';
import { mediaStyles } from '../shared/media.styles.js';
import { mediaButtonStyles } from '../shared/media-button.styles.js';
import { downloadIcon } from '../shared/media-icons.js';

/**
 * A button that downloads its file (a link to it, so it also works with the keyboard and "Save link as").
 * Disabled while there is no file.
 *
 * @summary Download button for a FileData, URL or Blob.
 * @csspart button - The link (or the disabled button when there is no file).
 * @fires click - The button was pressed.
 */
export class MlDownloadbutton extends MlElement {
  static override styles = [tokens, mediaStyles, mediaButtonStyles];

  private readonly urls = new ObjectUrls(this);

  @consume({ context: appContext, subscribe: true })
  @state()
  private ctx?: AppContext;

  /** FileData from an app, a URL, or a Blob/File. */
  @property() value: MediaValue | null = null;

  /** `primary`, `secondary` or `stop`. */
  @property({ reflect: true }) variant: 'primary' | 'secondary' | 'stop' = 'secondary';

  /** `sm`, `md` or `lg`. */
  @property({ reflect: true }) size: 'sm' | 'md' | 'lg' = 'lg';

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('value')) this.urls.keep(this.value instanceof Blob ? [this.value] : []);
  }

  override render(): TemplateResult {
    const text = this.label || 'Download';
    const src = this.interactive ? mediaSrc(this.value, this.urls, this.ctx) : null;
    return src
      ? html`<a class="btn" part="button" href=${src} download=${mediaName(this.value)} @click=${onDownloadClick}>${downloadIcon} ${text}</a>`
      : html`<button class="btn" part="button" disabled>${downloadIcon} ${text}</button>`;
  }
}

if (!customElements.get('ml-downloadbutton')) customElements.define('ml-downloadbutton', MlDownloadbutton);

declare global {
  interface HTMLElementTagNameMap {
    'ml-downloadbutton': MlDownloadbutton;
  }
}
