// `npm run bench:archives`: does any page grow slower with the archive? Every kind of public page
// (listings, archives, search, feeds, sitemaps, API) timed in-process, uncached, one request at a
// time, on the 1,000- and the 100,000-article sites of `bench:peers`, on SQLite and PostgreSQL.
// The article page, which must stay flat, is the reference each growth is read against.
// See bench/README.md.
import { parseArgs } from 'node:util';
import { openStorage } from '../src/storage/database.js';
import { ensureBenchSite, ensurePostgresBenchSite, sampleArticlePaths } from './generate-site.js';
import { uncachedReaderApp } from './reader-app.js';

const { values: args } = parseArgs({
  options: {
    articles: { type: 'string', default: '100000' },
    comments: { type: 'string', default: '1000000' },
    'small-articles': { type: 'string', default: '1000' },
    runs: { type: 'string', default: '15' },
    databases: { type: 'string', default: 'sqlite,postgres' },
    'postgres-url': {
      type: 'string',
      default: 'postgres://postgres@127.0.0.1:5432/postgres',
    },
  },
});
const articles = Number(args.articles);
const comments = Number(args.comments);
const smallArticles = Number(args['small-articles']);
const runs = Number(args.runs);
const now = new Date(Date.UTC(2026, 0, 1));
const outDir = 'bench-output';

type Engine = 'sqlite' | 'postgres';

async function siteUrl(engine: Engine, size: number): Promise<string> {
  // The same sites as bench:peers (comments scale with the size), so each is generated once.
  const opts = { articles: size, comments: Math.round((comments * size) / articles), now };
  if (engine === 'sqlite') return `sqlite:${(await ensureBenchSite(outDir, opts)).file}`;
  return (await ensurePostgresBenchSite(args['postgres-url']!, opts)).file;
}

/** One URL of each kind, chosen from the site itself (its biggest tag and author, a section). */
async function samplePages(url: string): Promise<[string, string][]> {
  const storage = await openStorage(url);
  try {
    const db = storage.db;
    const section = await db
      .selectFrom('categories')
      .select('slug')
      .where('parent_id', 'is', null)
      .orderBy('position')
      .executeTakeFirstOrThrow();
    const tag = await db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['tags.slug', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['tags.id', 'tags.slug'])
      .orderBy('n', 'desc')
      .executeTakeFirstOrThrow();
    const author = await db
      .selectFrom('article_authors')
      .innerJoin('users', 'users.id', 'article_authors.user_id')
      .select(['users.slug', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['users.id', 'users.slug'])
      .orderBy('n', 'desc')
      .executeTakeFirstOrThrow();
    const [article] = await sampleArticlePaths(url.replace(/^sqlite:/, ''), 1, 'UTC', now);
    const month = article!.slice(0, 9);
    return [
      ['article (reference)', article!],
      ['home', '/'],
      ['home, page 2', '/page/2/'],
      ['section', `/category/${section.slug}/`],
      ['section, page 5', `/category/${section.slug}/page/5/`],
      ['tag', `/tag/${tag.slug}/`],
      ['author', `/author/${author.slug}/`],
      ['month', month],
      ['search', '/search/?q=harbour'],
      ['feed', '/feed/'],
      ['section feed', `/category/${section.slug}/feed/`],
      ['sitemap index', '/sitemap.xml'],
      ['API articles', '/api/v1/articles'],
      ['API tags', '/api/v1/tags'],
    ];
  } finally {
    await storage.close();
  }
}

/** Median milliseconds of each page, measured round-robin so drift hits every page alike. */
async function timePages(url: string, pages: [string, string][]): Promise<Map<string, number>> {
  const storage = await openStorage(url);
  const app = await uncachedReaderApp(url, storage);
  const times = new Map<string, number[]>(pages.map(([kind]) => [kind, []]));
  try {
    for (let round = -2; round < runs; round++) {
      for (const [kind, path] of pages) {
        const started = performance.now();
        const res = await app.inject({ method: 'GET', url: path });
        const ms = performance.now() - started;
        if (res.statusCode !== 200) throw new Error(`${path} answered ${res.statusCode}`);
        if (round >= 0) times.get(kind)!.push(ms);
      }
    }
  } finally {
    await app.close();
    await storage.close();
  }
  const medians = new Map<string, number>();
  for (const [kind, list] of times) {
    list.sort((a, b) => a - b);
    medians.set(kind, list[Math.floor(list.length / 2)]!);
  }
  return medians;
}

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(2));

for (const engine of args.databases!.split(',') as Engine[]) {
  const small = await siteUrl(engine, smallArticles);
  const large = await siteUrl(engine, articles);
  const smallTimes = await timePages(small, await samplePages(small));
  const largeTimes = await timePages(large, await samplePages(large));
  const reference = largeTimes.get('article (reference)')! / smallTimes.get('article (reference)')!;
  console.log(
    `\n${engine}: median ms of ${runs} uncached requests, one at a time, in-process; growth from ` +
      `${smallArticles.toLocaleString('en')} to ${articles.toLocaleString('en')} articles, and ` +
      "that growth relative to the article page's\n",
  );
  console.log('| page | small | large | growth | vs article |');
  console.log('|---|---|---|---|---|');
  for (const [kind, smallMs] of smallTimes) {
    const largeMs = largeTimes.get(kind)!;
    const growth = largeMs / smallMs;
    console.log(
      `| ${kind} | ${fmt(smallMs)} | ${fmt(largeMs)} | ${growth.toFixed(1)}× | ${(growth / reference).toFixed(1)}× |`,
    );
  }
}
