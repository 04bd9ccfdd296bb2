import { css } from 'lit';

export const chatbotStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    min-width: 0;
    --_user-bg: var(--ml-chatbot-user-background, color-mix(in srgb, var(--_accent) 12%, var(--_bg)));
    --_bot-bg: var(--ml-chatbot-assistant-background, var(--_surface));
  }
  .frame {
    position: relative;
    display: flex;
    flex-direction: column;
    flex: 1 1 auto;
    min-height: 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  .log {
    flex: 1 1 auto;
    height: var(--ml-chatbot-height, 480px);
    min-height: var(--ml-chatbot-min-height, 160px);
    overflow-y: auto;
    overscroll-behavior: contain;
    padding: calc(var(--_space) * 1.5);
  }
  .content {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 1.5);
    min-height: 100%;
  }
  .row {
    display: flex;
    gap: var(--_space);
    align-items: flex-start;
    max-width: 100%;
  }
  .row.user {
    flex-direction: row-reverse;
  }
  .col {
    display: flex;
    flex-direction: column;
    gap: 4px;
    min-width: 0;
    max-width: min(85%, 52rem);
  }
  .row.user .col {
    align-items: flex-end;
  }
  /* Replies take the full column: no max-content measuring of a long reply on every frame. */
  .row.assistant .col {
    flex: 1 1 0%;
  }
  :host([layout='panel']) .col {
    max-width: 100%;
    flex: 1;
  }
  .bubble {
    padding: calc(var(--_space) * 1) calc(var(--_space) * 1.5);
    border-radius: var(--_radius);
    background: var(--_bot-bg);
    border: 1px solid var(--_border);
    min-width: 0;
    max-width: 100%;
    overflow-wrap: anywhere;
  }
  .row.user .bubble {
    background: var(--_user-bg);
  }
  .row.system .bubble {
    background: none;
    font-style: italic;
    color: var(--_muted);
  }
  .bubble.bare {
    padding: 0;
    background: none;
    border: none;
  }
  .row.cont {
    margin-top: calc(var(--_space) * -1);
  }
  .actions svg {
    vertical-align: -2px;
  }
  .actions .down svg {
    transform: rotate(180deg);
  }
  .bubble[data-select] {
    cursor: pointer;
  }
  .part + .part {
    margin-top: var(--_space);
  }
  span.avatar {
    visibility: hidden;
  }
  .avatar {
    flex: none;
    width: 32px;
    height: 32px;
    border-radius: 50%;
    object-fit: cover;
  }
  .md pre {
    position: relative;
  }
  /* Off-screen chunks of a long reply skip layout, pre-paint and paint: the cost per frame stays flat. */
  .md > .chunk {
    content-visibility: auto;
    contain-intrinsic-size: auto 600px;
  }
  .md > .chunk:first-child > :first-child {
    margin-top: 0;
  }
  /* A chunk is contained, so margins cannot collapse across its edge: keep one margin between blocks. */
  .md > .chunk > :last-child {
    margin-bottom: 0;
  }
  .copy-code {
    position: absolute;
    top: 4px;
    right: 4px;
    font: inherit;
    font-size: 0.75em;
    padding: 2px 8px;
    border: 1px solid var(--_border);
    border-radius: 4px;
    background: var(--_bg);
    color: var(--_muted);
    cursor: pointer;
  }
  img.media,
  video.media {
    display: block;
    max-width: 100%;
    max-height: 320px;
    border-radius: calc(var(--_radius) / 2);
  }
  audio.media {
    max-width: 100%;
  }
  a.file {
    color: var(--_focus);
  }
  .actions {
    display: flex;
    gap: 2px;
    flex-wrap: wrap;
  }
  .actions button,
  .options button,
  .examples button,
  .error button,
  .edit button,
  .jump {
    font: inherit;
    font-size: 0.8em;
    padding: 2px 8px;
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_bg);
    color: var(--_muted);
    cursor: pointer;
  }
  .actions button[aria-pressed='true'] {
    color: var(--_accent-text);
    background: var(--_accent);
    border-color: var(--_accent);
  }
  .options,
  .examples {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  .options button,
  .examples button {
    color: var(--_text);
    font-size: 0.9em;
    padding: 6px 12px;
    border-radius: var(--_radius);
  }
  .thought {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    padding: 4px var(--_space);
  }
  .thought + .thought {
    margin-top: 4px;
  }
  .thought > summary {
    cursor: pointer;
    font-weight: 600;
    font-size: 0.9em;
  }
  .thought .sub {
    font-weight: 400;
    color: var(--_muted);
    margin-left: 4px;
  }
  .thought > .body {
    margin-top: 4px;
  }
  .spinner {
    display: inline-block;
    width: 0.8em;
    height: 0.8em;
    margin-right: 6px;
    border: 2px solid var(--_border);
    border-top-color: var(--_accent);
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
    vertical-align: -1px;
  }
  .dots span {
    display: inline-block;
    width: 6px;
    height: 6px;
    margin: 0 2px;
    border-radius: 50%;
    background: var(--_muted);
    animation: blink 1.2s infinite both;
  }
  .dots span:nth-child(2) {
    animation-delay: 0.2s;
  }
  .dots span:nth-child(3) {
    animation-delay: 0.4s;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @keyframes blink {
    0%,
    80%,
    100% {
      opacity: 0.2;
    }
    40% {
      opacity: 1;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner,
    .dots span {
      animation: none;
    }
  }
  .empty {
    margin: auto;
    text-align: center;
    color: var(--_muted);
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 2);
    align-items: center;
  }
  .error {
    border: 1px solid var(--_error);
    color: var(--_error);
    border-radius: var(--_radius);
    padding: var(--_space) calc(var(--_space) * 1.5);
    display: flex;
    gap: var(--_space);
    align-items: center;
    justify-content: space-between;
  }
  .jump {
    position: absolute;
    bottom: var(--_space);
    left: 50%;
    transform: translateX(-50%);
    box-shadow: 0 1px 4px rgb(0 0 0 / 0.15);
    color: var(--_text);
  }
  .edit {
    display: flex;
    flex-direction: column;
    gap: 4px;
    min-width: min(30rem, 70vw);
  }
  .edit textarea {
    font: inherit;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    resize: vertical;
    background: var(--_bg);
    color: var(--_text);
  }
  .edit div {
    display: flex;
    gap: 4px;
    justify-content: flex-end;
  }
  .toolbar {
    display: flex;
    justify-content: space-between;
    align-items: center;
  }
  .toolbar .label {
    margin: 0;
  }
  .toolbar button {
    font: inherit;
    font-size: 0.8em;
    border: none;
    background: none;
    color: var(--_muted);
    cursor: pointer;
  }
  .toolbar button:disabled {
    visibility: hidden;
  }
`;
