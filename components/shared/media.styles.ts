import { css } from 'lit';

/** Drop zones, toolbars, buttons, progress and errors shared by the media elements. */
export const mediaStyles = css`
  :host {
    display: block;
  }
  .base {
    position: relative;
    display: flex;
    flex-direction: column;
    gap: var(--_space);
  }
  .dropzone {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: var(--_space);
    min-height: var(--ml-media-min-height, 160px);
    padding: calc(var(--_space) * 2);
    border: 2px dashed var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_muted);
    text-align: center;
  }
  .dropzone.compact {
    min-height: 0;
    flex-direction: row;
    padding: var(--_space);
  }
  .dragging .dropzone,
  .dragging .frame {
    border-color: var(--_accent);
    background: color-mix(in srgb, var(--_accent) 8%, var(--_surface));
  }
  .actions,
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
  }
  .toolbar {
    position: absolute;
    top: calc(var(--_space) / 2);
    right: calc(var(--_space) / 2);
    z-index: 1;
  }
  button,
  .btn {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    font: inherit;
    font-size: 0.875em;
    line-height: 1.2;
    padding: 6px 12px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_text);
    cursor: pointer;
    text-decoration: none;
  }
  button:hover:not(:disabled),
  .btn:hover {
    border-color: var(--_accent);
  }
  button:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  /* An accent outline rather than fill: white on the default accent is below 4.5:1 contrast. */
  button.primary,
  .btn.primary {
    border: 2px solid var(--_accent);
    font-weight: 600;
  }
  .toolbar button,
  .toolbar .btn {
    padding: 4px 8px;
    background: color-mix(in srgb, var(--_bg) 85%, transparent);
  }
  .frame {
    position: relative;
    display: flex;
    align-items: center;
    justify-content: center;
    overflow: hidden;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    min-height: 0;
  }
  .frame:fullscreen {
    background: #000;
    border: 0;
    border-radius: 0;
  }
  .empty {
    color: var(--_muted);
    padding: calc(var(--_space) * 3);
    text-align: center;
  }
  .progress {
    display: flex;
    align-items: center;
    gap: var(--_space);
    font-size: 0.8em;
    color: var(--_muted);
  }
  .progress progress {
    flex: 1;
    accent-color: var(--_accent);
  }
  .error {
    margin: 0;
    font-size: 0.875em;
    color: var(--_error);
  }
  .error[hidden] {
    display: none;
  }
`;

/** Audio and video players and the recording indicator. */
export const playerStyles = css`
  audio {
    display: block;
    width: 100%;
  }
  video {
    display: block;
    max-width: 100%;
    max-height: var(--ml-video-max-height, 70vh);
  }
  .waveform {
    display: block;
    width: 100%;
    height: var(--ml-waveform-height, 56px);
    cursor: pointer;
  }
  .frame[style*='height'] video {
    height: 100%;
  }
  .recording {
    align-items: center;
    color: var(--_text);
  }
  .dot {
    width: 10px;
    height: 10px;
    border-radius: 50%;
    background: var(--_error);
    animation: ml-blink 1s steps(2) infinite;
  }
  @keyframes ml-blink {
    50% {
      opacity: 0.2;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .dot {
      animation: none;
    }
  }
`;
