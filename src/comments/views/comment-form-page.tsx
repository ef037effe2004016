import { Layout } from '../../views/layout.js';
import type { SiteContext } from '../../views/site-context.js';
import type { CommentTarget } from '../comment-service.js';
import {
  type CommentAssets,
  CommentForm,
  type CommentFormValues,
  type FieldErrors,
} from './comments-section.js';

/**
 * Shown when a comment posted without JavaScript is refused: the reason, and the form again with
 * everything the reader typed and each error next to its field. Never cached (it holds their data).
 */
export function CommentFormPage(props: {
  site: SiteContext;
  target: CommentTarget;
  assets: CommentAssets;
  token: string;
  maxLength: number;
  values: CommentFormValues;
  errors: FieldErrors;
  /** A refusal that is not about one field (duplicate, bad parent, too many posts). */
  message?: string | undefined;
  replyTo: { id: number; authorName: string } | null;
}) {
  const { site, target } = props;
  const { t } = site.locale;
  return (
    <Layout
      site={site}
      meta={{ title: t('commentNotPosted'), canonicalPath: target.path, noindex: true }}
    >
      <div class="comments comment-refused">
        <link rel="stylesheet" href={props.assets.css} />
        <h1 class="section-title">{t('commentNotPosted')}</h1>
        {props.message ? (
          <p class="comment-refused__message" role="alert">
            {props.message}
          </p>
        ) : null}
        <p>
          <a href={`${target.path}#comments`}>
            {t('backToArticle')}: <cite>{target.title}</cite>
          </a>
        </p>
        <CommentForm
          articleId={target.id}
          token={props.token}
          maxLength={props.maxLength}
          locale={site.locale}
          cancelHref={`${target.path}#respond`}
          replyTo={props.replyTo}
          values={props.values}
          errors={props.errors}
          headingLevel={2}
        />
      </div>
    </Layout>
  );
}
