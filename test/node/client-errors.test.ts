// Bad input and failing servers: every job ends with an error event that has a code and a readable message.
import assert from 'node:assert/strict';
import { connect } from '../../src/client/index.js';
import { scriptedApp } from '../fixtures/scripted-app.js';
import { gradio6 } from '../fixtures/recorded-apps.js';
import { P, answer, events, gradio6App, rejection, test } from './client-helpers.js';

test('an unknown endpoint ends the job with not_found and lists the valid endpoints', async (t) => {
  const app = await gradio6App(t);
  const client = await connect(app.url);
  const evs = await events(client.submit('/nope', ['x']));
  assert.equal(evs.length, 1);
  assert.deepEqual({ ...evs[0], message: undefined }, { type: 'error', code: 'not_found', title: null, message: undefined });
  assert.match((evs[0] as { message: string }).message, /No endpoint "\/nope".*"\/greet", "\/chat", "\/filter"/);
  const err = await rejection(client.predict(42));
  assert.equal(err.code, 'not_found');
  assert.match(err.message, /fn index 42/);
  assert.equal(app.joins.length, 0, 'nothing was sent to the queue');
  client.close();
});

test('wrong arity and unknown or missing keyword names are rejected with clear messages', async (t) => {
  const app = await gradio6App(t);
  const client = await connect(app.url);
  let err = await rejection(client.predict('/greet', ['a', 1, 2, 3]));
  assert.equal(err.code, 'bad_request');
  assert.equal(err.message, '/greet takes 2 values (name, intensity), got 4.');
  err = await rejection(client.predict('/greet', []));
  assert.equal(err.message, '/greet takes 2 values (name, intensity), got 0: "name" has no default.');
  err = await rejection(client.predict('/greet', { name: 'a', loudness: 3 }));
  assert.equal(err.message, '/greet has no parameter "loudness". Parameters: name, intensity.');
  err = await rejection(client.predict('/greet', { intensity: 3 }));
  assert.equal(err.message, '/greet needs a value for "name". Parameters: name, intensity.');
  err = await rejection(client.predict('/greet', ['a'], { raw: true }));
  assert.equal(err.message, '/greet takes 3 raw input values.');
  assert.equal(app.joins.length, 0);
  client.close();
});

test('join answered with 4xx/5xx/503 ends the job with bad_request/server_error/queue_full and the server detail', async (t) => {
  const answers = [
    [422, { detail: [{ is_valid: false, message: 'name must not be empty' }] }],
    [500, { detail: 'boom' }],
    [503, { detail: 'Queue is full. Max size is 1 and size is 1.' }],
    [401, { detail: { error: 'Not authenticated', auth_message: null } }],
  ] as const;
  let i = 0;
  const app = await gradio6App(t, {
    hook: (_req, res, path) => {
      if (path !== `${P}/queue/join`) return false;
      const [status, body] = answers[i++];
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      return true;
    },
  });
  const client = await connect(app.url);
  const codes = [];
  for (let k = 0; k < answers.length; k++) {
    const err = await rejection(client.predict('/greet', ['a']));
    codes.push([err.code, err.status, err.message]);
  }
  assert.deepEqual(codes, [
    ['bad_request', 422, 'Joining the queue for /greet failed (HTTP 422): name must not be empty'],
    ['server_error', 500, 'Joining the queue for /greet failed (HTTP 500): boom'],
    ['queue_full', 503, 'Joining the queue for /greet failed (HTTP 503): Queue is full. Max size is 1 and size is 1.'],
    ['unauthorized', 401, 'Joining the queue for /greet failed (HTTP 401): Not authenticated'],
  ]);
  client.close();
});

test('a queue/data answer that is not an event stream fails the job at once', async (t) => {
  const app = await gradio6App(t, { hook: answer(`${P}/queue/data`, 200, 'text/html', '<html>login</html>') });
  const client = await connect(app.url);
  const err = await rejection(client.predict('/greet', ['a']));
  assert.equal(err.code, 'server_error');
  assert.match(err.message, /answered with text\/html instead of an event stream/);
  assert.equal(app.log.filter((l) => l.startsWith(`GET ${P}/queue/data`)).length, 1, 'no retries for a wrong answer');
  client.close();
});

test('a stream that ends without process_completed ends in connection_lost after the reconnect attempts', async (t) => {
  const app = await gradio6App(t, { hook: answer(`${P}/queue/data`, 200, 'text/event-stream', `data: {"msg":"process_starts","event_id":"e1","eta":null}\n\n`) });
  const client = await connect(app.url, { reconnects: 2 });
  const evs = await events(client.submit('/greet', ['a']));
  const last = evs.at(-1) as { type: string; code: string; message: string };
  assert.equal(last.type, 'error');
  assert.equal(last.code, 'connection_lost');
  assert.match(last.message, /Lost the connection to http:\/\/127\.0\.0\.1:\d+: The event stream ended before the job finished\./);
  assert.equal(app.log.filter((l) => l.startsWith(`GET ${P}/queue/data`)).length, 3, 'first try + 2 reconnects');
  client.close();
});

test('a stream answered with HTTP 500 every time ends in connection_lost with the status', async (t) => {
  const app = await gradio6App(t, { hook: answer(`${P}/queue/data`, 500, 'application/json', '{"detail":"oops"}') });
  const client = await connect(app.url, { reconnects: 1 });
  const err = await rejection(client.predict('/greet', ['a']));
  assert.equal(err.code, 'connection_lost');
  assert.match(err.message, /HTTP 500.*oops/);
  client.close();
});

test('an app that speaks websockets (or no protocol) gets unsupported_protocol, not a hang', async (t) => {
  for (const protocol of ['ws', null, 'sse']) {
    const app = await scriptedApp({ protocol, config: gradio6.config, info: gradio6.info });
    t.after(() => app.close());
    const client = await connect(app.url);
    const err = await rejection(client.predict('/greet', ['a']));
    assert.equal(err.code, 'unsupported_protocol');
    assert.match(err.message, new RegExp(`speaks the "${protocol ?? 'ws'}" protocol`));
    client.close();
  }
});

test('an app error ends the job with app_error, its message, title and display hints', async (t) => {
  const app = await gradio6App(t, { run: (job) => (job.data[0] === 'hidden' ? job.fail(null) : job.fail('Name is too long', 'Oops')) });
  const client = await connect(app.url);
  const evs = await events(client.submit('/greet', ['a']));
  assert.deepEqual(evs.at(-1), { type: 'error', code: 'app_error', message: 'Name is too long', title: 'Oops', duration: null, visible: true });
  const err = await rejection(client.predict('/greet', ['hidden']));
  assert.equal(err.code, 'app_error');
  assert.match(err.message, /does not show error details/);
  client.close();
});

test('connect rejects with not_found, unauthorized, network and bad_request codes', async (t) => {
  const app = await scriptedApp({
    config: gradio6.config,
    hook: (_req, res, path) => {
      if (path === '/private/config') res.writeHead(401).end('{"detail":"Unauthorized"}');
      else if (path === '/html/config') res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html>');
      else if (path === '/broken/config') res.writeHead(502).end('Bad gateway');
      else return false;
      return true;
    },
  });
  t.after(() => app.close());
  let err = await rejection(connect(app.url + '/missing'));
  assert.equal(err.code, 'not_found');
  assert.match(err.message, /HTTP 404/);
  err = await rejection(connect(app.url + '/private/'));
  assert.equal(err.code, 'unauthorized');
  assert.match(err.message, /pass a valid `token`/);
  err = await rejection(connect(app.url + '/html'));
  assert.equal(err.code, 'not_found');
  assert.match(err.message, /did not answer with an app config/);
  err = await rejection(connect(app.url + '/broken'));
  assert.equal(err.code, 'server_error');
  assert.match(err.message, /HTTP 502\): Bad gateway/);
  err = await rejection(connect('http://127.0.0.1:1'));
  assert.equal(err.code, 'network');
  assert.match(err.message, /Could not reach http:\/\/127\.0\.0\.1:1\/config/);
  err = await rejection(connect('localhost:7860'));
  assert.equal(err.code, 'bad_request');
  err = await rejection(connect('not a url'));
  assert.equal(err.code, 'bad_request');
});

test('an unexpected_error for an unknown session fails pending jobs with connection_lost', async (t) => {
  const unknownSession = `data: {"msg":"unexpected_error","event_id":null,"message":"404: Not Found","session_not_found":true,"success":false}\n\n`;
  const app = await gradio6App(t, { hook: answer(`${P}/queue/data`, 200, 'text/event-stream', unknownSession) });
  const client = await connect(app.url);
  const err = await rejection(client.predict('/greet', ['a']));
  assert.equal(err.code, 'connection_lost');
  assert.equal(err.message, '404: Not Found');
  client.close();
});
