import { demoArticles, demoAuthors } from '../../src/demo/demo-content.js';
import type { TestSite } from './test-site.js';

/** Every email address the demo site stores: none may appear in any public response. */
export const DEMO_EMAILS = [
  ...new Set([
    ...demoAuthors.map((a) => a.email),
    ...demoArticles.flatMap((a) => (a.comments ?? []).map((c) => c.email)),
  ]),
];

/** What `addHiddenContent` wrote; none of it may be syndicated or listed. */
export interface HiddenContent {
  /** Titles and slugs of articles that are not public. */
  titles: string[];
  slugs: string[];
  /** Marker text in bodies and comments that must never be published. */
  markers: string[];
  emails: string[];
  ids: { draft: number; future: number; trashed: number };
}

const HOUR = 3_600_000;

/**
 * Adds content the public must never see next to the demo site: a draft, a pending and a scheduled
 * story, a published story with a future date, a trashed story, a draft page, and held, spam and
 * trashed comments plus approved comments under unpublished stories.
 */
export async function addHiddenContent(site: TestSite): Promise<HiddenContent> {
  const { articles, comments, taxonomy } = site.services;
  const now = site.clock.now.getTime();
  const at = (offset: number) => new Date(now + offset).toISOString();
  const tree = await taxonomy.categoryTree();
  const author = await taxonomy.findAuthor('selin-kalin');
  const base = {
    bodyHtml: '<p>HIDDEN-BODY-MARKER</p>',
    primaryCategoryId: tree.bySlug.get('football')!.id,
    tagIds: [await taxonomy.ensureTag('Transport')],
    authorIds: [author!.id],
  };
  const made = async (title: string, rest: Record<string, unknown>) => {
    const id = await articles.create({ ...base, title, status: 'draft', ...rest });
    return id;
  };
  const draft = await made('Hidden draft harbour story', { status: 'draft' });
  await made('Hidden pending harbour story', { status: 'pending' });
  await made('Hidden scheduled harbour story', { status: 'scheduled', publishedAt: at(2 * HOUR) });
  const future = await made('Hidden future harbour story', {
    status: 'published',
    publishedAt: at(3 * HOUR),
  });
  const trashed = await made('Hidden trashed harbour story', {
    status: 'published',
    publishedAt: at(-2 * HOUR),
  });
  await articles.trash(trashed);
  await articles.create({
    type: 'page',
    title: 'Hidden draft page',
    slug: 'hidden-draft-page',
    bodyHtml: '<p>HIDDEN-BODY-MARKER</p>',
    status: 'draft',
    authorIds: [],
  });

  const [lead] = await articles.list({}, 1, 0, tree);
  const comment = (
    articleId: number,
    status: 'pending' | 'approved' | 'spam' | 'trash',
    n: string,
  ) =>
    comments.record({
      articleId,
      parentId: null,
      authorName: `Hidden ${n}`,
      authorEmail: `hidden.${n}@private.example`,
      authorUrl: null,
      body: `HIDDEN-COMMENT-${n}`,
      status,
      createdAt: at(-30 * 60_000),
    });
  await comment(lead!.id, 'pending', 'pending');
  await comment(lead!.id, 'spam', 'spam');
  await comment(lead!.id, 'trash', 'trash');
  await comment(draft, 'approved', 'on-draft');
  await comment(future, 'approved', 'on-future');
  await comment(trashed, 'approved', 'on-trashed');

  const hidden = [
    'Hidden draft harbour story',
    'Hidden pending harbour story',
    'Hidden scheduled harbour story',
    'Hidden future harbour story',
    'Hidden trashed harbour story',
    'Hidden draft page',
  ];
  return {
    titles: hidden,
    slugs: [...hidden.map((t) => t.toLowerCase().replace(/ /g, '-')), 'hidden-draft-page'],
    markers: ['HIDDEN-BODY-MARKER', 'HIDDEN-COMMENT-'],
    emails: [
      ...DEMO_EMAILS,
      ...['pending', 'spam', 'trash', 'on-draft', 'on-future', 'on-trashed'].map(
        (n) => `hidden.${n}@private.example`,
      ),
    ],
    ids: { draft, future, trashed },
  };
}

/** Asserts that `body` (any public response) holds nothing of `hidden`; returns the leaks found. */
export function leaksIn(body: string, hidden: HiddenContent): string[] {
  const lower = body.toLowerCase();
  return [...hidden.titles, ...hidden.slugs, ...hidden.markers, ...hidden.emails].filter((s) =>
    lower.includes(s.toLowerCase()),
  );
}
