import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SanitizedHtml } from '../text/sanitized-html.js';
import { countNodes, type PublicComment, threadComments } from './comment.js';

const c = (id: number, parentId: number | null): PublicComment => ({
  id,
  parentId,
  authorName: `n${id}`,
  authorUrl: null,
  body: 'b',
  bodyHtml: '<p>b</p>' as SanitizedHtml,
  avatarKey: null,
  depth: 1,
  createdAt: '2026-01-01T00:00:00Z',
  editedAt: null,
  isStaff: false,
  status: 'approved',
});

test('replies nest under their parents and orphans stay visible at the top', () => {
  const tree = threadComments([c(1, null), c(2, 1), c(3, 2), c(4, null), c(5, 99)]);
  assert.deepEqual(
    tree.map((n) => n.id),
    [1, 4, 5],
  );
  assert.equal(tree[0]!.replies[0]!.id, 2);
  assert.equal(tree[0]!.replies[0]!.replies[0]!.id, 3);
  assert.equal(countNodes(tree), 5);
});
