// A submitted call: an async iterable of typed events plus `result` and `cancel()`.
import type { ProgressUnit } from '../protocol/types.js';
import { ClientError, type ErrorCode } from './errors.js';

export type JobEvent =
  | { type: 'queued'; rank: number | null; queueSize: number; eta: number | null }
  | { type: 'started'; eta: number | null }
  | { type: 'progress'; levels: ProgressUnit[] }
  | { type: 'log'; level: 'info' | 'warning' | 'success' | 'error'; message: string; title: string; duration: number | null; visible: boolean }
  | { type: 'data'; values: unknown[] }
  | { type: 'complete'; values: unknown[]; duration: number | null }
  | { type: 'error'; message: string; title: string | null; code: ErrorCode; duration?: number | null; visible?: boolean };

export interface Job extends AsyncIterable<JobEvent> {
  readonly eventId: string | null;
  /** Asks the server to stop; the job then ends with `complete` or `error {code: 'cancelled'}`. */
  cancel(): Promise<void>;
  /** The final values; rejects with a ClientError. */
  readonly result: Promise<unknown[]>;
}

/**
 * Event buffer behind a Job. Events wait until an iterator takes them; breaking out of a `for await`
 * loop before the job ended cancels it, so an abandoned job never keeps running on the server.
 */
export class JobState implements Job {
  eventId: string | null = null;
  readonly result: Promise<unknown[]>;
  done = false;
  cancelled = false;
  /** Both set by the Client that runs the job. */
  onEnd!: () => void;
  cancel!: () => Promise<void>;
  private readonly queue: JobEvent[] = [];
  private wake: (() => void) | null = null;
  /** One promise shared by every waiting iterator, so none is left asleep. */
  private next: Promise<void> | null = null;
  private settle!: [(v: unknown[]) => void, (e: ClientError) => void];

  constructor() {
    this.result = new Promise((resolve, reject) => (this.settle = [resolve, reject]));
    this.result.catch(() => {});
  }

  /** `err` is what `result` rejects with for an error event (keeps its HTTP status). */
  emit(ev: JobEvent, err?: ClientError): void {
    if (this.done) return;
    this.queue.push(ev);
    if (ev.type === 'complete') this.settle[0](ev.values);
    if (ev.type === 'error') this.settle[1](err ?? new ClientError(ev.code, ev.message, ev.title));
    if (ev.type === 'complete' || ev.type === 'error') {
      this.done = true;
      this.onEnd();
    }
    const wake = this.wake;
    this.wake = this.next = null;
    wake?.();
  }

  fail(e: ClientError): void {
    this.emit({ type: 'error', message: e.message, title: e.title, code: e.code }, e);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<JobEvent> {
    try {
      for (;;) {
        const ev = this.queue.shift();
        if (ev) {
          yield ev;
          if (ev.type === 'complete' || ev.type === 'error') return;
        } else if (this.done) return;
        else await (this.next ??= new Promise<void>((r) => (this.wake = r)));
      }
    } finally {
      if (!this.done) void this.cancel();
    }
  }
}
