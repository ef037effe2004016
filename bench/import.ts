// WordPress import throughput: writes a generated export (default 20,000 posts with 200,000
// comments, plus authors, sections, tags and attachments) and imports it into a fresh database,
// then imports it again (the "nothing changed" run). Prints records per second and peak memory.
//
//   npx tsx bench/import.ts                 # SQLite in a temporary folder
//   BENCH_POSTS=2000 npx tsx bench/import.ts
//   DATABASE_URL=postgres://... npx tsx bench/import.ts   # an EMPTY PostgreSQL database
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { wordpressImporterFor } from '../src/cli/import-command.js';
import { loadConfig } from '../src/config/config.js';
import type { ImportSummary } from '../src/migration/wordpress-import.js';
import { createServices } from '../src/services.js';
import { migrateToLatest, openStorage } from '../src/storage/database.js';

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
}

const POSTS = envNumber('BENCH_POSTS', 20_000);
const COMMENTS = envNumber('BENCH_COMMENTS', POSTS * 10);
const AUTHORS = 25;
const CATEGORIES = 40;
const TAGS = 600;
const ATTACHMENTS = Math.ceil(POSTS / 10);

const WORDS =
  'harbour council ferry valley market bridge budget school river festival library station road club election weather housing plan museum vote'.split(
    ' ',
  );

/** Deterministic pseudo-random numbers, so every run imports the same file. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
const wpDate = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};

async function generate(file: string): Promise<void> {
  const rnd = random(7);
  const word = () => WORDS[Math.floor(rnd() * WORDS.length)]!;
  const sentence = (n: number) => {
    const s = Array.from({ length: n }, word).join(' ');
    return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
  };
  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await new Promise<void>((r) => out.once('drain', () => r()));
  };
  await write(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Benchmark Gazette</title>
<link>https://bench.example</link>
<language>en-GB</language>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://bench.example</wp:base_site_url>
<wp:base_blog_url>https://bench.example</wp:base_blog_url>
`);
  for (let a = 1; a <= AUTHORS; a++) {
    await write(
      `<wp:author><wp:author_id>${a}</wp:author_id><wp:author_login><![CDATA[writer${a}]]></wp:author_login><wp:author_email><![CDATA[writer${a}@bench.example]]></wp:author_email><wp:author_display_name><![CDATA[Writer ${a}]]></wp:author_display_name></wp:author>\n`,
    );
  }
  for (let c = 1; c <= CATEGORIES; c++) {
    const parent = c > 8 ? `section-${((c - 1) % 8) + 1}` : '';
    await write(
      `<wp:category><wp:term_id>${c}</wp:term_id><wp:category_nicename><![CDATA[section-${c}]]></wp:category_nicename><wp:category_parent><![CDATA[${parent}]]></wp:category_parent><wp:cat_name><![CDATA[Section ${c}]]></wp:cat_name><wp:category_description><![CDATA[${sentence(8)}]]></wp:category_description></wp:category>\n`,
    );
  }
  for (let t = 1; t <= TAGS; t++) {
    await write(
      `<wp:tag><wp:term_id>${1000 + t}</wp:term_id><wp:tag_slug><![CDATA[topic-${t}]]></wp:tag_slug><wp:tag_name><![CDATA[Topic ${t}]]></wp:tag_name></wp:tag>\n`,
    );
  }
  const start = Date.UTC(2015, 0, 1);
  for (let m = 1; m <= ATTACHMENTS; m++) {
    const id = POSTS + m;
    const date = wpDate(start + m * 3_600_000);
    await write(`<item><title><![CDATA[Photo ${m}]]></title><link>https://bench.example/?attachment_id=${id}</link><dc:creator><![CDATA[writer1]]></dc:creator><content:encoded><![CDATA[]]></content:encoded><excerpt:encoded><![CDATA[${sentence(6)}]]></excerpt:encoded>
<wp:post_id>${id}</wp:post_id><wp:post_date><![CDATA[${date}]]></wp:post_date><wp:post_date_gmt><![CDATA[${date}]]></wp:post_date_gmt><wp:post_name><![CDATA[photo-${m}]]></wp:post_name><wp:status><![CDATA[inherit]]></wp:status><wp:post_parent>${m * 10}</wp:post_parent><wp:post_type><![CDATA[attachment]]></wp:post_type>
<wp:attachment_url><![CDATA[https://bench.example/wp-content/uploads/2020/01/photo-${m}.jpg]]></wp:attachment_url>
<wp:postmeta><wp:meta_key><![CDATA[_wp_attached_file]]></wp:meta_key><wp:meta_value><![CDATA[2020/01/photo-${m}.jpg]]></wp:meta_value></wp:postmeta>
<wp:postmeta><wp:meta_key><![CDATA[_wp_attachment_metadata]]></wp:meta_key><wp:meta_value><![CDATA[a:2:{s:5:"width";i:1200;s:6:"height";i:800;}]]></wp:meta_value></wp:postmeta>
</item>\n`);
  }
  let commentId = 0;
  for (let p = 1; p <= POSTS; p++) {
    const published = start + p * 1_800_000;
    const date = wpDate(published);
    const paragraphs = Array.from({ length: 6 }, () =>
      Array.from({ length: 3 }, () => sentence(12 + Math.floor(rnd() * 8))).join(' '),
    );
    const body =
      p % 5 === 0
        ? paragraphs
            .map((t) => `<!-- wp:paragraph -->\n<p>${t}</p>\n<!-- /wp:paragraph -->`)
            .join('\n\n')
        : `${paragraphs.slice(0, 3).join('\n\n')}\n\n<h2>${sentence(4)}</h2>\n${paragraphs.slice(3).join('\n')}${p % 10 === 0 ? `\n\n[caption id="attachment_${POSTS + p / 10}" width="1200"]<img src="https://bench.example/wp-content/uploads/2020/01/photo-${p / 10}.jpg" alt="" /> ${sentence(5)}[/caption]` : ''}`;
    const category = 1 + Math.floor(rnd() * CATEGORIES);
    const tags = [1 + Math.floor(rnd() * TAGS), 1 + Math.floor(rnd() * TAGS)];
    let item = `<item><title><![CDATA[${sentence(7)} ${p}]]></title><link>https://bench.example/${date.slice(0, 10).replace(/-/g, '/')}/story-${p}/</link><dc:creator><![CDATA[writer${1 + (p % AUTHORS)}]]></dc:creator>
<content:encoded><![CDATA[${body}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>${p}</wp:post_id><wp:post_date><![CDATA[${date}]]></wp:post_date><wp:post_date_gmt><![CDATA[${date}]]></wp:post_date_gmt><wp:post_modified><![CDATA[${date}]]></wp:post_modified><wp:post_modified_gmt><![CDATA[${date}]]></wp:post_modified_gmt>
<wp:comment_status><![CDATA[open]]></wp:comment_status><wp:post_name><![CDATA[story-${p}]]></wp:post_name><wp:status><![CDATA[${p % 50 === 0 ? 'draft' : 'publish'}]]></wp:status><wp:post_parent>0</wp:post_parent><wp:post_type><![CDATA[post]]></wp:post_type><wp:is_sticky>0</wp:is_sticky>
<category domain="category" nicename="section-${category}"><![CDATA[Section ${category}]]></category><category domain="post_tag" nicename="topic-${tags[0]}"><![CDATA[Topic ${tags[0]}]]></category><category domain="post_tag" nicename="topic-${tags[1]}"><![CDATA[Topic ${tags[1]}]]></category>
${p % 10 === 0 ? `<wp:postmeta><wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key><wp:meta_value><![CDATA[${POSTS + p / 10}]]></wp:meta_value></wp:postmeta>` : ''}
`;
    const perPost = Math.floor(COMMENTS / POSTS) + (p <= COMMENTS % POSTS ? 1 : 0);
    const first = commentId + 1;
    for (let c = 0; c < perPost; c++) {
      commentId++;
      const parent = c > 0 && rnd() < 0.4 ? first + Math.floor(rnd() * c) : 0;
      const cdate = wpDate(published + (c + 1) * 600_000);
      const status = rnd() < 0.9 ? '1' : rnd() < 0.5 ? '0' : 'spam';
      item += `<wp:comment><wp:comment_id>${commentId}</wp:comment_id><wp:comment_author><![CDATA[Reader ${commentId % 5000}]]></wp:comment_author><wp:comment_author_email><![CDATA[reader${commentId % 5000}@mail.example]]></wp:comment_author_email><wp:comment_author_url></wp:comment_author_url><wp:comment_date><![CDATA[${cdate}]]></wp:comment_date><wp:comment_date_gmt><![CDATA[${cdate}]]></wp:comment_date_gmt><wp:comment_content><![CDATA[${sentence(15)} ${sentence(10)}]]></wp:comment_content><wp:comment_approved><![CDATA[${status}]]></wp:comment_approved><wp:comment_type><![CDATA[comment]]></wp:comment_type><wp:comment_parent>${parent}</wp:comment_parent></wp:comment>\n`;
    }
    await write(`${item}</item>\n`);
  }
  await write('</channel>\n</rss>\n');
  out.end();
  await finished(out);
}

function describe(label: string, summary: ImportSummary, seconds: number) {
  const k = summary.kinds;
  const records =
    summary.records +
    k.comments.imported +
    k.comments.updated +
    k.comments.unchanged +
    k.comments.skipped;
  console.log(
    `${label}: ${records.toLocaleString('en')} records (${k.posts.imported.toLocaleString('en')} posts imported, ${k.posts.unchanged.toLocaleString('en')} unchanged; ${k.comments.imported.toLocaleString('en')} comments imported, ${k.comments.unchanged.toLocaleString('en')} unchanged) in ${seconds.toFixed(1)} s = ${Math.round(records / seconds).toLocaleString('en')} records/s`,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'newsdesk-bench-import-'));
try {
  const file = join(dir, 'export.xml');
  let t = performance.now();
  await generate(file);
  const size = statSync(file).size;
  console.log(
    `Generated ${POSTS.toLocaleString('en')} posts, ${COMMENTS.toLocaleString('en')} comments, ${ATTACHMENTS.toLocaleString('en')} attachments: ${(size / 1_048_576).toFixed(0)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  const config = loadConfig({
    DATABASE_URL: process.env.DATABASE_URL || `sqlite:${join(dir, 'bench.sqlite')}`,
    MEDIA_DIR: join(dir, 'media'),
    LOG_LEVEL: 'silent',
  });
  const storage = await openStorage(config.databaseUrl);
  try {
    await migrateToLatest(storage);
    const services = createServices({ config, storage });
    const importer = await wordpressImporterFor(services, config);
    const rssBefore = process.resourceUsage().maxRSS;
    t = performance.now();
    const first = await importer.run({ file });
    describe(`First import on ${storage.dialect.name}`, first, (performance.now() - t) / 1000);
    t = performance.now();
    const again = await importer.run({ file });
    describe('Second import (nothing changed)', again, (performance.now() - t) / 1000);
    const peak = process.resourceUsage().maxRSS / 1024;
    console.log(
      `Peak RSS ${peak.toFixed(0)} MB (${(rssBefore / 1024).toFixed(0)} MB before importing) for a ${(size / 1_048_576).toFixed(0)} MB export`,
    );
  } finally {
    await storage.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
