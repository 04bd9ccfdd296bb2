// Typed `ml-*` events. Form controls also fire native `input`/`change` on user action only.
import type { AppConfig } from '../../src/protocol/index.js';

/** Machine-readable error codes carried by `ml-error`. */
export type MlErrorCode =
  | 'not_found'
  | 'network'
  | 'unsupported_protocol'
  | 'app_error'
  | 'queue_full'
  | 'connection_lost'
  | 'bad_request'
  | 'unauthorized'
  | 'cancelled'
  | 'server_error'
  | 'file_too_large'
  | 'file_type'
  | 'upload_failed'
  | 'not_chat_endpoint';

const init = { bubbles: true, composed: true };

/** Fired when something fails; the element also shows the message. */
export class MlErrorEvent extends Event {
  constructor(
    readonly code: MlErrorCode | string,
    readonly message: string,
    readonly title: string | null = null,
  ) {
    super('ml-error', init);
  }
}

/** Fired by `<ml-app>` when the app's config has loaded. */
export class MlLoadEvent extends Event {
  constructor(readonly config: AppConfig) {
    super('ml-load', init);
  }
}

/** Fired by `<ml-app>` when the app's layout has rendered. */
export class MlRenderEvent extends Event {
  constructor() {
    super('ml-render', init);
  }
}

/** Queue/progress status of one running dependency. */
export interface MlStatus {
  fnIndex: number;
  apiName: string | null;
  stage: 'pending' | 'queued' | 'running' | 'streaming' | 'complete' | 'error' | 'cancelled';
  rank?: number | null;
  queueSize?: number;
  eta?: number | null;
  progress?: { index: number | null; length: number | null; unit: string | null; progress: number | null; desc: string | null }[];
  message?: string;
}

export class MlStatusEvent extends Event {
  constructor(readonly status: MlStatus) {
    super('ml-status', init);
  }
}

/** Fired when a dependency's outputs receive data (streamed or final). */
export class MlDataEvent extends Event {
  constructor(
    readonly fnIndex: number,
    readonly apiName: string | null,
    readonly values: unknown[],
    readonly final: boolean,
  ) {
    super('ml-data', init);
  }
}

/**
 * A Gradio event without a native twin (`submit`, `select`, `upload`, `clear`, `like`, `retry`, `undo`, `edit`,
 * `stop`, …), fired as `ml-<name>`. `data` is Gradio's event data (e.g. SelectData `{index, value, selected}`).
 */
export class MlComponentEvent extends Event {
  constructor(
    readonly name: string,
    readonly data: unknown = null,
  ) {
    super(`ml-${name}`, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ml-error': MlErrorEvent;
    'ml-load': MlLoadEvent;
    'ml-render': MlRenderEvent;
    'ml-status': MlStatusEvent;
    'ml-data': MlDataEvent;
    'ml-submit': MlComponentEvent;
    'ml-select': MlComponentEvent;
    'ml-upload': MlComponentEvent;
    'ml-clear': MlComponentEvent;
  }
}
