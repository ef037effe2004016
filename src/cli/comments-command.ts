import type { Command } from 'commander';
import type { ModeratedComment } from '../comments/comment.js';
import type { CommentService, ModerationAction } from '../comments/comment-service.js';
import { loadConfig } from '../config/config.js';
import type { Storage } from '../storage/database.js';
import { migrateToLatest } from '../storage/database.js';
import type { CommentStatus } from '../storage/schema.js';
import { withSitePurges } from './site-purges.js';

const STATUSES: CommentStatus[] = ['pending', 'approved', 'spam', 'trash'];

type Out = (line: string) => void;

/** One line per comment for an operator's terminal: id, status, rule, author, a bit of the text. */
export function formatCommentLine(c: ModeratedComment): string {
  const text = c.body.replace(/\s+/g, ' ').slice(0, 60);
  const rule = c.moderationRule ? ` [${c.moderationRule}]` : '';
  return `#${c.id}  ${c.status.padEnd(8)} article ${c.articleId}  ${c.createdAt}  ${c.authorName} <${c.authorEmail}>${rule}  ${text}`;
}

function parseId(raw: string): number {
  if (!/^[1-9][0-9]{0,14}$/.test(raw)) throw new Error(`"${raw}" is not a comment id.`);
  return Number(raw);
}

/** `comments list`: newest first, optionally one status or article. */
export async function listComments(
  comments: CommentService,
  opts: { status?: string; article?: string; limit?: string },
  out: Out,
) {
  if (opts.status && !STATUSES.includes(opts.status as CommentStatus)) {
    throw new Error(`Unknown status "${opts.status}"; use one of ${STATUSES.join(', ')}.`);
  }
  const list = await comments.listForModeration({
    ...(opts.status ? { status: opts.status as CommentStatus } : {}),
    ...(opts.article ? { articleId: parseId(opts.article) } : {}),
    limit: opts.limit ? Number(opts.limit) : 50,
  });
  if (!list.length) out('No comments.');
  for (const c of list) {
    out(formatCommentLine(c));
    if (c.moderationReason && c.status !== 'approved') out(`      why: ${c.moderationReason}`);
  }
}

/** `comments approve|spam|trash|restore <id>`. */
export async function moderateComment(
  comments: CommentService,
  action: ModerationAction,
  rawId: string,
  out: Out,
) {
  const id = parseId(rawId);
  if (!(await comments.find(id))) throw new Error(`There is no comment #${id}.`);
  await comments.moderate([id], action, 'operator (CLI)');
  const after = (await comments.find(id))!;
  out(`Comment #${id} is now ${after.status}.`);
}

/** `comments export --email X`: every comment of that email, as JSON on stdout. */
export async function exportComments(comments: CommentService, email: string, out: Out) {
  const list = await comments.exportByEmail(email);
  out(JSON.stringify({ email, exportedComments: list.length, comments: list }, null, 2));
}

/** `comments erase --email X [--remove-text]`. */
export async function eraseComments(
  comments: CommentService,
  email: string,
  removeText: boolean,
  out: Out,
) {
  const n = await comments.eraseByEmail(email, { removeText });
  out(
    `Anonymised ${n} comment${n === 1 ? '' : 's'}${removeText ? ' and removed their text' : ''}.`,
  );
}

/** `comments purge [--days N]`: delete spam and trash older than the retention period. */
export async function purgeComments(comments: CommentService, days: string | undefined, out: Out) {
  if (days !== undefined && !/^\d{1,4}$/.test(days))
    throw new Error('--days takes a whole number.');
  const n = await comments.purgeExpired(days === undefined ? undefined : Number(days));
  out(`Purged ${n} spam or trashed comment${n === 1 ? '' : 's'}.`);
}

/** Registers `newsdesk comments …`: moderation and data rights for operators until accounts exist. */
export function registerCommentCommands(
  program: Command,
  withStorage: (work: (storage: Storage) => Promise<unknown>) => Promise<void>,
) {
  const out: Out = (line) => console.log(line);
  const withComments = (work: (comments: CommentService) => Promise<void>) =>
    withStorage(async (storage) => {
      await migrateToLatest(storage);
      // Moderation changes pages: running sites purge them as if it had happened there.
      await withSitePurges(loadConfig(), storage, (services) => work(services.comments));
    });

  const cmd = program.command('comments').description('moderate reader comments');
  cmd
    .command('list')
    .description('list comments, newest first, with the rule that decided their status')
    .option('--status <status>', `one of ${STATUSES.join(', ')}`)
    .option('--article <id>', 'only this article')
    .option('--limit <n>', 'how many', '50')
    .action((opts: { status?: string; article?: string; limit?: string }) =>
      withComments((comments) => listComments(comments, opts, out)),
    );
  for (const action of ['approve', 'unapprove', 'spam', 'trash', 'restore'] as const) {
    cmd
      .command(`${action} <id>`)
      .description(`${action} a comment`)
      .action((id: string) =>
        withComments((comments) => moderateComment(comments, action, id, out)),
      );
  }
  cmd
    .command('export')
    .description("print every comment of an email address as JSON (a commenter's data request)")
    .requiredOption('--email <email>', 'the commenter’s email')
    .action((opts: { email: string }) =>
      withComments((comments) => exportComments(comments, opts.email, out)),
    );
  cmd
    .command('erase')
    .description('anonymise the name, email, website and IP of every comment of an email')
    .requiredOption('--email <email>', 'the commenter’s email')
    .option('--remove-text', 'remove the comments’ text as well', false)
    .action((opts: { email: string; removeText: boolean }) =>
      withComments((comments) => eraseComments(comments, opts.email, opts.removeText, out)),
    );
  cmd
    .command('purge')
    .description(
      'delete spam and trash older than the retention period (setting commentRetentionDays)',
    )
    .option('--days <n>', 'retention in days instead of the setting')
    .action((opts: { days?: string }) =>
      withComments((comments) => purgeComments(comments, opts.days, out)),
    );
}
