import type { Account } from '../../accounts/account.js';
import { AdminLayout } from '../../views/admin-layout.js';
import type { SiteContext } from '../../views/site-context.js';
import type { Revision } from '../newsroom.js';
import type { DiffPart, FieldDiff } from '../revision-diff.js';

const FIELD_LABELS: Record<string, string> = {
  headline: 'Headline',
  dek: 'Dek',
  slug: 'Slug',
  bodyHtml: 'Body',
  primaryCategoryId: 'Primary category',
  categoryIds: 'Categories',
  tags: 'Tags',
  authorIds: 'Authors',
  featuredImageId: 'Featured image',
  socialImageId: 'Social image',
  seoTitle: 'SEO title',
  seoDescription: 'SEO description',
  commentStatus: 'Comments',
  lang: 'Language',
  dir: 'Direction',
};

const label = (r: Revision) =>
  `Revision ${r.id}, ${r.createdAt.slice(0, 16).replace('T', ' ')} UTC (${r.kind}${r.authorName ? ` by ${r.authorName}` : ''})`;

function Parts(props: { parts: DiffPart[] }) {
  return (
    <>
      {props.parts.map((p, i) =>
        p.change === 'removed' ? (
          <del key={i}>{p.text}</del>
        ) : p.change === 'added' ? (
          <ins key={i}>{p.text}</ins>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}

/** Side-by-side, word-level comparison of two revisions, with restore of the older one. */
export function RevisionDiffPage(props: {
  site: SiteContext;
  account: Account;
  csrfToken: string;
  styles: string[];
  articleId: number;
  headline: string;
  from: Revision;
  to: Revision;
  fields: FieldDiff[];
  canRestore: boolean;
}) {
  const changed = props.fields.filter((f) => f.changed);
  return (
    <AdminLayout
      site={props.site}
      title={`Compare revisions of “${props.headline}”`}
      account={{ ...props.account, csrfToken: props.csrfToken }}
      section="/admin/articles/"
      styles={props.styles}
    >
      <h1>Compare revisions</h1>
      <p>
        <a href={`/admin/articles/${props.articleId}/edit/`}>Back to “{props.headline}”</a>
      </p>
      {changed.length ? (
        <table class="revision-diff">
          <caption>
            {changed.length === 1 ? '1 field changed' : `${changed.length} fields changed`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">{label(props.from)}</th>
              <th scope="col">{label(props.to)}</th>
            </tr>
          </thead>
          <tbody>
            {changed.map((f) => (
              <tr key={f.field}>
                <th scope="row">{FIELD_LABELS[f.field] ?? f.field}</th>
                <td class="revision-diff__old">
                  <Parts parts={f.left} />
                </td>
                <td class="revision-diff__new">
                  <Parts parts={f.right} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>These revisions are identical.</p>
      )}
      {props.canRestore ? (
        <form
          method="post"
          action={`/admin/articles/${props.articleId}/revisions/${props.from.id}/restore/`}
        >
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <button type="submit">Restore revision {props.from.id}</button>
        </form>
      ) : null}
    </AdminLayout>
  );
}
