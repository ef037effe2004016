import type { Services } from '../src/services.js';
import type { Settings } from '../src/settings/settings.js';
import { startTestSite, type TestSite } from './support/test-site.js';

/** Helpers shared by the comments test files. */

export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** Comment rules out of a test's way: no minimum time, nothing held, rate limits far off. */
export const OPEN_COMMENT_RULES = {
  commentMinSecondsToSubmit: 0,
  commentHoldFirstComment: false,
  commentRateLimitPerIpPerMinute: 100_000,
  commentRateLimitPerEmailPerHour: 100_000,
} satisfies Partial<Settings>;

/** A published article to comment on, for the tests that run real server processes. */
export function createCommentableArticle(services: Services): Promise<number> {
  return services.articles.create({
    title: 'Harbour wall repaired',
    bodyHtml: '<p>Text.</p>',
    authorIds: [],
    status: 'published',
    publishedAt: '2026-05-30T09:00:00.000Z',
  });
}

/** A site with one open published article (and a closed one, a draft and a future one). */
export async function commentSite(
  settings: Partial<Settings> = {},
  env: Record<string, string> = {},
) {
  const site = await startTestSite({ env, now: new Date('2026-06-01T12:00:00Z') });
  const { articles } = site.services;
  const base = { bodyHtml: '<p>Text.</p>', authorIds: [] as number[] };
  const published = '2026-05-30T09:00:00.000Z';
  const open = await articles.create({
    ...base,
    title: 'Harbour wall',
    status: 'published',
    publishedAt: published,
  });
  const other = await articles.create({
    ...base,
    title: 'Ferry times',
    status: 'published',
    publishedAt: published,
  });
  const closed = await articles.create({
    ...base,
    title: 'Court case',
    status: 'published',
    publishedAt: published,
    commentStatus: 'closed',
  });
  const draft = await articles.create({ ...base, title: 'Draft story', status: 'draft' });
  const future = await articles.create({
    ...base,
    title: 'Tomorrow story',
    status: 'published',
    publishedAt: '2026-07-01T09:00:00.000Z',
  });
  for (const [key, value] of Object.entries({ ...OPEN_COMMENT_RULES, ...settings })) {
    await site.services.settings.set(key as keyof Settings, value as never);
  }
  const pathOf = async (id: number) => (await site.services.comments.target(id))!.path;
  return { site, ids: { open, other, closed, draft, future }, pathOf };
}

let ipCounter = 0;
/** A fresh address per call so per-IP limits do not interfere unless a test wants them to. */
export function nextIp(): string {
  ipCounter++;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

export interface PostOptions {
  ip?: string;
  headers?: Record<string, string>;
  json?: boolean;
  cookie?: string;
  /** Seconds between rendering the form and posting; default 10. */
  after?: number;
}

/** Posts a comment the way the form does (or the client script, with `json`). */
export async function postComment(
  site: TestSite,
  fields: Record<string, string>,
  options: PostOptions = {},
) {
  const articleId = Number(fields.article_id);
  const token =
    fields.form_token ??
    (Number.isSafeInteger(articleId) ? await site.services.comments.formToken(articleId) : '');
  const after = options.after ?? 10;
  site.clock.now = new Date(site.clock.now.getTime() + after * 1000);
  return site.app.inject({
    method: 'POST',
    url: options.json ? '/api/comments' : '/comments/',
    payload: new URLSearchParams({
      comment: 'A thoughtful remark.',
      author_name: 'Reader',
      author_email: 'reader@example.org',
      ...fields,
      form_token: token,
    }).toString(),
    headers: { ...FORM, ...(options.cookie ? { cookie: options.cookie } : {}), ...options.headers },
    remoteAddress: options.ip ?? nextIp(),
  });
}

/** The id in a `…#comment-<id>` redirect. */
export function postedId(location: string | undefined): number {
  const m = location?.match(/#comment-(\d+)$/);
  if (!m) throw new Error(`not a comment permalink: ${location}`);
  return Number(m[1]);
}

/** `name=value` of a Set-Cookie header, for sending it back. */
export function cookieFrom(setCookie: string | string[] | undefined, name: string): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const found = all.find((c) => c.startsWith(`${name}=`));
  if (!found) throw new Error(`no ${name} cookie in ${JSON.stringify(all)}`);
  return found.split(';')[0]!;
}
