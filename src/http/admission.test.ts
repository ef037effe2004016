import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { Admission, leaveTurn } from './admission.js';

// A real node:http server whose handler records which requests it started and holds each one
// until the test answers it, so the test decides when a turn ends.
const admission = new Admission(1);
const started: string[] = [];
const held = new Map<string, { req: IncomingMessage; res: ServerResponse }>();
/** Every response, handled or not. */
const responses = new Map<string, ServerResponse>();
let origin: string;
const server = createServer((req, res) => {
  const name = new URL(req.url!, 'http://x').searchParams.get('name')!;
  responses.set(name, res);
  admission.admit(req, res, () => {
    started.push(name);
    held.set(name, { req, res });
  });
});

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  // A failed test may leave requests held open: close them so the file ends.
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Sends a request on its own connection; resolves with the body once answered. */
function send(name: string, options: { method?: string; accept?: string } = {}) {
  const req = request(`${origin}/?name=${name}`, {
    method: options.method ?? 'GET',
    agent: false,
    headers: options.accept ? { accept: options.accept } : {},
  });
  const body = new Promise<string>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c));
      res.on('end', () => resolve(text));
    });
    req.on('error', reject);
  });
  req.end();
  return { req, body };
}

function answer(name: string) {
  held.get(name)!.res.end(`answer ${name}`);
}

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  assert.ok(check(), what);
};
const settle = () => new Promise((r) => setTimeout(r, 50));

test('a read waits for the turn of the one before it, then runs', async () => {
  const a = send('a1');
  await until(() => started.includes('a1'), 'a1 started');
  const b = send('b1');
  await settle();
  assert.ok(!started.includes('b1'), 'b1 waits while a1 holds the only turn');
  assert.equal(admission.queued, 1);
  answer('a1');
  assert.equal(await a.body, 'answer a1');
  await until(() => started.includes('b1'), 'b1 started after a1 finished');
  answer('b1');
  assert.equal(await b.body, 'answer b1');
  assert.equal(admission.queued, 0);
});

test('writes and event streams never wait', async () => {
  const a = send('a2');
  await until(() => started.includes('a2'), 'a2 started');
  const post = send('post2', { method: 'POST' });
  const stream = send('stream2', { accept: 'text/event-stream' });
  await until(
    () => started.includes('post2') && started.includes('stream2'),
    'the POST and the event stream started while a2 holds the turn',
  );
  for (const name of ['post2', 'stream2', 'a2']) answer(name);
  await Promise.all([a.body, post.body, stream.body]);
});

test('a reader who leaves while waiting takes no turn and leaks none', async () => {
  const a = send('a3');
  await until(() => started.includes('a3'), 'a3 started');
  const gone = send('gone3');
  gone.body.catch(() => {});
  const c = send('c3');
  await settle();
  assert.equal(admission.queued, 2);
  gone.req.destroy();
  await settle();
  answer('a3');
  await a.body;
  await until(() => started.includes('c3'), 'c3 started');
  assert.ok(!started.includes('gone3'), 'the request whose client left was never handled');
  assert.ok(
    responses.get('gone3')!.writableEnded,
    'its response is ended: nothing (graceful shutdown) waits for a handler that never runs',
  );
  answer('c3');
  await c.body;
  // Had the departed request kept a turn, this one would wait forever.
  const d = send('d3');
  await until(() => started.includes('d3'), 'd3 started: no turn was leaked');
  answer('d3');
  await d.body;
});

test('leaveTurn ends a turn before the response is finished (a slow reader holds none)', async () => {
  const a = send('a4');
  await until(() => started.includes('a4'), 'a4 started');
  const b = send('b4');
  await settle();
  assert.ok(!started.includes('b4'));
  leaveTurn(held.get('a4')!.req);
  await until(() => started.includes('b4'), 'b4 started once a4 released its turn');
  // Releasing twice (and then finishing) frees no second turn.
  leaveTurn(held.get('a4')!.req);
  answer('a4');
  await a.body;
  const c = send('c4');
  await settle();
  assert.ok(!started.includes('c4'), 'c4 waits: b4 still holds the only turn');
  answer('b4');
  await b.body;
  await until(() => started.includes('c4'), 'c4 started');
  answer('c4');
  await c.body;
});
