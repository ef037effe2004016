import type { Account } from '../../accounts/account.js';
import type { ModeratedComment } from '../../comments/comment.js';
import type { CommentStatus } from '../../storage/schema.js';
import { AdminLayout } from '../../views/admin-layout.js';
import { RawHtml } from '../../views/raw-html.js';
import type { SiteContext } from '../../views/site-context.js';
import { Notice } from './admin-components.js';

export const QUEUE_TABS: { status: CommentStatus; label: string }[] = [
  { status: 'pending', label: 'Pending' },
  { status: 'approved', label: 'Approved' },
  { status: 'spam', label: 'Spam' },
  { status: 'trash', label: 'Trash' },
];

/** The actions offered for a comment in each status (besides reply and ban). */
export const ACTIONS_BY_STATUS: Record<CommentStatus, { action: string; label: string }[]> = {
  pending: [
    { action: 'approve', label: 'Approve' },
    { action: 'spam', label: 'Spam' },
    { action: 'trash', label: 'Trash' },
  ],
  approved: [
    { action: 'unapprove', label: 'Unapprove' },
    { action: 'spam', label: 'Spam' },
    { action: 'trash', label: 'Trash' },
  ],
  spam: [
    { action: 'approve', label: 'Not spam: approve' },
    { action: 'trash', label: 'Trash' },
    { action: 'delete', label: 'Delete for good' },
  ],
  trash: [
    { action: 'restore', label: 'Restore to pending' },
    { action: 'approve', label: 'Approve' },
    { action: 'delete', label: 'Delete for good' },
  ],
};

/** A comment in the queue with where it was posted. */
export interface QueueItem {
  comment: ModeratedComment;
  article: { title: string; path: string | null };
}

export interface ModerationPageProps {
  site: SiteContext;
  account: Account;
  csrfToken: string;
  status: CommentStatus;
  counts: Record<CommentStatus, number>;
  items: QueueItem[];
  page: number;
  pages: number;
  notice?: string | undefined;
  script: string;
}

const ruleNames: Record<string, string> = {
  honeypot: 'Honeypot filled',
  'blocked-word': 'Blocked word',
  'held-word': 'Held word',
  'too-many-links': 'Too many links',
  'link-in-name': 'Link in name',
  shouting: 'Shouting',
  'repeated-characters': 'Repeated characters',
  'link-only': 'Only a link',
  'first-comment': 'First comment',
  passed: 'Passed the checks',
  imported: 'Imported',
  staff: 'Staff',
};

function ruleName(rule: string | null): string {
  if (!rule) return 'No rule recorded';
  if (rule.startsWith('manual-')) return `By hand (${rule.slice(7)})`;
  return ruleNames[rule] ?? rule;
}

function QueueEntry(props: {
  item: QueueItem;
  status: CommentStatus;
  csrfToken: string;
  returnTo: string;
  site: SiteContext;
}) {
  const { comment: c, article } = props.item;
  const headingId = `mod-${c.id}-heading`;
  return (
    <li>
      <article
        class="mod-item"
        id={`mod-${c.id}`}
        data-comment-id={String(c.id)}
        tabIndex={-1}
        aria-labelledby={headingId}
      >
        <div class="mod-item__select">
          <input
            type="checkbox"
            name="ids"
            value={String(c.id)}
            form="bulk-form"
            id={`select-${c.id}`}
            aria-label={`Select the comment by ${c.authorName}`}
          />
        </div>
        <div class="mod-item__body">
          <h3 id={headingId} class="mod-item__heading">
            {c.authorName}
            {c.isStaff ? <span class="mod-badge">staff</span> : null}{' '}
            <span class="mod-item__on">
              on{' '}
              {article.path ? (
                <a href={article.path}>{article.title}</a>
              ) : (
                <span>{article.title}</span>
              )}
            </span>
          </h3>
          <p class="mod-item__meta">
            {c.authorEmail ? <span class="mod-item__email">{c.authorEmail}</span> : null}
            {c.authorUrl ? <span>{c.authorUrl}</span> : null}
            <time datetime={c.createdAt}>{props.site.locale.formatDateTime(c.createdAt)}</time>
          </p>
          <p class="mod-item__reason">
            <strong>{ruleName(c.moderationRule)}</strong>, score {c.spamScore}
            {c.moderationReason ? <span>: {c.moderationReason}</span> : null}
          </p>
          <RawHtml class="mod-item__text" html={c.bodyHtml} />
          <form method="post" action={`/admin/comments/${c.id}/`} class="mod-actions">
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            <input type="hidden" name="return" value={props.returnTo} />
            {ACTIONS_BY_STATUS[props.status].map((a) => (
              <button
                type="submit"
                name="action"
                value={a.action}
                key={a.action}
                data-action={a.action}
                class={a.action === 'delete' ? 'button-danger' : undefined}
              >
                {a.label}
              </button>
            ))}
          </form>
          <details class="mod-more">
            <summary>Reply or ban</summary>
            {props.status !== 'spam' && props.status !== 'trash' ? (
              <form method="post" action={`/admin/comments/${c.id}/reply/`} class="mod-reply">
                <input type="hidden" name="_csrf" value={props.csrfToken} />
                <input type="hidden" name="return" value={props.returnTo} />
                <label for={`reply-${c.id}`}>Reply as staff</label>
                <textarea id={`reply-${c.id}`} name="text" rows={3} maxLength={20000} required />
                <button type="submit">Send reply</button>
              </form>
            ) : null}
            <form method="post" action="/admin/comments/bans/" class="mod-ban">
              <input type="hidden" name="_csrf" value={props.csrfToken} />
              <input type="hidden" name="return" value={props.returnTo} />
              <input type="hidden" name="commentId" value={String(c.id)} />
              <label for={`ban-reason-${c.id}`}>Reason (for the team)</label>
              <input id={`ban-reason-${c.id}`} name="reason" maxLength={500} />
              <button type="submit" name="kind" value="email" disabled={!c.authorEmail}>
                Ban this email
              </button>
              <button type="submit" name="kind" value="ip" disabled={!c.ipHash}>
                Ban this IP address
              </button>
            </form>
          </details>
        </div>
      </article>
    </li>
  );
}

/** The moderation queue: tabs by status, each comment with why it is there, bulk actions. */
export function ModerationPage(props: ModerationPageProps) {
  const { status, counts } = props;
  const returnTo = `/admin/comments/?status=${status}${props.page > 1 ? `&page=${props.page}` : ''}`;
  const bulkActions = ACTIONS_BY_STATUS[status];
  return (
    <AdminLayout
      site={props.site}
      title="Comments"
      section="/admin/comments/"
      account={{ name: props.account.name, csrfToken: props.csrfToken, role: props.account.role }}
      scripts={[props.script]}
    >
      <h1>Comments</h1>
      <Notice text={props.notice} />
      <nav aria-label="Comment status" class="tabs">
        <ul>
          {QUEUE_TABS.map((t) => (
            <li key={t.status}>
              <a
                href={`/admin/comments/?status=${t.status}`}
                aria-current={t.status === status ? 'page' : undefined}
              >
                {t.label}{' '}
                <span class="count" data-count-for={t.status}>
                  {counts[t.status]}
                </span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <p class="keyboard-help" id="keyboard-help">
        Keyboard: <kbd>j</kbd> next, <kbd>k</kbd> previous, <kbd>a</kbd> approve, <kbd>s</kbd> spam,{' '}
        <kbd>t</kbd> trash (not while typing in a field).
      </p>
      <p class="visually-hidden" role="status" aria-live="polite" id="mod-live" />
      <h2>
        {QUEUE_TABS.find((t) => t.status === status)!.label} ({counts[status]})
      </h2>
      {props.items.length ? (
        <>
          <form method="post" action="/admin/comments/bulk/" id="bulk-form" class="bulk-bar">
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            <input type="hidden" name="return" value={returnTo} />
            <label for="bulk-action">With the selected comments</label>
            <select id="bulk-action" name="action">
              {bulkActions.map((a) => (
                <option value={a.action} key={a.action}>
                  {a.label}
                </option>
              ))}
            </select>
            <button type="submit">Apply</button>
          </form>
          <ol class="mod-queue" aria-describedby="keyboard-help">
            {props.items.map((item) => (
              <QueueEntry
                key={item.comment.id}
                item={item}
                status={status}
                csrfToken={props.csrfToken}
                returnTo={returnTo}
                site={props.site}
              />
            ))}
          </ol>
          {props.pages > 1 ? (
            <nav aria-label="Queue pages" class="pager">
              {props.page > 1 ? (
                <a href={`/admin/comments/?status=${status}&page=${props.page - 1}`}>Newer</a>
              ) : null}{' '}
              <span>
                Page {props.page} of {props.pages}
              </span>{' '}
              {props.page < props.pages ? (
                <a href={`/admin/comments/?status=${status}&page=${props.page + 1}`}>Older</a>
              ) : null}
            </nav>
          ) : null}
        </>
      ) : (
        <p class="empty">Nothing here.</p>
      )}
      <p>
        <a href="/admin/comments/bans/">Bans</a>
      </p>
    </AdminLayout>
  );
}

export function BansPage(props: {
  site: SiteContext;
  account: Account;
  csrfToken: string;
  bans: { id: number; kind: 'email' | 'ip'; reason: string; createdAt: string }[];
  notice?: string | undefined;
  error?: string | undefined;
  email?: string | undefined;
}) {
  return (
    <AdminLayout
      site={props.site}
      title="Bans"
      section="/admin/comments/"
      account={{ name: props.account.name, csrfToken: props.csrfToken, role: props.account.role }}
    >
      <h1>Comment bans</h1>
      <Notice text={props.notice} />
      <p>
        Bans keep a keyed hash of the address, never the address itself, so this list cannot show
        who is banned; the reason is your team's note.
      </p>
      {props.error ? (
        <p class="form-error" role="alert" id="ban-error">
          {props.error}
        </p>
      ) : null}
      <form method="post" action="/admin/comments/bans/" class="stack">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <input type="hidden" name="kind" value="email" />
        <input type="hidden" name="return" value="/admin/comments/bans/" />
        <p class="field">
          <label for="ban-email">Email address to ban</label>
          <input
            id="ban-email"
            name="email"
            type="email"
            required
            maxLength={254}
            value={props.email ?? ''}
            aria-describedby={props.error ? 'ban-error' : undefined}
          />
        </p>
        <p class="field">
          <label for="ban-reason">Reason (for the team)</label>
          <input id="ban-reason" name="reason" maxLength={500} />
        </p>
        <p>
          <button type="submit">Ban</button>
        </p>
      </form>
      {props.bans.length ? (
        <table class="admin-table">
          <caption>Current bans</caption>
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Reason</th>
              <th scope="col">Since</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {props.bans.map((b) => (
              <tr key={b.id}>
                <td>{b.kind === 'email' ? 'Email' : 'IP address'}</td>
                <td>{b.reason || '—'}</td>
                <td>
                  <time datetime={b.createdAt}>{props.site.locale.formatDate(b.createdAt)}</time>
                </td>
                <td>
                  <form method="post" action={`/admin/comments/bans/${b.id}/delete/`}>
                    <input type="hidden" name="_csrf" value={props.csrfToken} />
                    <button type="submit">Lift ban {b.id}</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="empty">No bans.</p>
      )}
      <p>
        <a href="/admin/comments/">Back to the queue</a>
      </p>
    </AdminLayout>
  );
}
