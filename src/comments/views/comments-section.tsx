import type { Locale } from '../../i18n/i18n.js';
import { Time } from '../../views/components.js';
import type { CommentNode } from '../comment.js';

function CommentBody(props: { text: string }) {
  // Plain text: paragraphs on blank lines, everything escaped by the renderer.
  const paragraphs = props.text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <div class="comment__body">
      {paragraphs.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
    </div>
  );
}

function CommentItem(props: { comment: CommentNode; locale: Locale }) {
  const { comment, locale } = props;
  return (
    <li class="comment" id={`comment-${comment.id}`}>
      <article class="comment__card" aria-label={comment.authorName}>
        <header class="comment__meta">
          <span class="comment__author">
            {comment.authorUrl ? (
              <a href={comment.authorUrl} rel="nofollow ugc noopener">
                {comment.authorName}
              </a>
            ) : (
              comment.authorName
            )}
          </span>{' '}
          <a class="comment__permalink" href={`#comment-${comment.id}`}>
            <Time iso={comment.createdAt} locale={locale} withTime />
          </a>
        </header>
        <CommentBody text={comment.body} />
      </article>
      {comment.replies.length ? (
        <ol class="comment-list comment-list--replies">
          {comment.replies.map((r) => (
            <CommentItem key={r.id} comment={r} locale={locale} />
          ))}
        </ol>
      ) : null}
    </li>
  );
}

function countNodes(nodes: CommentNode[]): number {
  return nodes.reduce((n, c) => n + 1 + countNodes(c.replies), 0);
}

/** The comments heading, list (or empty state) and the reply form. */
export function CommentsSection(props: {
  articleId: number;
  comments: CommentNode[];
  open: boolean;
  locale: Locale;
}) {
  const { t } = props.locale;
  const count = countNodes(props.comments);
  return (
    <section class="comments" id="comments" aria-labelledby="comments-title">
      <h2 id="comments-title" class="section-title">
        {count === 0
          ? t('comments')
          : count === 1
            ? t('commentCountOne')
            : t('commentCount', { count })}
      </h2>
      {count === 0 ? (
        props.open ? (
          <p class="comments__empty">{t('noCommentsYet')}</p>
        ) : null
      ) : (
        <ol class="comment-list">
          {props.comments.map((c) => (
            <CommentItem key={c.id} comment={c} locale={props.locale} />
          ))}
        </ol>
      )}
      {props.open ? (
        <CommentForm articleId={props.articleId} locale={props.locale} />
      ) : (
        <p class="comments__closed">{t('commentsClosed')}</p>
      )}
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

/** The reply form; it carries no per-visitor data so the page stays cacheable. */
export function CommentForm(props: { articleId: number; locale: Locale }) {
  const { locale } = props;
  const { t } = locale;
  return (
    <form
      class="comment-form"
      id="respond"
      method="post"
      action="/comments/"
      aria-labelledby="respond-title"
    >
      <h3 id="respond-title">{t('leaveComment')}</h3>
      <p class="comment-form__note">
        <span id="email-note">{t('emailNotPublished')}</span> {t('requiredFieldsNote')}{' '}
        <span class="required" aria-hidden="true">
          *
        </span>
        <span class="visually-hidden">({t('required')})</span>.
      </p>
      <input type="hidden" name="article_id" value={String(props.articleId)} />
      <input type="hidden" name="parent_id" value="" />
      <p class="field field--wide">
        <label for="comment-body">
          {t('comment')}
          <RequiredMark />
        </label>
        <textarea id="comment-body" name="comment" rows={6} maxLength={5000} required />
      </p>
      <p class="field">
        <label for="comment-name">
          {t('name')}
          <RequiredMark />
        </label>
        <input
          id="comment-name"
          name="author_name"
          type="text"
          autocomplete="name"
          maxLength={100}
          required
        />
      </p>
      <p class="field">
        <label for="comment-email">
          {t('email')}
          <RequiredMark />
        </label>
        <input
          id="comment-email"
          name="author_email"
          type="email"
          autocomplete="email"
          maxLength={254}
          required
          aria-describedby="email-note"
        />
      </p>
      <p class="field">
        <label for="comment-url">{t('website')}</label>
        <input id="comment-url" name="author_url" type="url" autocomplete="url" maxLength={200} />
      </p>
      <p class="comment-form__actions">
        <button type="submit">{t('postComment')}</button>
      </p>
    </form>
  );
}
