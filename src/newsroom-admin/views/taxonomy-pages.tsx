import type { Account } from '../../accounts/account.js';
import type { Category, Tag } from '../../taxonomy/taxonomy.js';
import type { CategoryTree } from '../../taxonomy/taxonomy-service.js';
import { AdminLayout } from '../../views/admin-layout.js';
import type { SiteContext } from '../../views/site-context.js';
import { Csrf, ErrorSummary, Field, Notice } from './admin-components.js';

interface Common {
  site: SiteContext;
  account: Account;
  csrfToken: string;
  notice?: string | undefined;
}

export interface CategoryFormValues {
  name: string;
  slug: string;
  description: string;
  parentId: string;
}

/** Categories in tree order with their depth, for lists and parent pickers. */
function flatten(tree: CategoryTree): { category: Category; depth: number }[] {
  const out: { category: Category; depth: number }[] = [];
  const walk = (c: Category, depth: number) => {
    out.push({ category: c, depth });
    for (const child of tree.children(c.id)) if (depth < 20) walk(child, depth + 1);
  };
  for (const root of tree.roots()) walk(root, 0);
  return out;
}

function ParentSelect(props: {
  tree: CategoryTree;
  value: string;
  /** The category being edited: it and its subsections cannot be its parent. */
  excludeBelow?: number;
  aria: Record<string, string>;
}) {
  const excluded = new Set(
    props.excludeBelow !== undefined ? props.tree.descendantIds(props.excludeBelow) : [],
  );
  return (
    <select {...props.aria} name="parentId">
      <option value="">None (a main section)</option>
      {flatten(props.tree)
        .filter(({ category }) => !excluded.has(category.id))
        .map(({ category, depth }) => (
          <option
            value={String(category.id)}
            selected={String(category.id) === props.value}
            key={category.id}
          >
            {`${'— '.repeat(depth)}${category.name}`}
          </option>
        ))}
    </select>
  );
}

function CategoryFields(props: {
  tree: CategoryTree;
  values: CategoryFormValues;
  errors: Record<string, string | undefined>;
  editing?: number;
}) {
  const { values, errors } = props;
  return (
    <>
      <Field name="name" label="Name" error={errors.name}>
        {(aria) => <input {...aria} name="name" required maxLength={100} value={values.name} />}
      </Field>
      <Field
        name="slug"
        label="Slug"
        hint="The address: /category/…/slug/. Empty makes one from the name. Old addresses keep working."
        error={errors.slug}
      >
        {(aria) => <input {...aria} name="slug" maxLength={120} value={values.slug} />}
      </Field>
      <Field name="parentId" label="Parent" error={errors.parentId}>
        {(aria) => (
          <ParentSelect
            tree={props.tree}
            value={values.parentId}
            aria={aria as Record<string, string>}
            {...(props.editing !== undefined ? { excludeBelow: props.editing } : {})}
          />
        )}
      </Field>
      <Field name="description" label="Description" error={errors.description}>
        {(aria) => (
          <textarea {...aria} name="description" rows={3} maxLength={1000}>
            {values.description}
          </textarea>
        )}
      </Field>
    </>
  );
}

export function CategoriesPage(
  props: Common & {
    tree: CategoryTree;
    values?: CategoryFormValues;
    errors?: Record<string, string | undefined>;
  },
) {
  const values = props.values ?? { name: '', slug: '', description: '', parentId: '' };
  return (
    <AdminLayout
      site={props.site}
      title="Categories"
      section="/admin/categories/"
      account={{ name: props.account.name, csrfToken: props.csrfToken, role: props.account.role }}
    >
      <h1>Categories</h1>
      <Notice text={props.notice} />
      {props.tree.all.length ? (
        <table class="admin-table">
          <caption>Sections of the site, in order</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Address</th>
              <th scope="col">Description</th>
            </tr>
          </thead>
          <tbody>
            {flatten(props.tree).map(({ category, depth }) => (
              <tr key={category.id}>
                <td>
                  <span class={`indent indent--${Math.min(depth, 5)}`}>
                    <a href={`/admin/categories/${category.id}/`}>{category.name}</a>
                  </span>
                </td>
                <td>
                  <a href={props.tree.path(category)}>{props.tree.path(category)}</a>
                </td>
                <td>{category.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="empty">No categories yet.</p>
      )}
      <h2>Add a category</h2>
      <ErrorSummary errors={props.errors ?? {}} />
      <form method="post" action="/admin/categories/" class="stack">
        <Csrf token={props.csrfToken} />
        <CategoryFields tree={props.tree} values={values} errors={props.errors ?? {}} />
        <p>
          <button type="submit">Add category</button>
        </p>
      </form>
    </AdminLayout>
  );
}

export function CategoryEditPage(
  props: Common & {
    tree: CategoryTree;
    category: Category;
    values: CategoryFormValues;
    errors?: Record<string, string | undefined>;
  },
) {
  const { category, tree } = props;
  const others = flatten(tree).filter(({ category: c }) => c.id !== category.id);
  return (
    <AdminLayout
      site={props.site}
      title={`Edit ${category.name}`}
      section="/admin/categories/"
      account={{ name: props.account.name, csrfToken: props.csrfToken, role: props.account.role }}
    >
      <p>
        <a href="/admin/categories/">All categories</a>
      </p>
      <h1>Edit category “{category.name}”</h1>
      <Notice text={props.notice} />
      <ErrorSummary errors={props.errors ?? {}} />
      <form method="post" action={`/admin/categories/${category.id}/`} class="stack">
        <Csrf token={props.csrfToken} />
        <CategoryFields
          tree={tree}
          values={props.values}
          errors={props.errors ?? {}}
          editing={category.id}
        />
        <p>
          <button type="submit">Save category</button>
        </p>
      </form>
      <h2>Delete or merge</h2>
      <form method="post" action={`/admin/categories/${category.id}/delete/`} class="stack">
        <Csrf token={props.csrfToken} />
        <p class="field">
          <label for="merge-into">Move its stories to</label>
          <select id="merge-into" name="intoId">
            <option value="">Nowhere (they lose this category)</option>
            {others.map(({ category: c, depth }) => (
              <option value={String(c.id)} key={c.id}>
                {`${'— '.repeat(depth)}${c.name}`}
              </option>
            ))}
          </select>
        </p>
        <p>
          <button type="submit" class="button-danger">
            Delete “{category.name}”
          </button>
        </p>
      </form>
    </AdminLayout>
  );
}

export function TagsPage(
  props: Common & {
    tags: (Tag & { count: number })[];
    values?: { name: string; slug: string };
    errors?: Record<string, string | undefined>;
  },
) {
  const values = props.values ?? { name: '', slug: '' };
  const errors = props.errors ?? {};
  return (
    <AdminLayout
      site={props.site}
      title="Tags"
      section="/admin/tags/"
      account={{ name: props.account.name, csrfToken: props.csrfToken, role: props.account.role }}
    >
      <h1>Tags</h1>
      <Notice text={props.notice} />
      {props.tags.length ? (
        <table class="admin-table">
          <caption>Every tag with its number of stories</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Address</th>
              <th scope="col">Stories</th>
            </tr>
          </thead>
          <tbody>
            {props.tags.map((t) => (
              <tr key={t.id}>
                <td>
                  <a href={`/admin/tags/${t.id}/`}>{t.name}</a>
                </td>
                <td>/tag/{t.slug}/</td>
                <td>{t.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="empty">No tags yet.</p>
      )}
      <h2>Add a tag</h2>
      <ErrorSummary errors={errors} />
      <form method="post" action="/admin/tags/" class="stack">
        <Csrf token={props.csrfToken} />
        <Field name="name" label="Name" error={errors.name}>
          {(aria) => <input {...aria} name="name" required maxLength={100} value={values.name} />}
        </Field>
        <Field name="slug" label="Slug" hint="Empty makes one from the name." error={errors.slug}>
          {(aria) => <input {...aria} name="slug" maxLength={120} value={values.slug} />}
        </Field>
        <p>
          <button type="submit">Add tag</button>
        </p>
      </form>
    </AdminLayout>
  );
}

export function TagEditPage(
  props: Common & {
    tag: Tag;
    tags: Tag[];
    values: { name: string; slug: string };
    errors?: Record<string, string | undefined>;
  },
) {
  const errors = props.errors ?? {};
  const { tag } = props;
  return (
    <AdminLayout
      site={props.site}
      title={`Edit ${tag.name}`}
      section="/admin/tags/"
      account={{ name: props.account.name, csrfToken: props.csrfToken, role: props.account.role }}
    >
      <p>
        <a href="/admin/tags/">All tags</a>
      </p>
      <h1>Edit tag “{tag.name}”</h1>
      <Notice text={props.notice} />
      <ErrorSummary errors={errors} />
      <form method="post" action={`/admin/tags/${tag.id}/`} class="stack">
        <Csrf token={props.csrfToken} />
        <Field name="name" label="Name" error={errors.name}>
          {(aria) => (
            <input {...aria} name="name" required maxLength={100} value={props.values.name} />
          )}
        </Field>
        <Field
          name="slug"
          label="Slug"
          hint="The address /tag/slug/. Old addresses keep working."
          error={errors.slug}
        >
          {(aria) => <input {...aria} name="slug" maxLength={120} value={props.values.slug} />}
        </Field>
        <p>
          <button type="submit">Save tag</button>
        </p>
      </form>
      <h2>Delete or merge</h2>
      <form method="post" action={`/admin/tags/${tag.id}/delete/`} class="stack">
        <Csrf token={props.csrfToken} />
        <p class="field">
          <label for="merge-into">Give its stories the tag</label>
          <select id="merge-into" name="intoId">
            <option value="">None (just remove this tag)</option>
            {props.tags
              .filter((t) => t.id !== tag.id)
              .map((t) => (
                <option value={String(t.id)} key={t.id}>
                  {t.name}
                </option>
              ))}
          </select>
        </p>
        <p>
          <button type="submit" class="button-danger">
            Delete “{tag.name}”
          </button>
        </p>
      </form>
    </AdminLayout>
  );
}
