// Shared pieces of the client tests: a scripted Gradio 6 app closed after each test, and ways to read a job's outcome.
import { test as nodeTest, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { ClientError, type JobEvent } from '../../src/client/index.js';
import { scriptedApp, type ScriptOptions, type ScriptedApp } from '../fixtures/scripted-app.js';
import { gradio6 } from '../fixtures/recorded-apps.js';

/** Every test fails after 30 s instead of hanging the run. */
export const test = (name: string, fn: (t: TestContext) => void | Promise<void>) => nodeTest(name, { timeout: 30_000 }, fn);

/** The Gradio 5/6 route prefix. */
export const P = '/gradio_api';

/** A scripted app with the recorded Gradio 6 config (/greet, /chat, /filter) under `P`, closed when the test ends. */
export async function gradio6App(t: TestContext, o: Partial<ScriptOptions> = {}): Promise<ScriptedApp> {
  const app = await scriptedApp({ prefix: P, config: gradio6.config, info: gradio6.info, ...o });
  t.after(() => app.close());
  return app;
}

/** A hook that answers requests to `path` with this status, content type and body (other paths go on as usual). */
export function answer(path: string, status: number, type: string | null, body: string): NonNullable<ScriptOptions['hook']> {
  return (_req, res, p) => {
    if (p !== path) return false;
    res.writeHead(status, type ? { 'Content-Type': type } : {}).end(body);
    return true;
  };
}

/** How many session streams (GET queue/data) the app was asked for. */
export const streams = (log: string[]) => log.filter((l) => l.includes('/queue/data')).length;

/** All events of a job, in order, once it has ended. */
export async function events(it: AsyncIterable<JobEvent>): Promise<JobEvent[]> {
  const out: JobEvent[] = [];
  for await (const e of it) out.push(e);
  return out;
}

/** The ClientError a promise rejects with (fails the test if it resolves or rejects with something else). */
export async function rejection(p: Promise<unknown>): Promise<ClientError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ClientError, `expected a ClientError, got ${e}`);
    return e;
  }
  assert.fail('expected a rejection');
}
