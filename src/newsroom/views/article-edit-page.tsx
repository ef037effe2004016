import type { Account } from '../../accounts/account.js';
import { AdminLayout } from '../../views/admin-layout.js';
import type { SiteContext } from '../../views/site-context.js';
import type { Revision } from '../newsroom.js';
import type { ArticleView } from '../newsroom-service.js';
import { STATUS_LABELS } from './article-list-page.js';

/** What the form shows: strings as typed, so a refused form comes back exactly as sent. */
export interface ArticleFormValues {
  headline: string;
  dek: string;
  slug: string;
  bodyHtml: string;
  primaryCategoryId: string;
  categoryIds: string[];
  tags: string;
  authorIds: string[];
  featuredImageId: string;
  socialImageId: string;
  seoTitle: string;
  seoDescription: string;
  commentStatus: string;
  lang: string;
  dir: string;
  scheduleAt: string;
  baseRevisionId: string;
}

export interface ArticleEditPageProps {
  site: SiteContext;
  account: Account;
  csrfToken: string;
  styles: string[];
  script: string;
  /** Null on `/admin/articles/new/`. */
  article: (ArticleView & { publicPath: string | null; previewUrl: string | null }) | null;
  values: ArticleFormValues;
  errors?: Record<string, string> | undefined;
  message?: string | undefined;
  notice?: string | undefined;
  lockWarning?: string | undefined;
  /** When the form shows the person's autosave of a live article, kept aside since then. */
  pendingSince?: string | undefined;
  revisions: Revision[];
  authors: { id: number; name: string }[];
  categories: { id: number; name: string }[];
  /** Capabilities of the person for a new article (no article yet). */
  canPublishNew: boolean;
}

const when = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '');

function Input(props: {
  name: string;
  label: string;
  value: string;
  hint?: string;
  error?: string | undefined;
  type?: string;
  maxLength?: number;
  required?: boolean;
  inputMode?: 'numeric';
  pattern?: string;
}) {
  const id = `field-${props.name}`;
  const described = [props.error ? `${id}-error` : '', props.hint ? `${id}-hint` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <p class={props.error ? 'field field--invalid' : 'field'}>
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <span class="field__hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      ) : null}
      {props.error ? (
        <span class="field__error" id={`${id}-error`}>
          {props.error}
        </span>
      ) : null}
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        maxLength={props.maxLength}
        required={props.required}
        inputMode={props.inputMode}
        pattern={props.pattern}
        aria-describedby={described || undefined}
        aria-invalid={props.error ? 'true' : undefined}
      />
    </p>
  );
}

/** The article editor: a complete form without JavaScript; the island adds rich text and autosave. */
export function ArticleEditPage(props: ArticleEditPageProps) {
  const { values: v, article: a, errors = {} } = props;
  const title = a ? `Edit “${a.headline}”` : 'New article';
  const action = a ? `/admin/articles/${a.id}/edit/` : '/admin/articles/new/';
  const can = a?.can ?? {
    edit: true,
    submit: true,
    publish: props.canPublishNew,
    trash: false,
    correct: false,
  };
  const status = a?.status ?? 'draft';
  const publishable = ['draft', 'pending', 'scheduled', 'unpublished'].includes(status);
  return (
    <AdminLayout
      site={props.site}
      title={title}
      account={{ ...props.account, csrfToken: props.csrfToken }}
      section="/admin/articles/"
      styles={props.styles}
      scripts={[props.script]}
    >
      <h1>{title}</h1>
      {props.lockWarning ? (
        <div class="edit-lock" role="alert" id="edit-lock">
          <p>
            <strong>Heads up:</strong> {props.lockWarning} Your changes may overwrite theirs.
          </p>
        </div>
      ) : null}
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {a && props.pendingSince ? (
        <div class="notice pending-changes" role="status" id="pending-changes">
          <p>
            The form shows your changes saved as a draft at {when(props.pendingSince)}. They are not
            live until you press Update.
          </p>
          <form method="post" action={`/admin/articles/${a.id}/autosave/discard/`}>
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            <button type="submit">Discard these changes</button>
          </form>
        </div>
      ) : null}
      {props.message ? (
        <div class="form-error" role="alert" id="form-errors">
          <p>{props.message}</p>
          {Object.keys(errors).length ? (
            <ul>
              {Object.entries(errors).map(([k, m]) => (
                <li key={k}>
                  <a href={`#field-${k}`}>{m}</a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {a ? (
        <p class="article-meta">
          Status:{' '}
          <span class={`status status--${a.status}`} id="article-status">
            {STATUS_LABELS[a.status] ?? a.status}
          </span>
          {a.status === 'scheduled' && a.publishedAt ? ` for ${when(a.publishedAt)}` : ''}
          {a.publicPath ? (
            <>
              {' · '}
              <a href={a.publicPath}>View on the site</a>
            </>
          ) : null}
          {a.previewUrl ? (
            <>
              {' · '}
              <a href={a.previewUrl}>Preview</a>
            </>
          ) : null}
        </p>
      ) : null}
      <form
        method="post"
        action={action}
        class="article-form"
        id="article-form"
        data-article-id={a ? String(a.id) : ''}
        data-csrf={props.csrfToken}
        data-can-upload={can.edit ? 'true' : 'false'}
      >
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <input type="hidden" name="baseRevisionId" value={v.baseRevisionId} />
        <input type="hidden" name="tzOffset" value="" id="field-tzOffset" />
        <div class="article-form__main">
          <Input
            name="headline"
            label="Headline"
            value={v.headline}
            error={errors.headline}
            maxLength={300}
            required
          />
          <p class={errors.dek ? 'field field--invalid' : 'field'}>
            <label for="field-dek">Dek (standfirst)</label>
            <textarea id="field-dek" name="dek" rows={2} maxLength={1000}>
              {v.dek}
            </textarea>
          </p>
          <Input
            name="slug"
            label="Slug"
            value={v.slug}
            hint="Leave empty to make it from the headline."
            error={errors.slug}
            maxLength={200}
          />
          <div class="field body-field">
            <label for="field-bodyHtml" id="body-label">
              Body
            </label>
            <span class="field__hint" id="field-bodyHtml-hint">
              HTML; with JavaScript a rich-text editor replaces this box.
            </span>
            <div id="editor-island" />
            <textarea
              id="field-bodyHtml"
              name="bodyHtml"
              rows={18}
              aria-describedby="field-bodyHtml-hint"
            >
              {v.bodyHtml}
            </textarea>
          </div>
        </div>
        <div class="article-form__side">
          <p class="autosave-status" id="autosave-status" role="status" aria-live="polite" />
          <fieldset class="workflow">
            <legend>Publishing</legend>
            <p class="workflow__buttons">
              {can.edit ? (
                <button type="submit" name="intent" value="save">
                  {status === 'draft' || status === 'pending'
                    ? 'Save draft'
                    : status === 'published' || status === 'scheduled'
                      ? 'Update'
                      : 'Save'}
                </button>
              ) : (
                <span>Your role can read this article but not change it in this state.</span>
              )}
              {can.submit && (status === 'draft' || status === 'unpublished') ? (
                <button type="submit" name="intent" value="submit">
                  Submit for review
                </button>
              ) : null}
              {can.publish && publishable ? (
                <button type="submit" name="intent" value="publish">
                  Publish
                </button>
              ) : null}
              {can.publish && status === 'scheduled' ? (
                <button type="submit" name="intent" value="unschedule">
                  Unschedule
                </button>
              ) : null}
              {can.publish && status === 'published' ? (
                <button type="submit" name="intent" value="unpublish">
                  Unpublish
                </button>
              ) : null}
            </p>
            {can.publish && publishable ? (
              <p class="field">
                <label for="field-scheduleAt">Schedule at</label>
                <span class="field__hint" id="field-scheduleAt-hint">
                  Your local time with JavaScript on; UTC without.
                </span>
                {errors.scheduleAt ? (
                  <span class="field__error" id="field-scheduleAt-error">
                    {errors.scheduleAt}
                  </span>
                ) : null}
                <input
                  id="field-scheduleAt"
                  type="datetime-local"
                  name="scheduleAt"
                  step={1}
                  value={v.scheduleAt}
                  aria-describedby={`field-scheduleAt-hint${errors.scheduleAt ? ' field-scheduleAt-error' : ''}`}
                />{' '}
                <button type="submit" name="intent" value="schedule">
                  Schedule
                </button>
              </p>
            ) : null}
          </fieldset>
          <fieldset>
            <legend>Sections and tags</legend>
            <p class="field">
              <label for="field-primaryCategoryId">Primary category</label>
              <select id="field-primaryCategoryId" name="primaryCategoryId">
                <option value="">None</option>
                {props.categories.map((c) => (
                  <option
                    value={String(c.id)}
                    selected={v.primaryCategoryId === String(c.id)}
                    key={c.id}
                  >
                    {c.name}
                  </option>
                ))}
              </select>
            </p>
            <p class="field">
              <label for="field-categoryIds">More categories</label>
              <select id="field-categoryIds" name="categoryIds" multiple size={4}>
                {props.categories.map((c) => (
                  <option
                    value={String(c.id)}
                    selected={v.categoryIds.includes(String(c.id))}
                    key={c.id}
                  >
                    {c.name}
                  </option>
                ))}
              </select>
            </p>
            <Input
              name="tags"
              label="Tags"
              value={v.tags}
              hint="Separate with commas; new tags are created."
            />
          </fieldset>
          <fieldset>
            <legend>Bylines</legend>
            <p class={errors.authorIds ? 'field field--invalid' : 'field'}>
              <label for="field-authorIds">Authors</label>
              {errors.authorIds ? (
                <span class="field__error" id="field-authorIds-error">
                  {errors.authorIds}
                </span>
              ) : null}
              <select
                id="field-authorIds"
                name="authorIds"
                multiple
                size={4}
                aria-describedby={errors.authorIds ? 'field-authorIds-error' : undefined}
              >
                {props.authors.map((p) => (
                  <option
                    value={String(p.id)}
                    selected={v.authorIds.includes(String(p.id))}
                    key={p.id}
                  >
                    {p.name}
                  </option>
                ))}
              </select>
            </p>
          </fieldset>
          <fieldset>
            <legend>Images</legend>
            <Input
              name="featuredImageId"
              label="Featured image (media id)"
              value={v.featuredImageId}
              error={errors.featuredImageId}
              inputMode="numeric"
              pattern="[0-9]*"
              hint="The number of an image in the media library."
            />
            <Input
              name="socialImageId"
              label="Social image (media id)"
              value={v.socialImageId}
              error={errors.socialImageId}
              inputMode="numeric"
              pattern="[0-9]*"
            />
            <p>
              <a href="/admin/media/">Open the media library</a>
            </p>
          </fieldset>
          <fieldset>
            <legend>Search and sharing</legend>
            <Input name="seoTitle" label="SEO title" value={v.seoTitle} maxLength={300} />
            <p class="field">
              <label for="field-seoDescription">SEO description</label>
              <textarea id="field-seoDescription" name="seoDescription" rows={3} maxLength={1000}>
                {v.seoDescription}
              </textarea>
            </p>
          </fieldset>
          <fieldset>
            <legend>Reading</legend>
            <p class="field">
              <label for="field-commentStatus">Comments</label>
              <select id="field-commentStatus" name="commentStatus">
                <option value="open" selected={v.commentStatus !== 'closed'}>
                  Open
                </option>
                <option value="closed" selected={v.commentStatus === 'closed'}>
                  Closed
                </option>
              </select>
            </p>
            <Input
              name="lang"
              label="Language"
              value={v.lang}
              error={errors.lang}
              hint="Empty for the site language; e.g. en, tr, ar."
              maxLength={35}
            />
            <p class="field">
              <label for="field-dir">Direction</label>
              <select id="field-dir" name="dir">
                <option value="" selected={v.dir === ''}>
                  From the language
                </option>
                <option value="ltr" selected={v.dir === 'ltr'}>
                  Left to right
                </option>
                <option value="rtl" selected={v.dir === 'rtl'}>
                  Right to left
                </option>
              </select>
            </p>
          </fieldset>
        </div>
      </form>
      {a ? (
        <div class="article-extras">
          {a.can.trash && a.status !== 'trash' ? (
            <form method="post" action={`/admin/articles/${a.id}/trash/`} class="article-trash">
              <input type="hidden" name="_csrf" value={props.csrfToken} />
              <button type="submit" class="button-danger">
                Move to trash
              </button>
            </form>
          ) : null}
          <section class="revisions" aria-labelledby="revisions-heading">
            <h2 id="revisions-heading">Revisions</h2>
            {props.revisions.length ? (
              <ol class="revision-list">
                {props.revisions.map((r) => (
                  <li key={r.id} data-revision-id={String(r.id)}>
                    <span>
                      {when(r.createdAt)} · {r.kind}
                      {r.authorName ? ` by ${r.authorName}` : ''}
                      {r.id === a.headRevisionId ? ' (current)' : ''}
                      {a.headRevisionId !== null && r.id > a.headRevisionId ? ' (not live)' : ''}
                    </span>
                    {r.id !== a.headRevisionId && a.headRevisionId !== null ? (
                      <>
                        {' '}
                        <a
                          href={`/admin/articles/${a.id}/revisions/?from=${Math.min(r.id, a.headRevisionId)}&to=${Math.max(r.id, a.headRevisionId)}`}
                        >
                          Compare with current
                          <span class="visually-hidden"> (revision {r.id})</span>
                        </a>{' '}
                        <form
                          method="post"
                          action={`/admin/articles/${a.id}/revisions/${r.id}/restore/`}
                          class="inline-form"
                        >
                          <input type="hidden" name="_csrf" value={props.csrfToken} />
                          <button type="submit">
                            Restore<span class="visually-hidden"> revision {r.id}</span>
                          </button>
                        </form>
                      </>
                    ) : null}
                  </li>
                ))}
              </ol>
            ) : (
              <p>No revisions yet.</p>
            )}
          </section>
          {a.status === 'published' && a.can.correct ? (
            <section class="corrections-form" aria-labelledby="corrections-heading">
              <h2 id="corrections-heading">Add a correction</h2>
              {a.corrections.length ? (
                <ul>
                  {a.corrections.map((c) => (
                    <li key={c.id}>
                      {when(c.createdAt)} · {c.kind}: {c.text}
                    </li>
                  ))}
                </ul>
              ) : null}
              <form method="post" action={`/admin/articles/${a.id}/corrections/`}>
                <input type="hidden" name="_csrf" value={props.csrfToken} />
                <p class="field">
                  <label for="correction-kind">Kind</label>
                  <select id="correction-kind" name="kind">
                    <option value="correction">Correction</option>
                    <option value="clarification">Clarification</option>
                    <option value="update">Update</option>
                  </select>
                </p>
                <p class="field">
                  <label for="correction-text">Text shown with the article</label>
                  <textarea id="correction-text" name="text" rows={3} maxLength={5000} required />
                </p>
                <p>
                  <button type="submit">Append correction</button>
                </p>
              </form>
            </section>
          ) : null}
        </div>
      ) : null}
    </AdminLayout>
  );
}
