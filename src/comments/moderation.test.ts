import assert from 'node:assert/strict';
import { test } from 'node:test';
import { settingDefaults } from '../settings/settings.js';
import { countLinks, renderCommentBody } from './comment-text.js';
import { identicon } from './identicon.js';
import { moderate } from './moderation.js';
import { findListedWord, fold } from './text-fold.js';

test('folding is Turkish-aware and strips accents', () => {
  assert.equal(fold('İSTANBUL'), 'istanbul');
  assert.equal(fold('ISTANBUL'), 'istanbul');
  assert.equal(fold('ıstanbul'), 'istanbul');
  assert.equal(fold('Café Ğüşöç'), 'cafe gusoc');
  assert.equal(fold('Straße'), 'strasse');
});

test('word lists match whole words and phrases, never substrings', () => {
  assert.equal(findListedWord('I live in Scunthorpe', ['cunt']), undefined);
  assert.equal(findListedWord('Buy cheap pills now', ['pills']), 'pills');
  assert.equal(findListedWord('BUY CHEAP PİLLS', ['pills']), 'pills');
  assert.equal(findListedWord('great casino-bonus here', ['casino bonus']), 'casino bonus');
  assert.equal(findListedWord('a casino and a bonus', ['casino bonus']), undefined);
  assert.equal(findListedWord('Kahve çok güzel', ['guzel']), 'guzel');
  assert.equal(findListedWord('anything', []), undefined);
});

const base = {
  text: 'A measured reply about the harbour wall.',
  authorName: 'Ann',
  authorUrl: null,
  linkCount: 0,
  honeypotFilled: false,
  knownAuthor: true,
};
const settings = { ...settingDefaults };

test('a clean comment from a known author is approved with a recorded reason', () => {
  const d = moderate(base, settings);
  assert.equal(d.status, 'approved');
  assert.equal(d.rule, 'passed');
  assert.equal(d.score, 0);
});

test('each rule names itself and scores', () => {
  assert.deepEqual(
    [moderate({ ...base, honeypotFilled: true }, settings)].map((d) => [d.status, d.rule]),
    [['spam', 'honeypot']],
  );
  const blocked = moderate(base, { ...settings, commentBlockedWords: ['harbour'] });
  assert.equal(blocked.status, 'spam');
  assert.equal(blocked.rule, 'blocked-word');
  assert.match(blocked.reason, /harbour/);
  const held = moderate(base, { ...settings, commentHeldWords: ['WALL'] });
  assert.equal(held.status, 'pending');
  assert.equal(held.rule, 'held-word');
  const links = moderate({ ...base, linkCount: 3 }, settings);
  assert.equal(links.status, 'pending');
  assert.equal(links.rule, 'too-many-links');
  const first = moderate({ ...base, knownAuthor: false }, settings);
  assert.equal(first.status, 'pending');
  assert.equal(first.rule, 'first-comment');
  const noHold = moderate(
    { ...base, knownAuthor: false },
    { ...settings, commentHoldFirstComment: false },
  );
  assert.equal(noHold.status, 'approved');
  const spammy = moderate(
    {
      ...base,
      authorName: 'cheap-pills.com',
      text: 'https://a.example https://b.example',
      linkCount: 2,
    },
    settings,
  );
  assert.equal(spammy.status, 'pending');
  assert.ok(spammy.score >= 50);
});

test('comment text renders to a small allowlist and never passes HTML through', () => {
  const html = renderCommentBody(
    'Hi *there* **you** `x<y`\n\n> quoted\n\n<script>alert(1)</script> <img src=x onerror=alert(1)> [bad](javascript:alert(1)) [ok](https://example.org) www.example.com',
  );
  assert.match(html, /<em>there<\/em>/);
  assert.match(html, /<strong>you<\/strong>/);
  assert.match(html, /<code>x&lt;y<\/code>/);
  assert.match(html, /<blockquote>/);
  assert.doesNotMatch(html, /<script|<img/);
  assert.doesNotMatch(html, /href="javascript/);
  assert.match(html, /<a href="https:\/\/example.org" rel="nofollow ugc noopener">ok<\/a>/);
  assert.equal(countLinks(html), 2);
});

test('identicons are deterministic, symmetric and never empty', () => {
  const a = identicon('AAAAAAAAAAAAAAAAAAAAAA');
  assert.equal(a.path, 'M2 0h1v5h-1z');
  const b = identicon('q83vEjRWeJCrze8SNFZ4kA');
  assert.deepEqual(identicon('q83vEjRWeJCrze8SNFZ4kA'), b);
  assert.match(b.color, /^#[0-9a-f]{6}$/);
});
