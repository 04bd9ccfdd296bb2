import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { tokens } from '../base/styles.js';
import type { ProgressUnit } from '../../src/protocol/index.js';

/** What one output's tracker shows. `start` is `performance.now()` when the job was submitted. */
export interface TrackerState {
  stage: 'pending' | 'queued' | 'running' | 'streaming' | 'complete' | 'error';
  mode: 'full' | 'minimal' | 'hidden';
  start: number;
  rank?: number | null;
  queueSize?: number;
  eta?: number | null;
  progress?: ProgressUnit[] | null;
  message?: string | null;
}

const secs = (ms: number) => (ms / 1000).toFixed(1);

/**
 * @summary Status of a running job over one output: queue position and size, elapsed/ETA, progress bars, errors.
 * @csspart overlay - The translucent layer over the output.
 * @csspart meta - The `queue: 2/5 | 1.2/4.0s` text.
 * @csspart progress - A progress bar (one per level).
 * @csspart error - The error badge.
 */
export class MlStatusTracker extends LitElement {
  static override styles = [
    tokens,
    css`
      :host {
        position: absolute;
        inset: 0;
        z-index: 2;
        pointer-events: none;
        display: block;
      }
      .overlay {
        position: absolute;
        inset: 0;
        border-radius: var(--_radius);
        background: color-mix(in srgb, var(--_bg) 55%, transparent);
        display: flex;
        flex-direction: column;
        align-items: center;
        justify-content: center;
        gap: calc(var(--_space) / 2);
        padding: var(--_space);
      }
      .overlay.minimal {
        background: none;
      }
      .meta {
        position: absolute;
        top: 4px;
        right: 6px;
        font-family: var(--_mono);
        font-size: 0.75em;
        color: var(--_muted);
        background: var(--_bg);
        border-radius: 4px;
        padding: 0 4px;
      }
      .eta {
        position: absolute;
        top: 0;
        left: 0;
        height: 2px;
        background: var(--_accent);
        transition: width 0.2s linear;
      }
      .bar {
        width: min(80%, 320px);
        height: 8px;
        border-radius: 4px;
        background: var(--_border);
        overflow: hidden;
      }
      .bar > div {
        height: 100%;
        background: var(--_accent);
        transition: width 0.15s ease-out;
      }
      .desc {
        font-size: 0.8em;
        color: var(--_text);
      }
      .spinner {
        width: 18px;
        height: 18px;
        border: 2px solid var(--_border);
        border-top-color: var(--_accent);
        border-radius: 50%;
        animation: spin 0.8s linear infinite;
      }
      @keyframes spin {
        to {
          transform: rotate(360deg);
        }
      }
      .error {
        pointer-events: auto;
        color: var(--_error);
        background: var(--_bg);
        border: 1px solid var(--_error);
        border-radius: var(--_radius);
        padding: 2px 8px;
        font-size: 0.85em;
        display: flex;
        gap: 6px;
        align-items: center;
      }
      .error button {
        all: unset;
        cursor: pointer;
        padding: 0 2px;
      }
    `,
  ];

  /** The state shown; null or `complete` shows nothing. */
  @property({ attribute: false }) status: TrackerState | null = null;
  @state() private now = performance.now();
  private timer: ReturnType<typeof setInterval> | undefined;

  private get active(): boolean {
    const s = this.status?.stage;
    return s === 'pending' || s === 'queued' || s === 'running' || s === 'streaming';
  }

  protected override updated(_: PropertyValues): void {
    if (this.active && !this.timer) this.timer = setInterval(() => (this.now = performance.now()), 100);
    if (!this.active && this.timer) this.stop();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop();
  }

  private stop() {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private dismiss() {
    this.status = null;
    this.dispatchEvent(new Event('ml-clear-status', { bubbles: true, composed: true }));
  }

  override render() {
    const s = this.status;
    if (!s || s.mode === 'hidden' || s.stage === 'complete') return nothing;
    if (s.stage === 'error') {
      return html`<div class="overlay minimal">
        <div class="error" part="error" role="alert">
          <span>Error${s.message ? `: ${s.message}` : ''}</span>
          <button aria-label="Dismiss error" @click=${this.dismiss}>✕</button>
        </div>
      </div>`;
    }
    const elapsed = Math.max(0, this.now - s.start);
    const eta = s.eta ?? null;
    const time = eta ? `${secs(elapsed)}/${eta.toFixed(1)}s` : `${secs(elapsed)}s`;
    const queued = s.stage === 'queued' || s.stage === 'pending';
    const where =
      s.stage === 'queued' && s.rank !== null && s.rank !== undefined
        ? `queue: ${s.rank + 1}/${s.queueSize ?? s.rank + 1}`
        : queued
          ? 'pending'
          : 'processing';
    // Said once per change of stage or queue position, not every tick of the timer.
    const announce =
      s.stage === 'queued' && s.rank !== null && s.rank !== undefined
        ? `In queue, position ${s.rank + 1} of ${s.queueSize ?? s.rank + 1}`
        : queued
          ? 'Waiting'
          : 'Running';
    const levels = (s.progress ?? []).filter((p) => p.progress !== null || (p.index !== null && p.length));
    const full = s.mode === 'full';
    return html`<div class="overlay ${full ? '' : 'minimal'}" part="overlay">
      <span class="meta" part="meta" aria-hidden="true">${full ? `${where} | ${time}` : time}</span>
      <span class="visually-hidden" role="status">${announce}</span>
      ${full && !levels.length && eta
        ? html`<div class="eta" style="width:${Math.min(100, (elapsed / 10 / eta) | 0)}%"></div>`
        : nothing}
      ${full && !levels.length ? html`<div class="spinner" aria-hidden="true"></div>` : nothing}
      ${full
        ? levels.map((p) => {
            const fraction = p.progress ?? (p.index ?? 0) / (p.length || 1);
            const pct = Math.round(Math.min(1, Math.max(0, fraction)) * 100);
            const steps = p.index !== null && p.length ? `${p.index}/${p.length}${p.unit ? ` ${p.unit}` : ''}` : `${pct}%`;
            return html`<div
                class="bar"
                part="progress"
                role="progressbar"
                aria-valuemin="0"
                aria-valuemax="100"
                aria-valuenow=${pct}
                aria-valuetext=${steps}
                aria-label=${p.desc ?? 'Progress'}
              >
                <div style="width:${pct}%"></div>
              </div>
              <span class="desc">${p.desc ? `${p.desc} ` : ''}${steps}</span>`;
          })
        : nothing}
    </div>`;
  }
}

if (!customElements.get('ml-status-tracker')) customElements.define('ml-status-tracker', MlStatusTracker);

declare global {
  interface HTMLElementTagNameMap {
    'ml-status-tracker': MlStatusTracker;
  }
}
