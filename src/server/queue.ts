// The queue: one small async interface (so a distributed backend can replace the in-memory one) and the
// in-memory default. Jobs and messages cross it as plain JSON.
import { randomBytes } from 'node:crypto';
import type { QueueMessage } from '../protocol/index.js';
import { QueueFullError } from './errors.js';

/** A job as it enters the queue: plain JSON, no functions or sockets. */
export interface QueueJob {
  eventId: string;
  /** Session whose stream receives the job's messages. */
  sessionHash: string;
  fnIndex: number;
  /** Jobs sharing a concurrency id share one waiting line and one limit. */
  concurrencyId: string;
  /** Jobs of this group allowed to run at once; null = unlimited. */
  concurrencyLimit: number | null;
  data: unknown[];
  /** Number of outputs (a cancelled job completes with that many nulls). */
  outputCount: number;
  /** Anything else the runner needs (root URL, headers, state key…); must be JSON. */
  context: Record<string, unknown>;
}

/** What a running job may do: send messages (the queue adds `event_id`) and notice cancellation. */
export interface JobIO {
  emit(message: Record<string, unknown> & { msg: string }): void;
  signal: AbortSignal;
}

/** Runs one job to its end; must finish with a `process_completed` message. */
export type JobRunner = (job: QueueJob, io: JobIO) => Promise<void>;

export interface SessionEvent {
  id: number;
  message: QueueMessage;
}

export interface Estimate {
  rank: number | null;
  queueSize: number;
  eta: number | null;
}

/** The interface the routes use; a Redis-backed implementation can be dropped in. */
export interface Queue {
  /** Accepts a job (eventId may be preset) and queues its first `estimation`; throws QueueFullError. */
  enqueue(job: Omit<QueueJob, 'eventId'> & { eventId?: string }): Promise<string>;
  /** Position of a waiting job (rank null once running; null when unknown). */
  rank(eventId: string): Promise<Estimate | null>;
  /** Drops a waiting job or aborts a running one; completes it with null outputs. */
  cancel(eventId: string): Promise<boolean>;
  /** Cancels everything of a session and forgets it (stream closed by the client). */
  cancelSession(sessionHash: string): Promise<void>;
  /** True when the session has messages or jobs. */
  hasSession(sessionHash: string): Promise<boolean>;
  /**
   * The session's messages after `afterId` (default: after the last one already delivered), ending with a
   * `close_stream` once the session has no pending job left; stops when `signal` aborts.
   */
  events(sessionHash: string, afterId?: number, signal?: AbortSignal): AsyncIterable<SessionEvent>;
  /** Waiting jobs across all groups. */
  size(): Promise<number>;
  close(): Promise<void>;
}

export interface MemoryQueueOptions {
  /** Most waiting (not running) jobs across groups; beyond it join answers 503. null = unbounded. */
  maxSize?: number | null;
  /** Most jobs running at once across all groups. */
  maxThreads?: number;
  /** Sessions kept at most (oldest idle ones are dropped). */
  maxSessions?: number;
  /** An idle session (no open stream, nothing pending) is forgotten after this many ms. */
  sessionTtlMs?: number;
}

interface Job extends QueueJob {
  state: 'waiting' | 'running' | 'done';
  started: number;
  abort: AbortController;
  /** Its concurrency slot was given back early (cancelled while running). */
  released: boolean;
}

interface Group {
  limit: number | null;
  waiting: Job[];
  running: Set<Job>;
}

interface Session {
  log: SessionEvent[];
  nextId: number;
  delivered: number;
  pending: Set<string>;
  wake: Set<() => void>;
  readers: number;
  touched: number;
}

const KEEP_DELIVERED = 50;

/** Rank and ETA of every waiting job of a group (Gradio's formula, PROTOCOL §8); shared by all backends. */
export function estimateGroup(
  waiting: { fnIndex: number }[],
  running: { fnIndex: number; started: number }[],
  limit: number | null,
  avg: (fnIndex: number) => number | null,
  now: number,
): (number | null)[] {
  let tillWorker: number | null = 0;
  if (limit !== null && running.length >= limit) {
    let earliest = Infinity;
    for (const r of running) {
      const a = avg(r.fnIndex);
      if (a === null) {
        tillWorker = null;
        break;
      }
      earliest = Math.min(earliest, r.started / 1000 + a - now / 1000);
    }
    if (tillWorker !== null) tillWorker = Math.max(0, earliest);
  }
  let waitSoFar: number | null = 0;
  return waiting.map((w) => {
    const a = avg(w.fnIndex);
    const eta = a === null || waitSoFar === null || tillWorker === null ? null : a + waitSoFar + tillWorker;
    if (waitSoFar !== null) waitSoFar = a === null ? null : waitSoFar + (limit === null ? 0 : a / limit);
    return eta;
  });
}

export class MemoryQueue implements Queue {
  private readonly groups = new Map<string, Group>();
  private readonly jobs = new Map<string, Job>();
  private readonly sessions = new Map<string, Session>();
  private readonly durations = new Map<number, { total: number; count: number }>();
  private readonly maxSize: number | null;
  private readonly maxThreads: number;
  private readonly maxSessions: number;
  private readonly ttl: number;
  private runningCount = 0;
  private closed = false;
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly runner: JobRunner, options: MemoryQueueOptions = {}) {
    this.maxSize = options.maxSize ?? null;
    this.maxThreads = options.maxThreads ?? 40;
    this.maxSessions = options.maxSessions ?? 2000;
    this.ttl = options.sessionTtlMs ?? 5 * 60_000;
    this.sweeper = setInterval(() => this.sweep(), Math.min(this.ttl, 30_000));
    this.sweeper.unref();
  }

  /** Mean duration (s) of a function's runs, or null before its first run. */
  average(fnIndex: number): number | null {
    const d = this.durations.get(fnIndex);
    return d && d.count ? d.total / d.count : null;
  }

  async enqueue(spec: Omit<QueueJob, 'eventId'> & { eventId?: string }): Promise<string> {
    if (this.closed) throw new QueueFullError(0, 0);
    const waiting = this.waitingCount();
    if (this.maxSize !== null && waiting >= this.maxSize) throw new QueueFullError(this.maxSize, waiting);
    const job: Job = {
      ...spec,
      eventId: spec.eventId ?? randomBytes(16).toString('hex'),
      state: 'waiting',
      started: 0,
      abort: new AbortController(),
      released: false,
    };
    this.jobs.set(job.eventId, job);
    const session = this.session(job.sessionHash);
    session.pending.add(job.eventId);
    const group = this.group(job);
    group.waiting.push(job);
    this.sendEstimations(group, job);
    queueMicrotask(() => this.schedule());
    return job.eventId;
  }

  async rank(eventId: string): Promise<Estimate | null> {
    const job = this.jobs.get(eventId);
    if (!job) return null;
    const group = this.groups.get(job.concurrencyId)!;
    if (job.state !== 'waiting') return { rank: null, queueSize: group.waiting.length, eta: null };
    const i = group.waiting.indexOf(job);
    const etas = this.etas(group);
    return { rank: i, queueSize: group.waiting.length, eta: etas[i] ?? null };
  }

  async cancel(eventId: string): Promise<boolean> {
    const job = this.jobs.get(eventId);
    if (!job || job.state === 'done') return false;
    const group = this.groups.get(job.concurrencyId)!;
    const wasWaiting = job.state === 'waiting';
    if (wasWaiting) group.waiting.splice(group.waiting.indexOf(job), 1);
    else this.release(group, job);
    job.abort.abort(new Error('cancelled'));
    // A clean completion with null outputs: what the official clients handle as "stopped".
    this.finish(job, {
      msg: 'process_completed',
      event_id: job.eventId,
      output: { data: new Array(job.outputCount).fill(null), is_generating: false },
      success: true,
      title: null,
    } as QueueMessage);
    if (wasWaiting) this.sendEstimations(group);
    return true;
  }

  async cancelSession(sessionHash: string): Promise<void> {
    const session = this.sessions.get(sessionHash);
    if (!session) return;
    for (const id of [...session.pending]) {
      const job = this.jobs.get(id);
      if (!job) continue;
      const group = this.groups.get(job.concurrencyId)!;
      if (job.state === 'waiting') {
        group.waiting.splice(group.waiting.indexOf(job), 1);
        this.sendEstimations(group);
      } else this.release(group, job);
      job.abort.abort(new Error('disconnected'));
      this.drop(job);
    }
    this.forget(sessionHash);
    queueMicrotask(() => this.schedule());
  }

  async hasSession(sessionHash: string): Promise<boolean> {
    return this.sessions.has(sessionHash);
  }

  async size(): Promise<number> {
    return this.waitingCount();
  }

  async *events(sessionHash: string, afterId?: number, signal?: AbortSignal): AsyncIterable<SessionEvent> {
    const session = this.sessions.get(sessionHash);
    if (!session) return;
    session.readers++;
    let cursor = afterId ?? session.delivered;
    try {
      for (;;) {
        if (signal?.aborted || this.sessions.get(sessionHash) !== session) return;
        const next = session.log.find((e) => e.id > cursor);
        if (next) {
          cursor = next.id;
          session.delivered = Math.max(session.delivered, cursor);
          session.touched = Date.now();
          this.trim(session);
          yield next;
          continue;
        }
        // Everything delivered: close once no job of the session is pending (checked now, not at completion).
        if (session.pending.size === 0) {
          // Nothing left to send: forget the session now (a later join starts a fresh one).
          if (this.sessions.get(sessionHash) === session) this.sessions.delete(sessionHash);
          yield { id: cursor, message: { msg: 'close_stream', event_id: null } };
          return;
        }
        await new Promise<void>((resolve) => {
          const done = () => {
            session.wake.delete(done);
            signal?.removeEventListener('abort', done);
            resolve();
          };
          session.wake.add(done);
          signal?.addEventListener('abort', done, { once: true });
        });
      }
    } finally {
      session.readers--;
      session.touched = Date.now();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweeper);
    for (const job of this.jobs.values()) job.abort.abort(new Error('server stopped'));
    for (const [hash, session] of this.sessions) {
      this.push(session, { msg: 'unexpected_error', event_id: null, message: 'Server stopped unexpectedly.', success: false });
      session.pending.clear();
      this.forget(hash);
    }
    this.jobs.clear();
    this.groups.clear();
  }

  // ---- internals --------------------------------------------------------------------------------

  private waitingCount(): number {
    let n = 0;
    for (const g of this.groups.values()) n += g.waiting.length;
    return n;
  }

  private group(job: QueueJob): Group {
    let g = this.groups.get(job.concurrencyId);
    if (!g) this.groups.set(job.concurrencyId, (g = { limit: job.concurrencyLimit, waiting: [], running: new Set() }));
    // Jobs sharing a group: the lowest limit wins.
    else if (job.concurrencyLimit !== null && (g.limit === null || job.concurrencyLimit < g.limit)) g.limit = job.concurrencyLimit;
    return g;
  }

  private session(hash: string): Session {
    let s = this.sessions.get(hash);
    if (s) {
      // LRU order: most recently used last.
      this.sessions.delete(hash);
      this.sessions.set(hash, s);
    } else {
      s = { log: [], nextId: 1, delivered: 0, pending: new Set(), wake: new Set(), readers: 0, touched: Date.now() };
      this.sessions.set(hash, s);
      if (this.sessions.size > this.maxSessions) this.evictOne();
    }
    s.touched = Date.now();
    return s;
  }

  private evictOne(): void {
    for (const [hash, s] of this.sessions) {
      if (s.pending.size === 0 && s.readers === 0) {
        this.forget(hash);
        return;
      }
    }
  }

  private push(session: Session, message: QueueMessage): void {
    session.log.push({ id: session.nextId++, message });
    for (const wake of [...session.wake]) wake();
  }

  private trim(session: Session): void {
    let drop = 0;
    while (drop < session.log.length && session.log[drop].id <= session.delivered - KEEP_DELIVERED) drop++;
    if (drop) session.log.splice(0, drop);
  }

  private forget(hash: string): void {
    const s = this.sessions.get(hash);
    if (!s) return;
    this.sessions.delete(hash);
    for (const wake of [...s.wake]) wake();
  }

  private sweep(): void {
    const now = Date.now();
    for (const [hash, s] of this.sessions) {
      if (s.pending.size === 0 && s.readers === 0 && now - s.touched > this.ttl) this.forget(hash);
    }
  }

  private etas(group: Group): (number | null)[] {
    return estimateGroup(group.waiting, [...group.running], group.limit, (i) => this.average(i), Date.now());
  }

  /** Sends `estimation` to one new job, or to every waiting job of the group when ranks moved. */
  private sendEstimations(group: Group, only?: Job): void {
    const etas = this.etas(group);
    group.waiting.forEach((job, rank) => {
      if (only && job !== only) return;
      const session = this.sessions.get(job.sessionHash);
      if (!session) return;
      this.push(session, {
        msg: 'estimation',
        event_id: job.eventId,
        rank,
        queue_size: group.waiting.length,
        rank_eta: etas[rank] === null ? null : Math.round(etas[rank]! * 1000) / 1000,
      });
    });
  }

  private schedule(): void {
    if (this.closed) return;
    let started = true;
    while (started && this.runningCount < this.maxThreads) {
      started = false;
      for (const group of this.groups.values()) {
        if (this.runningCount >= this.maxThreads) break;
        if (!group.waiting.length || (group.limit !== null && group.running.size >= group.limit)) continue;
        const job = group.waiting.shift()!;
        this.start(group, job);
        if (group.waiting.length) this.sendEstimations(group);
        started = true;
      }
    }
    for (const [id, g] of this.groups) if (!g.waiting.length && !g.running.size) this.groups.delete(id);
  }

  private start(group: Group, job: Job): void {
    job.state = 'running';
    job.started = Date.now();
    group.running.add(job);
    this.runningCount++;
    const eta = this.average(job.fnIndex);
    this.emitFor(job, { msg: 'process_starts', eta: eta === null ? null : Math.round(eta * 1000) / 1000 });
    let failed = false;
    const io: JobIO = {
      signal: job.abort.signal,
      emit: (m) => this.emitFor(job, m),
    };
    this.runner(job, io)
      .catch((err: unknown) => {
        failed = true;
        this.emitFor(job, {
          msg: 'process_completed',
          output: { error: err instanceof Error ? err.message : String(err) },
          success: false,
          title: 'Error',
        });
      })
      .finally(() => {
        this.release(group, job);
        if (!failed && !job.abort.signal.aborted) {
          const d = this.durations.get(job.fnIndex) ?? { total: 0, count: 0 };
          d.total += (Date.now() - job.started) / 1000;
          d.count++;
          this.durations.set(job.fnIndex, d);
        }
        if (job.state !== 'done') {
          this.emitFor(job, { msg: 'process_completed', output: { error: 'The function ended without a result.' }, success: false, title: 'Error' });
        }
        this.schedule();
      });
  }

  /** Messages of a cancelled or finished job are dropped: nothing reaches the client after its completion. */
  private emitFor(job: Job, m: Record<string, unknown> & { msg: string }): void {
    if (job.state === 'done' || job.abort.signal.aborted) return;
    const message = { ...m, event_id: job.eventId } as QueueMessage;
    if (m.msg === 'process_completed') this.finish(job, message);
    else {
      const session = this.sessions.get(job.sessionHash);
      if (session) this.push(session, message);
    }
  }

  private finish(job: Job, message: QueueMessage): void {
    const session = this.sessions.get(job.sessionHash);
    this.drop(job);
    if (session) {
      session.pending.delete(job.eventId);
      this.push(session, message);
    }
  }

  /** Frees a running job's slot once (at its end, or early when it is cancelled). */
  private release(group: Group, job: Job): void {
    if (job.released) return;
    job.released = true;
    group.running.delete(job);
    this.runningCount--;
    if (!group.waiting.length && !group.running.size && this.groups.get(job.concurrencyId) === group) this.groups.delete(job.concurrencyId);
    queueMicrotask(() => this.schedule());
  }

  private drop(job: Job): void {
    job.state = 'done';
    this.jobs.delete(job.eventId);
  }
}
