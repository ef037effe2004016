// Generates the benchmark site: 10,000 published articles with authors, sections, tags, images
// and comments, written straight through Kysely in one transaction (seconds, not minutes), and
// cached under bench-output/ keyed by everything that shapes the file.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Insertable, sql } from 'kysely';
import { excerptOf } from '../src/articles/article-service.js';
import { articlePath } from '../src/articles/permalink.js';
import { renderCommentBody } from '../src/comments/comment-text.js';
import { migrateToLatest, openStorage, type Storage } from '../src/storage/database.js';
import type { ArticlesTable, CommentsTable, Database } from '../src/storage/schema.js';
import { sanitizeArticleHtml } from '../src/text/sanitized-html.js';
import { toSlug } from '../src/text/slug.js';

/** Bump when the generated content changes in a way the source hash would not notice. */
const DATA_VERSION = 1;

const DAY = 86_400_000;
/** Rows per multi-row INSERT: well under SQLite's 32,766 bound parameters for 19 columns. */
const BATCH = 500;

export interface BenchSite {
  /** Absolute path of the SQLite file. */
  file: string;
  /** True when this call generated the file, false when it came from the cache. */
  generated: boolean;
}

export interface GenerateOptions {
  /** Published posts to write. */
  articles: number;
  /**
   * Reader comments in all, spread unevenly over the posts (some get none, some many). Unset: about
   * 40% of posts get 1 to 8 each (about 1.8 per post), as `npm run bench` has always generated.
   */
  comments?: number;
  /** "Now" for publication dates; every post is published at least an hour before it. */
  now: Date;
  onProgress?: (done: number, total: number) => void;
}

/** Small, fast, seedable PRNG (mulberry32): the same site every time for the same version. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  return { next, int, pick };
}
type Random = ReturnType<typeof prng>;

// Vocabulary written for this benchmark: plausible local-news filler, no text from any outlet.
const PLACES = [
  'Harbour District',
  'Kadıköy',
  'Üsküdar',
  'Eskişehir',
  'Çanakkale',
  'Muğla',
  'Şile',
  'Northgate',
  'Riverside',
  'Old Town',
  'Millbrook',
  'Ağva',
  'Gölcük',
  'Westcliff',
  'Bayside',
  'Ilgaz',
  'Karaburun',
  'Elmstead',
  'Fenwick',
  'Lower Quay',
] as const;
const SUBJECTS = [
  'council',
  'ferry operator',
  'school board',
  'hospital trust',
  'fishing cooperative',
  'transit authority',
  'library service',
  'chamber of commerce',
  'residents’ association',
  'water utility',
  'youth orchestra',
  'football club',
  'port authority',
  'farmers’ market',
  'fire service',
  'university',
] as const;
const VERBS = [
  'approves',
  'delays',
  'unveils',
  'rejects',
  'reviews',
  'expands',
  'funds',
  'questions',
  'launches',
  'pauses',
  'celebrates',
  'revises',
] as const;
const OBJECTS = [
  'new timetable',
  'budget for next year',
  'plan for the waterfront',
  'night bus trial',
  'repairs to the sea wall',
  'summer festival',
  'solar roof scheme',
  'parking changes',
  'bid for a new stadium',
  'flood defences',
  'expansion of cycle lanes',
  'rent support fund',
  'heritage trail',
  'late-night opening',
  'school meal programme',
  'ferry fare freeze',
] as const;
const WORDS = (
  'the a local residents said officials plan week morning evening council harbour street market ' +
  'would could should project budget meeting report community families visitors traffic ' +
  'weather season coast ferry station bridge park square school teachers students nurses ' +
  'doctors volunteers shop owners fishermen drivers neighbours approved delayed proposed ' +
  'described expected announced confirmed questioned welcomed criticised explained noted ' +
  'after before during while although because since despite across along around near ' +
  'quickly slowly finally recently already still again often rarely openly carefully ' +
  'new old small large busy quiet early late public private annual monthly weekly ' +
  'water power roads housing prices rents wages jobs tourism trade fishing farming ' +
  'plans figures numbers costs savings delays works repairs changes concerns questions ' +
  'answers hopes fears signs results lessons steps ideas voices stories records ' +
  'and but or so yet then there here this that these those their its our every many few ' +
  'more most less some several two three four ten hundreds thousands of in on at for with ' +
  'from by to into over under between about against without within toward beyond'
).split(' ');
const FIRST_NAMES = [
  'Ayşe',
  'Mehmet',
  'Zeynep',
  'Can',
  'Elif',
  'Oğuz',
  'Nora',
  'Tomas',
  'Priya',
  'Jonah',
  'Selin',
  'Ilka',
  'Hüseyin',
  'Maren',
  'Deniz',
  'Rafael',
  'Gülşen',
  'Amara',
] as const;
const LAST_NAMES = [
  'Demirtaş',
  'Çelikkaya',
  'Yıldırımoğlu',
  'Akgündüz',
  'Hollowell',
  'Brannigan',
  'Okonkwo-Reid',
  'Vasquez-Lind',
  'Taşdelen',
  'Marchetti',
  'Kettleby',
  'Özkarakaş',
] as const;
const SECTIONS: { name: string; children?: string[] }[] = [
  { name: 'Local News', children: ['Harbour', 'Transport', 'Schools'] },
  { name: 'Politics', children: ['Council', 'Elections'] },
  { name: 'Business', children: ['Markets', 'Tourism'] },
  { name: 'Environment' },
  { name: 'Culture', children: ['Music', 'Books'] },
  { name: 'Sport' },
  { name: 'Health' },
  { name: 'Opinion' },
];
const TAG_TOPICS = [
  'budget',
  'ferries',
  'flooding',
  'housing',
  'festival',
  'cycling',
  'fishing',
  'energy',
  'heritage',
  'jobs',
] as const;

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function sentence(r: Random, min = 8, max = 22): string {
  const n = r.int(min, max);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(r.pick(WORDS));
  if (n > 12 && r.next() < 0.5) words[r.int(4, n - 4)] += ',';
  if (r.next() < 0.15) words[r.int(1, n - 1)] = r.pick(PLACES);
  return `${capitalise(words.join(' '))}${r.next() < 0.08 ? '?' : '.'}`;
}

function paragraph(r: Random, sentences: number): string {
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) out.push(sentence(r));
  return out.join(' ');
}

/** About 500 words: paragraphs, a subheading, sometimes a quote or a list. Safe by construction. */
function articleBody(r: Random): string {
  const parts: string[] = [];
  const paragraphs = r.int(7, 9);
  for (let i = 0; i < paragraphs; i++) {
    if (i === 4) parts.push(`<h2>${capitalise(sentence(r, 3, 6).slice(0, -1))}</h2>`);
    if (i === 2 && r.next() < 0.3) parts.push(`<blockquote><p>${paragraph(r, 2)}</p></blockquote>`);
    if (i === 6 && r.next() < 0.2) {
      const items = Array.from({ length: r.int(3, 5) }, () => `<li>${sentence(r, 5, 10)}</li>`);
      parts.push(`<ul>${items.join('')}</ul>`);
    }
    parts.push(`<p>${paragraph(r, r.int(3, 4))}</p>`);
  }
  return parts.join('\n');
}

const slugCache = new Map<string, string>();
/** toSlug costs ~0.7 ms a call (transliteration regexes), so slugs are built from cached parts. */
function cachedSlug(text: string): string {
  let slug = slugCache.get(text);
  if (slug === undefined) {
    slug = toSlug(text);
    slugCache.set(text, slug);
  }
  return slug;
}

function headline(r: Random): { title: string; slug: string } {
  const parts = [r.pick(PLACES), r.pick(SUBJECTS), r.pick(VERBS), r.pick(OBJECTS)];
  return { title: parts.join(' '), slug: parts.map(cachedSlug).join('-') };
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Writes the site into an empty, migrated database. Returns the number of published posts. */
export async function generateSite(storage: Storage, opts: GenerateOptions): Promise<number> {
  const r = prng(20260501 + DATA_VERSION);
  const now = opts.now.getTime();
  const newest = now - 60 * 60_000;
  const oldest = newest - 3 * 365 * DAY;
  const iso = (ms: number) => new Date(ms).toISOString();

  await storage.db.transaction().execute(async (trx) => {
    const insertAll = async <T extends keyof Database>(
      table: T,
      rows: Insertable<Database[T]>[],
    ) => {
      for (let i = 0; i < rows.length; i += BATCH) {
        // Kysely cannot infer the row type through the generic table name.
        await trx
          .insertInto(table)
          .values(rows.slice(i, i + BATCH) as never)
          .execute();
      }
    };

    const authors = Array.from({ length: 24 }, (_, i) => {
      const name = `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[(i * 5) % LAST_NAMES.length]}`;
      return {
        id: i + 1,
        slug: `${toSlug(name)}-${i + 1}`,
        name,
        email: `author${i + 1}@bench.example.invalid`,
        bio: `${name} reports for the bench site. ${sentence(r)}`,
        role: 'author',
        password_hash: null,
        created_at: iso(oldest - DAY),
      };
    });
    await insertAll('users', authors);

    const categories: Insertable<Database['categories']>[] = [];
    for (const [position, section] of SECTIONS.entries()) {
      const parentId = categories.length + 1;
      categories.push({
        id: parentId,
        slug: toSlug(section.name),
        name: section.name,
        description: sentence(r),
        parent_id: null,
        position,
      });
      for (const [childPosition, child] of (section.children ?? []).entries()) {
        categories.push({
          id: categories.length + 1,
          slug: toSlug(child),
          name: child,
          description: sentence(r),
          parent_id: parentId,
          position: childPosition,
        });
      }
    }
    await insertAll('categories', categories);

    const tagNames = new Set<string>();
    for (const place of PLACES) for (const topic of TAG_TOPICS) tagNames.add(`${place} ${topic}`);
    const tags = [...tagNames].map((name, i) => ({ id: i + 1, slug: toSlug(name), name }));
    await insertAll('tags', tags);

    const slugs = new Set<string>();
    let commentId = 0;
    let mediaId = 0;
    for (let start = 0; start < opts.articles; start += BATCH) {
      const articles: Insertable<ArticlesTable>[] = [];
      const media: Insertable<Database['media']>[] = [];
      const articleAuthors: Insertable<Database['article_authors']>[] = [];
      const articleCategories: Insertable<Database['article_categories']>[] = [];
      const articleTags: Insertable<Database['article_tags']>[] = [];
      const comments: Insertable<CommentsTable>[] = [];
      for (let i = start; i < Math.min(start + BATCH, opts.articles); i++) {
        const id = i + 1;
        // Oldest first, evenly over three years with a little jitter, so ids follow dates.
        const published = Math.min(
          newest,
          oldest + ((newest - oldest) * i) / opts.articles + r.int(0, 3_600_000),
        );
        const { title, slug: base } = headline(r);
        let slug = base;
        for (let n = 2; slugs.has(slug); n++) slug = `${base}-${n}`;
        slugs.add(slug);
        const dek = sentence(r, 14, 24);
        const category = r.pick(categories);
        let featuredMediaId: number | null = null;
        if (r.next() < 0.35) {
          featuredMediaId = ++mediaId;
          media.push({
            id: featuredMediaId,
            path: `bench/${iso(published).slice(0, 7).replace('-', '/')}/${slug}.jpg`,
            mime: 'image/jpeg',
            width: 1200,
            height: 675,
            alt: `${r.pick(PLACES)} seen from the ${r.pick(['quay', 'hill', 'bridge', 'square'])}`,
            caption: sentence(r, 6, 12),
            credit: `Photo: ${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}`,
            original_url: null,
            created_at: iso(published),
          });
        }
        const updated = r.next() < 0.2 ? Math.min(newest, published + r.int(1, 48) * 3_600_000) : 0;
        articles.push({
          id,
          type: 'post',
          slug,
          title,
          dek,
          body_html: articleBody(r),
          excerpt: excerptOf(dek),
          status: 'published',
          published_at: iso(published),
          created_at: iso(published - r.int(1, 72) * 3_600_000),
          updated_at: iso(updated || published),
          primary_category_id: category.id!,
          featured_media_id: featuredMediaId,
          comment_status: r.next() < 0.1 ? 'closed' : 'open',
          lang: null,
          dir: null,
          seo_title: null,
          seo_description: null,
        });
        const authorCount = r.next() < 0.15 ? 2 : 1;
        const first = r.int(1, authors.length);
        for (let p = 0; p < authorCount; p++) {
          articleAuthors.push({
            article_id: id,
            user_id: ((first + p * 7 - 1) % authors.length) + 1,
            position: p,
          });
        }
        articleCategories.push({ article_id: id, category_id: category.id! });
        const secondary = r.pick(categories);
        if (secondary.id !== category.id && r.next() < 0.2) {
          articleCategories.push({ article_id: id, category_id: secondary.id! });
        }
        const tagIds = new Set<number>();
        const tagCount = r.int(1, 5);
        while (tagIds.size < tagCount) tagIds.add(r.int(1, tags.length));
        for (const tagId of tagIds) articleTags.push({ article_id: id, tag_id: tagId });
        let count = 0;
        if (opts.comments === undefined) {
          if (r.next() < 0.4) count = r.int(1, 8);
        } else {
          // Up to twice the average still owed per remaining post, so the total lands exactly.
          const owed = opts.comments - commentId;
          const postsLeft = opts.articles - i;
          count =
            postsLeft === 1
              ? owed
              : Math.min(owed, Math.round(r.next() * ((2 * owed) / postsLeft)));
        }
        if (count > 0) {
          const firstInThread = commentId + 1;
          for (let c = 0; c < count; c++) {
            const reader = `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES).charAt(0)}.`;
            const body = escapeHtml(paragraph(r, r.int(1, 3)));
            comments.push({
              id: ++commentId,
              article_id: id,
              parent_id: c > 0 && r.next() < 0.3 ? r.int(firstInThread, commentId - 1) : null,
              author_name: reader,
              author_email: `reader${commentId}@bench.example.invalid`,
              author_url: r.next() < 0.2 ? `https://reader${commentId}.example.org/` : null,
              body,
              // Rendered once, as the app does when a comment is posted or imported.
              body_html: renderCommentBody(body),
              status: r.next() < 0.9 ? 'approved' : 'pending',
              created_at: iso(Math.min(newest, published + (c + 1) * r.int(5, 90) * 60_000)),
            });
          }
        }
      }
      await insertAll('media', media);
      await insertAll('articles', articles);
      await insertAll('article_authors', articleAuthors);
      await insertAll('article_categories', articleCategories);
      await insertAll('article_tags', articleTags);
      await insertAll('comments', comments);
      opts.onProgress?.(Math.min(start + BATCH, opts.articles), opts.articles);
    }
  });

  // Rows were written with explicit ids; PostgreSQL's sequences must follow them (SQLite's
  // AUTOINCREMENT already does).
  if (storage.dialect.name === 'postgres') {
    for (const table of ['users', 'categories', 'tags', 'media', 'articles', 'comments']) {
      await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql.table(table)}))`.execute(
        storage.db,
      );
    }
  }

  // The bodies skip the app's sanitizer for speed; prove they are exactly what it would store.
  const sample = await storage.db.selectFrom('articles').select('body_html').limit(50).execute();
  for (const { body_html } of sample) {
    if (sanitizeArticleHtml(body_html) !== body_html) {
      throw new Error('Generated body HTML is not stable under the article sanitizer');
    }
  }
  return opts.articles;
}

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');

/** Hash of everything that shapes the generated file: this generator, the schema, the migrations. */
export function cacheKey(articles: number, comments?: number): string {
  const hash = createHash('sha256');
  const migrations = join(root, 'src/storage/migrations');
  const files = [
    fileURLToPath(import.meta.url),
    join(root, 'src/storage/schema.ts'),
    ...readdirSync(migrations)
      .sort()
      .map((f) => join(migrations, f)),
  ];
  for (const f of files) hash.update(f).update(readFileSync(f));
  const size = comments === undefined ? `${articles}` : `${articles}-${comments}c`;
  return `v${DATA_VERSION}-${size}-${hash.digest('hex').slice(0, 12)}`;
}

/**
 * Returns the cached benchmark database for `articles` posts, generating it first when missing.
 * Generation writes to a temporary file and renames it, so an interrupted run leaves no half site.
 */
export async function ensureBenchSite(
  outDir: string,
  opts: GenerateOptions & { log?: (line: string) => void },
): Promise<BenchSite> {
  mkdirSync(outDir, { recursive: true });
  const key = cacheKey(opts.articles, opts.comments);
  const file = join(outDir, `site-${key}.sqlite`);
  if (existsSync(file)) return { file, generated: false };
  // Older versions of this size go; other sizes stay (bench:peers keeps two sizes side by side).
  const size = key.split('-').slice(1, -1).join('-');
  for (const old of readdirSync(outDir)) {
    const stale =
      new RegExp(`^site-v${DATA_VERSION}-${size}-[0-9a-f]{12}\\.`).test(old) ||
      !old.startsWith(`site-v${DATA_VERSION}-`);
    if ((/^site-.*\.sqlite(-wal|-shm)?$/.test(old) && stale) || old.startsWith('generating-')) {
      rmSync(join(outDir, old), { force: true });
    }
  }
  const tmp = join(outDir, `generating-${process.pid}.sqlite`);
  const storage = await openStorage(`sqlite:${tmp}`);
  try {
    await migrateToLatest(storage);
    await generateSite(storage, opts);
  } catch (error) {
    await storage.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(tmp + suffix, { force: true });
    throw error;
  }
  // Closing checkpoints the WAL into the main file, so the rename moves a complete database.
  await storage.close();
  renameSync(tmp, file);
  return { file, generated: true };
}

/**
 * The PostgreSQL twin of `ensureBenchSite`: a database `newsdesk_bench_<key>` on the server of
 * `adminUrl` (a role allowed to create databases), generated when missing. Generation writes to
 * `<name>_tmp` and renames it, so an interrupted run leaves no half site. Returns its URL.
 */
export async function ensurePostgresBenchSite(
  adminUrl: string,
  opts: GenerateOptions,
): Promise<BenchSite> {
  const { default: pg } = await import('pg');
  const key = cacheKey(opts.articles, opts.comments);
  const name = `newsdesk_bench_${key.replace(/[^a-z0-9]+/gi, '_').toLowerCase()}`.slice(0, 60);
  const size = key.split('-').slice(1, -1).join('_');
  const urlOf = (db: string) => {
    const url = new URL(adminUrl);
    url.pathname = `/${db}`;
    return url.toString();
  };
  const admin = new pg.Client({ connectionString: urlOf('postgres') });
  await admin.connect();
  try {
    const existing = await admin.query<{ datname: string }>(
      "select datname from pg_database where datname like 'newsdesk\\_bench\\_%'",
    );
    const names = existing.rows.map((r) => r.datname);
    if (names.includes(name)) return { file: urlOf(name), generated: false };
    for (const old of names) {
      if (old.endsWith('_tmp') || old.startsWith(`newsdesk_bench_v${DATA_VERSION}_${size}_`)) {
        await admin.query(`drop database if exists "${old}" with (force)`);
      }
    }
    await admin.query(`create database "${name}_tmp"`);
  } finally {
    await admin.end();
  }
  const storage = await openStorage(urlOf(`${name}_tmp`));
  try {
    await migrateToLatest(storage);
    await generateSite(storage, opts);
    // Statistics and visibility maps as autovacuum would have left them on a live site.
    await sql`vacuum analyze`.execute(storage.db);
  } finally {
    await storage.close();
  }
  const rename = new pg.Client({ connectionString: urlOf('postgres') });
  await rename.connect();
  try {
    await rename.query(`alter database "${name}_tmp" rename to "${name}"`);
  } finally {
    await rename.end();
  }
  return { file: urlOf(name), generated: true };
}

/**
 * Canonical URLs of `count` published posts spread evenly over the archive (oldest to newest), so
 * a benchmark exercises many rows rather than one hot one.
 */
export async function sampleArticlePaths(
  file: string,
  count: number,
  timeZone: string,
  now: Date,
): Promise<string[]> {
  const storage = await openStorage(/^postgres(ql)?:/.test(file) ? file : `sqlite:${file}`);
  try {
    const rows = await storage.db
      .selectFrom('articles')
      .select(['type', 'slug', 'published_at'])
      .where('type', '=', 'post')
      .where('status', '=', 'published')
      .where('published_at', '<', now.toISOString())
      .orderBy('id')
      .execute();
    if (rows.length === 0) throw new Error(`No published posts in ${file}`);
    const step = Math.max(1, rows.length / count);
    const paths: string[] = [];
    for (let i = 0; i < rows.length && paths.length < count; i += step) {
      const row = rows[Math.floor(i)]!;
      paths.push(
        articlePath({ type: row.type, slug: row.slug, publishedAt: row.published_at }, timeZone),
      );
    }
    return paths;
  } finally {
    await storage.close();
  }
}
