import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { commentSite, postComment } from './comments-support.js';
import type { TestSite } from './support/test-site.js';

let site: TestSite;
let ids: Awaited<ReturnType<typeof commentSite>>['ids'];
let origin: string;

before(async () => {
  ({ site, ids } = await commentSite(
    {},
    // One turn per process (src/http/admission.ts): a stream holding it would stall every read.
    { MODERATION_TOKEN: 'live-test-token-0123456789abcdef', MAX_CONCURRENT_REQUESTS: '1' },
  ));
  origin = await site.listen();
});
after(() => site.close());

/** Reads Server-Sent Events from a stream until `count` events of type `comment` arrived. */
async function collect(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  count: number,
): Promise<Array<{ id: number; parentId: number | null; count: number; html: string }>> {
  const decoder = new TextDecoder();
  const events: Array<{ id: number; parentId: number | null; count: number; html: string }> = [];
  let buffer = '';
  const deadline = Date.now() + 5000;
  while (events.length < count) {
    if (Date.now() > deadline) throw new Error(`only ${events.length} events arrived`);
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (block.includes('event: comment')) {
        const data = block.split('\n').find((l) => l.startsWith('data: '))!;
        events.push(JSON.parse(data.slice(6)));
      }
      end = buffer.indexOf('\n\n');
    }
  }
  return events;
}

test('open pages receive newly approved comments and the count over Server-Sent Events', async () => {
  const controller = new AbortController();
  const res = await fetch(`${origin}/api/comments/stream?article=${ids.open}`, {
    signal: controller.signal,
  });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type')!, /^text\/event-stream/);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const reader = res.body!.getReader();

  // Approved at once: announced. Held: not announced until a moderator approves it.
  const approved = await postComment(site, {
    article_id: String(ids.open),
    comment: 'Live and approved',
  });
  assert.equal(approved.statusCode, 303);
  await site.services.settings.set('commentHoldFirstComment', true);
  const held = await postComment(site, {
    article_id: String(ids.open),
    comment: 'Live but held',
    author_email: 'held-live@example.org',
  });
  const heldId = Number(held.headers.location!.split('#comment-')[1]);
  // Another article's comments are not sent to this page.
  await site.services.settings.set('commentHoldFirstComment', false);
  await postComment(site, { article_id: String(ids.other), comment: 'Elsewhere' });
  const approve = await site.app.inject({
    method: 'POST',
    url: `/api/moderation/comments/${heldId}/approve`,
    headers: { authorization: 'Bearer live-test-token-0123456789abcdef' },
  });
  assert.equal(approve.statusCode, 200);

  const events = await collect(reader, 2);
  controller.abort();
  assert.equal(events.length, 2);
  assert.match(events[0]!.html, /Live and approved/);
  assert.equal(events[0]!.count, 1);
  assert.match(events[1]!.html, /Live but held/);
  assert.doesNotMatch(events[1]!.html, /awaiting moderation/);
  assert.equal(events[1]!.count, 2);
  assert.equal(events[1]!.id, heldId);
});

test('an open stream holds no turn: pages still answer with one turn per process', async () => {
  const controller = new AbortController();
  // No `Accept: text/event-stream` (a script or proxy may not send it): it waits for a turn like
  // any read, then gives it up when the stream starts.
  const stream = await fetch(`${origin}/api/comments/stream?article=${ids.open}`, {
    signal: controller.signal,
    headers: { accept: '*/*' },
  });
  assert.equal(stream.status, 200);
  try {
    const page = await fetch(`${origin}/`, { signal: AbortSignal.timeout(5000) });
    assert.equal(page.status, 200);
  } finally {
    controller.abort();
  }
});

test('a stream for a missing or unpublished article is refused', async () => {
  for (const id of [999_999, ids.draft]) {
    const res = await fetch(`${origin}/api/comments/stream?article=${id}`);
    assert.equal(res.status, 404);
    assert.equal((await res.json()).error.code, 'NOT_FOUND');
  }
  const bad = await fetch(`${origin}/api/comments/stream?article=abc`);
  assert.equal(bad.status, 400);
});
