// Errors the client reports: every failure carries a machine-readable code and a readable message.

export type ErrorCode =
  | 'app_error'
  | 'queue_full'
  | 'connection_lost'
  | 'network'
  | 'not_found'
  | 'unsupported_protocol'
  | 'bad_request'
  | 'server_error'
  | 'cancelled'
  | 'unauthorized';

export class ClientError extends Error {
  code: ErrorCode;
  title: string | null;
  status?: number;

  constructor(code: ErrorCode, message: string, title: string | null = null, status?: number) {
    super(message);
    this.name = 'ClientError';
    this.code = code;
    this.title = title;
    if (status) this.status = status;
  }
}

export const cancelled = (what = 'job'): ClientError => new ClientError('cancelled', `The ${what} was cancelled.`);

/** Any thrown value as a ClientError: aborts become `cancelled`, fetch failures `network`. */
export function toClientError(e: unknown, url = ''): ClientError {
  if (e instanceof ClientError) return e;
  const err = e as Error | undefined;
  if (err?.name === 'AbortError') return cancelled('request');
  return new ClientError('network', `Could not reach ${url || 'the app'}: ${err?.message ?? String(e)}`);
}

/** Turns a non-2xx response into a ClientError, using the server's `{detail}`/`{error}` message when it sent one. */
export async function responseError(res: Response, what: string): Promise<ClientError> {
  const s = res.status;
  let detail = '';
  try {
    const text = await res.text();
    try {
      const j = JSON.parse(text);
      const d = j?.detail ?? j?.error ?? j;
      detail = typeof d === 'string' ? d : Array.isArray(d) ? d.map((x) => x?.message ?? x?.msg).join('; ') : d?.auth_message ?? d?.error ?? JSON.stringify(d);
    } catch {
      detail = text.trim().slice(0, 200);
    }
  } catch {}
  const code: ErrorCode =
    s === 401 || s === 403 ? 'unauthorized' : s === 404 ? 'not_found' : s === 503 && /queue/i.test(detail) ? 'queue_full' : s >= 500 ? 'server_error' : 'bad_request';
  return new ClientError(code, `${what} failed (HTTP ${s})${detail ? ': ' + detail : '.'}`, null, s);
}
