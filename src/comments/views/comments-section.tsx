import type { Locale } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/messages-en.js';
import { Time } from '../../views/components.js';
import { RawHtml } from '../../views/raw-html.js';
import { type CommentNode, countNodes, type PublicComment } from '../comment.js';
import type { Discussion, FieldErrorCode, FieldName } from '../comment-service.js';
import { identicon } from '../identicon.js';

/** The fingerprinted URLs of the comments stylesheet and client script. */
export interface CommentAssets {
  css: string;
  script: string;
}

/** What the reader typed, given back after a failed submission, or remembered with consent. */
export interface CommentFormValues {
  text?: string;
  name?: string;
  email?: string;
  url?: string;
  remember?: boolean;
  parentId?: string;
}

export type FieldErrors = Partial<Record<FieldName, FieldErrorCode>>;

const FIELD_IDS: Record<FieldName, string> = {
  text: 'comment-body',
  name: 'comment-name',
  email: 'comment-email',
  url: 'comment-url',
  form: 'comment-submit',
};

const ERROR_MESSAGES: Record<FieldName, Partial<Record<FieldErrorCode, MessageKey>>> = {
  text: { required: 'commentErrTextRequired', 'too-long': 'commentErrTextTooLong' },
  name: { required: 'commentErrNameRequired', 'too-long': 'commentErrNameTooLong' },
  email: { required: 'commentErrEmailRequired', 'invalid-email': 'commentErrEmailInvalid' },
  url: { 'invalid-url': 'commentErrUrlInvalid' },
  form: { 'too-fast': 'commentErrTooFast', 'form-expired': 'commentErrFormExpired' },
};

/** The reader-facing sentence for a field error, in the site's language. */
export function fieldErrorMessage(
  locale: Locale,
  field: FieldName,
  code: FieldErrorCode,
  maxLength: number,
): string {
  const key = ERROR_MESSAGES[field][code];
  return key ? locale.t(key, { max: maxLength }) : code;
}

/** Query string of the page a reader is on, so Reply and Cancel keep them there. */
function pageQuery(d: Pick<Discussion, 'page' | 'thread'>): string[] {
  if (d.thread) return [`thread=${d.thread.id}`];
  return d.page > 1 ? [`cpage=${d.page}`] : [];
}

function withQuery(path: string, parts: string[], hash: string): string {
  return `${path}${parts.length ? `?${parts.join('&')}` : ''}${hash}`;
}

/** A decorative identicon drawn from the comment's keyed avatar hash (never an outside request). */
export function Avatar(props: { avatarKey: string | null }) {
  const icon = identicon(props.avatarKey ?? 'anonymous');
  return (
    <svg
      class="comment__avatar"
      aria-hidden="true"
      focusable="false"
      viewBox="0 0 5 5"
      width="40"
      height="40"
    >
      <rect width="5" height="5" fill={icon.background} />
      <path fill={icon.color} d={icon.path} />
    </svg>
  );
}

/** One comment, its replies, or a "continue this thread" link past the visible depth. */
export function CommentItem(props: {
  comment: CommentNode | PublicComment;
  /** Level on this page (1 = top); the stored depth may be deeper in a thread view. */
  level: number;
  discussion: Pick<Discussion, 'articlePath' | 'page' | 'thread' | 'visibleDepth' | 'open'>;
  locale: Locale;
}) {
  const { comment, level, discussion, locale } = props;
  const { t } = locale;
  const replies = 'replies' in comment ? comment.replies : [];
  const held = comment.status !== 'approved';
  const collapse = replies.length > 0 && level >= discussion.visibleDepth;
  const query = pageQuery(discussion);
  const cardClass = [
    'comment__card',
    held ? 'comment__card--held' : '',
    comment.isStaff ? 'comment__card--staff' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <li class="comment" id={`comment-${comment.id}`} data-comment-id={String(comment.id)}>
      <article class={cardClass} aria-label={comment.authorName}>
        <header class="comment__meta">
          <Avatar avatarKey={comment.avatarKey} />
          <span class="comment__author">
            <bdi>
              {comment.authorUrl && /^https?:\/\//i.test(comment.authorUrl) ? (
                <a href={comment.authorUrl} rel="nofollow ugc noopener">
                  {comment.authorName}
                </a>
              ) : (
                comment.authorName
              )}
            </bdi>
          </span>
          {comment.isStaff ? <span class="comment__badge">{t('commentStaff')}</span> : null}{' '}
          <a class="comment__permalink" href={`/comments/${comment.id}/`}>
            <Time iso={comment.createdAt} locale={locale} withTime />
          </a>
          {comment.editedAt ? <span class="comment__edited"> · {t('commentEdited')}</span> : null}
        </header>
        {held ? <p class="comment__held">{t('awaitingModeration')}</p> : null}
        {comment.bodyHtml ? (
          <RawHtml class="comment__body" html={comment.bodyHtml} />
        ) : (
          <p class="comment__body comment__body--removed">{t('commentRemoved')}</p>
        )}
        {discussion.open && !held ? (
          <p class="comment__actions">
            <a
              class="comment__reply"
              href={withQuery(
                discussion.articlePath,
                [...query, `replytocom=${comment.id}`],
                '#respond',
              )}
              data-reply-to={String(comment.id)}
              data-reply-name={comment.authorName}
              aria-label={t('replyTo', { name: comment.authorName })}
            >
              {t('reply')}
            </a>
          </p>
        ) : null}
      </article>
      {collapse ? (
        <p class="comment__continue">
          <a
            href={withQuery(
              discussion.articlePath,
              [`thread=${comment.id}`],
              `#comment-${comment.id}`,
            )}
          >
            {t('continueThreadCount', { count: countNodes(replies) })}
          </a>
        </p>
      ) : replies.length ? (
        <ol class="comment-list comment-list--replies">
          {replies.map((r) => (
            <CommentItem
              key={r.id}
              comment={r}
              level={level + 1}
              discussion={discussion}
              locale={locale}
            />
          ))}
        </ol>
      ) : null}
    </li>
  );
}

function CommentPagination(props: { discussion: Discussion; locale: Locale }) {
  const { discussion: d, locale } = props;
  const { t } = locale;
  if (d.pages <= 1 || d.thread) return null;
  const href = (page: number) =>
    withQuery(d.articlePath, page > 1 ? [`cpage=${page}`] : [], '#comments');
  // Page 1 holds the oldest comments when the order is oldest first.
  const [backLabel, forwardLabel] =
    d.order === 'oldest'
      ? [t('olderComments'), t('newerComments')]
      : [t('newerComments'), t('olderComments')];
  return (
    <nav class="comment-pagination" aria-label={t('commentPages')}>
      <ul>
        {d.page > 1 ? (
          <li>
            <a href={href(d.page - 1)} rel="prev">
              « {backLabel}
            </a>
          </li>
        ) : null}
        {Array.from({ length: d.pages }, (_, i) => i + 1).map((n) => (
          <li key={n}>
            {n === d.page ? (
              <span aria-current="page">{t('commentsPageN', { page: n })}</span>
            ) : (
              <a href={href(n)}>{t('commentsPageN', { page: n })}</a>
            )}
          </li>
        ))}
        {d.page < d.pages ? (
          <li>
            <a href={href(d.page + 1)} rel="next">
              {forwardLabel} »
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** The heading text for `count` approved comments. */
export function commentCountLabel(locale: Locale, count: number): string {
  const { t } = locale;
  return count === 0
    ? t('comments')
    : count === 1
      ? t('commentCountOne')
      : t('commentCount', { count });
}

/** The comments heading, list (or empty state), pagination and the reply form. */
export function CommentsSection(props: {
  discussion: Discussion;
  locale: Locale;
  assets: CommentAssets;
  /** Remembered or re-submitted values; only on private (uncached) responses. */
  values?: CommentFormValues;
}) {
  const { discussion: d, locale } = props;
  const { t } = locale;
  const query = pageQuery(d);
  return (
    <section
      class="comments"
      id="comments"
      aria-labelledby="comments-title"
      data-article-id={String(d.articleId)}
      data-stream={`/api/comments/stream?article=${d.articleId}`}
      data-live-insert={d.isLatestPage ? 'top-level' : 'replies'}
      data-order={d.order}
      data-msg-posting={t('commentPosting')}
      data-msg-failed={t('commentPostFailed')}
      data-msg-posted={t('commentPostedNotice')}
      data-msg-held={t('commentHeldNotice')}
      data-msg-new={t('commentNewArrived')}
      data-msg-one={t('commentCountOne')}
      data-msg-many={t('commentCount')}
      data-msg-none={t('comments')}
      data-msg-reply-to={t('replyTo')}
      data-msg-leave={t('leaveComment')}
    >
      <link rel="stylesheet" href={props.assets.css} />
      <h2 id="comments-title" class="section-title" data-count={String(d.count)}>
        {commentCountLabel(locale, d.count)}
      </h2>
      <p class="visually-hidden" id="comments-live" aria-live="polite" />
      {d.thread ? (
        <p class="comments__thread-note">
          {t('viewingThread')} <a href={`/comments/${d.thread.id}/`}>{t('backToAllComments')}</a>
        </p>
      ) : null}
      {d.roots.length === 0 ? (
        d.open ? (
          <p class="comments__empty">{t('noCommentsYet')}</p>
        ) : null
      ) : null}
      <ol class="comment-list" id="comment-list">
        {d.roots.map((c) => (
          <CommentItem key={c.id} comment={c} level={1} discussion={d} locale={locale} />
        ))}
      </ol>
      <CommentPagination discussion={d} locale={locale} />
      {d.open ? (
        <CommentForm
          articleId={d.articleId}
          token={d.formToken}
          maxLength={d.maxLength}
          locale={locale}
          cancelHref={withQuery(d.articlePath, query, '#respond')}
          replyTo={d.replyTo}
          values={props.values}
        />
      ) : (
        <p class="comments__closed">{t('commentsClosed')}</p>
      )}
      <script type="module" src={props.assets.script} />
    </section>
  );
}

function RequiredMark() {
  return (
    <span class="required" aria-hidden="true">
      {' *'}
    </span>
  );
}

function FieldError(props: { id: string; message: string | undefined }) {
  return props.message ? (
    <span class="field__error" id={`${props.id}-error`}>
      {props.message}
    </span>
  ) : null;
}

/**
 * The comment form. On the cached article page it carries nothing per visitor: the token says
 * only when the page was rendered. Values and errors appear only on private responses.
 */
export function CommentForm(props: {
  articleId: number;
  token: string;
  maxLength: number;
  locale: Locale;
  /** Where "Cancel reply" goes without JavaScript: the same page without `replytocom`. */
  cancelHref: string;
  replyTo: { id: number; authorName: string } | null;
  values?: CommentFormValues | undefined;
  errors?: FieldErrors | undefined;
  /** 3 under the comments' h2 on an article; 2 on a page of its own. */
  headingLevel?: 2 | 3;
}) {
  const { locale, values = {}, errors = {} } = props;
  const { t } = locale;
  const message = (field: FieldName) => {
    const code = errors[field];
    return code ? fieldErrorMessage(locale, field, code, props.maxLength) : undefined;
  };
  const described = (field: FieldName, extra?: string) =>
    [errors[field] ? `${FIELD_IDS[field]}-error` : '', extra ?? ''].filter(Boolean).join(' ') ||
    undefined;
  const errorList = (Object.keys(errors) as FieldName[]).filter((f) => errors[f]);
  const parentId = props.replyTo ? String(props.replyTo.id) : (values.parentId ?? '');
  const Heading = props.headingLevel === 2 ? 'h2' : 'h3';
  return (
    <form
      class="comment-form"
      id="respond"
      method="post"
      action="/comments/"
      aria-labelledby="respond-title"
    >
      <Heading id="respond-title">
        {props.replyTo ? t('replyTo', { name: props.replyTo.authorName }) : t('leaveComment')}{' '}
        <a
          class="comment-form__cancel"
          id="cancel-comment-reply-link"
          href={props.cancelHref}
          hidden={props.replyTo ? undefined : true}
        >
          {t('cancelReply')}
        </a>
      </Heading>
      {errorList.length ? (
        <div class="comment-form__errors" id="comment-form-errors" role="alert">
          <p class="comment-form__errors-title">{t('commentFormProblem')}</p>
          <ul>
            {errorList.map((f) => (
              <li key={f}>
                <a href={`#${FIELD_IDS[f]}`}>{message(f)}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <div class="comment-form__errors" id="comment-form-errors" role="alert" hidden />
      )}
      <p class="comment-form__note">
        <span id="email-note">{t('emailNotPublished')}</span> {t('requiredFieldsNote')}{' '}
        <span class="required" aria-hidden="true">
          *
        </span>
        <span class="visually-hidden">({t('required')})</span>.
      </p>
      <input type="hidden" name="article_id" value={String(props.articleId)} />
      <input type="hidden" name="parent_id" id="comment-parent" value={parentId} />
      <input type="hidden" name="form_token" value={props.token} />
      <p class="field field--wide">
        <label for="comment-body">
          {t('comment')}
          <RequiredMark />
        </label>
        <FieldError id="comment-body" message={message('text')} />
        <textarea
          id="comment-body"
          name="comment"
          rows={6}
          maxLength={props.maxLength}
          required
          aria-invalid={errors.text ? 'true' : undefined}
          aria-describedby={described('text')}
        >
          {values.text ?? ''}
        </textarea>
      </p>
      <p class="field">
        <label for="comment-name">
          {t('name')}
          <RequiredMark />
        </label>
        <FieldError id="comment-name" message={message('name')} />
        <input
          id="comment-name"
          name="author_name"
          type="text"
          autocomplete="name"
          maxLength={100}
          required
          value={values.name ?? ''}
          aria-invalid={errors.name ? 'true' : undefined}
          aria-describedby={described('name')}
        />
      </p>
      <p class="field">
        <label for="comment-email">
          {t('email')}
          <RequiredMark />
        </label>
        <FieldError id="comment-email" message={message('email')} />
        <input
          id="comment-email"
          name="author_email"
          type="email"
          autocomplete="email"
          maxLength={254}
          required
          value={values.email ?? ''}
          aria-invalid={errors.email ? 'true' : undefined}
          aria-describedby={described('email', 'email-note')}
        />
      </p>
      <p class="field">
        <label for="comment-url">{t('website')}</label>
        <FieldError id="comment-url" message={message('url')} />
        <input
          id="comment-url"
          name="author_url"
          type="url"
          autocomplete="url"
          maxLength={200}
          value={values.url ?? ''}
          aria-invalid={errors.url ? 'true' : undefined}
          aria-describedby={described('url')}
        />
      </p>
      <p class="comment-form__trap" aria-hidden="true">
        <label for="comment-homepage">{t('commentHoneypot')}</label>
        <input id="comment-homepage" name="homepage" type="text" tabIndex={-1} autocomplete="off" />
      </p>
      <p class="field field--wide field--check">
        <input
          id="comment-remember"
          name="remember"
          type="checkbox"
          value="1"
          checked={values.remember ? true : undefined}
        />
        <label for="comment-remember">{t('commentRemember')}</label>
      </p>
      <p class="comment-form__actions">
        <FieldError id="comment-submit" message={message('form')} />
        <button type="submit" id="comment-submit" aria-describedby={described('form')}>
          {t('postComment')}
        </button>
      </p>
    </form>
  );
}
