/** An error whose message the user sees, whatever the app's `showError` setting (Gradio's `gr.Error`). */
export class AppError extends Error {
  readonly title: string;
  readonly duration: number | null;
  readonly visible: boolean;
  constructor(message: string, options: { title?: string; duration?: number | null; visible?: boolean } = {}) {
    super(message);
    this.name = 'AppError';
    this.title = options.title ?? 'Error';
    this.duration = options.duration ?? null;
    this.visible = options.visible ?? true;
  }
}

/** A request the server refuses: answered as `status` with JSON `{detail}`. */
export class HttpError extends Error {
  readonly status: number;
  constructor(status: number, detail: string) {
    super(detail);
    this.status = status;
  }
}

/** Thrown by `enqueue` when the queue's `maxSize` is reached (answered with 503). */
export class QueueFullError extends HttpError {
  constructor(maxSize: number, size: number) {
    super(503, `Queue is full. Max size is ${maxSize} and size is ${size}.`);
  }
}
