import type { Services } from '../services.js';
import { markdownToSafeHtml } from '../text/sanitized-html.js';
import { toSlug } from '../text/slug.js';
import { demoArticles, demoAuthors, demoCategories, demoPages } from './demo-content.js';
import { DEMO_IMAGE_HEIGHT, DEMO_IMAGE_WIDTH, writeDemoImage } from './demo-images.js';

export type SeedProgress = (done: number, total: number) => void;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Writes the Harbour Gazette demo site: authors, sections, illustrated articles with comments and
 * static pages. Publication times are relative to `services.clock()`, so the site always looks
 * current. Call only on an empty database.
 */
export async function seedDemo(
  services: Services,
  mediaDir: string,
  progress?: SeedProgress,
): Promise<number> {
  const now = services.clock().getTime();
  const authorIds = new Map<string, number>();
  for (const a of demoAuthors) {
    authorIds.set(a.slug, await services.taxonomy.createAuthor({ ...a, role: 'author' }));
  }
  const categoryIds = new Map<string, number>();
  for (const [position, c] of demoCategories.entries()) {
    const parentId = c.parent ? categoryIds.get(c.parent) : null;
    categoryIds.set(c.slug, await services.taxonomy.createCategory({ ...c, parentId, position }));
  }
  const total = demoArticles.length + demoPages.length;
  let done = 0;
  for (const a of demoArticles) {
    // Noon-based offsets keep every demo story in the past, whatever the current hour.
    const day = new Date(now - a.daysAgo * DAY);
    day.setUTCHours(a.hour, (a.title.length * 7) % 60, 0, 0);
    let published = day.getTime();
    if (published > now - 10 * 60_000) published = now - (10 + done) * 60_000;
    const publishedAt = new Date(published).toISOString();
    const updatedAt = a.updatedHoursLater
      ? new Date(Math.min(published + a.updatedHoursLater * HOUR, now - 60_000)).toISOString()
      : publishedAt;
    let featuredMediaId: number | null = null;
    if (a.image) {
      const path = `demo/${toSlug(a.title)}.jpg`;
      await writeDemoImage(mediaDir, path, a.image);
      featuredMediaId = await services.repositories.media.insert({
        path,
        mime: 'image/jpeg',
        width: DEMO_IMAGE_WIDTH,
        height: DEMO_IMAGE_HEIGHT,
        alt: a.image.alt,
        caption: a.image.caption,
        credit: a.image.credit,
        originalUrl: null,
        createdAt: publishedAt,
      });
    }
    const tagIds = await Promise.all(a.tags.map((t) => services.taxonomy.ensureTag(t)));
    const articleId = await services.articles.create({
      title: a.title,
      dek: a.dek,
      bodyHtml: markdownToSafeHtml(a.body),
      status: 'published',
      publishedAt,
      updatedAt,
      primaryCategoryId: categoryIds.get(a.category) ?? null,
      tagIds,
      authorIds: a.authors.map((s) => authorIds.get(s)).filter((x): x is number => x !== undefined),
      featuredMediaId,
      commentStatus: a.commentsClosed ? 'closed' : 'open',
      lang: a.lang ?? null,
    });
    const commentIds = new Map<string, number>();
    for (const c of a.comments ?? []) {
      const id = await services.comments.record({
        articleId,
        parentId: c.parent ? (commentIds.get(c.parent) ?? null) : null,
        authorName: c.name,
        authorEmail: c.email,
        authorUrl: c.website ?? null,
        body: c.body,
        status: 'approved',
        createdAt: new Date(
          Math.min(published + c.minutesAfter * 60_000, now - 1000),
        ).toISOString(),
      });
      commentIds.set(c.key, id);
    }
    progress?.(++done, total);
  }
  for (const p of demoPages) {
    await services.articles.create({
      type: 'page',
      title: p.title,
      slug: p.slug,
      bodyHtml: markdownToSafeHtml(p.body),
      status: 'published',
      publishedAt: new Date(now - 200 * DAY).toISOString(),
      authorIds: [],
      commentStatus: 'closed',
    });
    progress?.(++done, total);
  }
  return demoArticles.length;
}
