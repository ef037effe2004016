import type { Account } from '../../accounts/account.js';
import { Csrf, ErrorSummary, Field, Notice } from '../../newsroom-admin/views/admin-components.js';
import { AdminLayout } from '../../views/admin-layout.js';
import type { SiteContext } from '../../views/site-context.js';
import { type MediaItem, type MediaText, mediaTextLimits } from '../media.js';
import { imageSizes, mediaFileUrl } from '../responsive-image.js';
import { ResponsivePicture } from './responsive-picture.js';

interface Common {
  site: SiteContext;
  account: Account;
  csrfToken: string;
  notice?: string | undefined;
  /** May upload, edit and delete (`upload_media`); others only browse. */
  canEdit: boolean;
}

const ACCEPT = 'image/jpeg,image/png,image/webp,image/avif,image/gif';

function layoutProps(props: Common, title: string) {
  return {
    site: props.site,
    title,
    section: '/admin/media/',
    account: { name: props.account.name, csrfToken: props.csrfToken, role: props.account.role },
  };
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

/** The library at `/admin/media/`: upload form, search, and a grid with alt text editing. */
export function MediaLibraryPage(
  props: Common & {
    items: MediaItem[];
    total: number;
    page: number;
    perPage: number;
    q: string;
    limits: { maxBytes: number; maxPixels: number };
    uploadError?: string | undefined;
    /** What was typed in the upload form, kept when it is sent back. */
    values?: Partial<MediaText> | undefined;
  },
) {
  const pages = Math.max(1, Math.ceil(props.total / props.perPage));
  const query = (page: number) =>
    `/admin/media/?${new URLSearchParams({ ...(props.q ? { q: props.q } : {}), page: String(page) })}`;
  const values = props.values ?? {};
  return (
    <AdminLayout {...layoutProps(props, 'Media library')}>
      <h1>Media library</h1>
      <Notice text={props.notice} />
      {props.canEdit ? (
        <section aria-labelledby="upload-heading" class="media-upload">
          <h2 id="upload-heading">Upload an image</h2>
          {props.uploadError ? (
            <div class="form-error" role="alert" id="form-errors">
              <p>
                <a href="#field-file">{props.uploadError}</a>
              </p>
            </div>
          ) : null}
          <form method="post" action="/admin/media/" enctype="multipart/form-data" class="stack">
            <Csrf token={props.csrfToken} />
            <Field
              name="file"
              label="Image file"
              hint={`JPEG, PNG, WebP, AVIF or GIF; at most ${megabytes(props.limits.maxBytes)} and ${Math.round(props.limits.maxPixels / 1_000_000)} megapixels. Location data is removed.`}
              error={props.uploadError}
            >
              {(aria) => <input {...aria} type="file" name="file" accept={ACCEPT} required />}
            </Field>
            <TextFields values={values} errors={{}} />
            <p>
              <button type="submit">Upload</button>
            </p>
          </form>
        </section>
      ) : null}
      <section aria-labelledby="library-heading">
        <h2 id="library-heading">Images</h2>
        <form method="get" action="/admin/media/" class="media-search">
          <label for="media-q">Search alt text, captions and credits</label>
          <input id="media-q" type="search" name="q" value={props.q} maxLength={200} />
          <button type="submit">Search</button>
        </form>
        <p>
          {props.total === 1 ? '1 image' : `${props.total} images`}
          {props.q ? ` matching “${props.q}”` : ''}.
        </p>
        {props.items.length ? (
          <ul class="media-grid">
            {props.items.map((item) => (
              <li key={item.id} class="media-grid__item" id={`media-${item.id}`}>
                <ResponsivePicture
                  image={item}
                  sizes={imageSizes.thumbnail}
                  alt={item.alt}
                  class="media-grid__image"
                  loading="lazy"
                />
                <p class="media-grid__meta">
                  {item.width} × {item.height}
                  {item.alt ? null : <strong class="media-grid__warning"> · No alt text</strong>}
                </p>
                {props.canEdit ? (
                  <form method="post" action={`/admin/media/${item.id}/`} class="media-grid__form">
                    <Csrf token={props.csrfToken} />
                    <input type="hidden" name="return" value="library" />
                    <label for={`alt-${item.id}`}>Alt text of image {item.id}</label>
                    <textarea
                      id={`alt-${item.id}`}
                      name="alt"
                      rows={2}
                      maxLength={mediaTextLimits.alt}
                    >
                      {item.alt}
                    </textarea>
                    <button type="submit">Save alt text</button>
                  </form>
                ) : (
                  <p>{item.alt || 'No alt text yet.'}</p>
                )}
                <p>
                  <a href={`/admin/media/${item.id}/`}>
                    Details<span class="visually-hidden"> of image {item.id}</span>
                  </a>
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p class="empty">{props.q ? 'No image matches.' : 'No images yet.'}</p>
        )}
        {pages > 1 ? (
          <nav class="pagination" aria-label="Media pages">
            {props.page > 1 ? <a href={query(props.page - 1)}>Newer images</a> : <span />}
            <span>
              Page {props.page} of {pages}
            </span>
            {props.page < pages ? <a href={query(props.page + 1)}>Older images</a> : <span />}
          </nav>
        ) : null}
      </section>
    </AdminLayout>
  );
}

function TextFields(props: {
  values: Partial<MediaText>;
  errors: Record<string, string | undefined>;
}) {
  const { values, errors } = props;
  return (
    <>
      <Field
        name="alt"
        label="Alt text"
        hint="What the image shows, for people who cannot see it. Required before an article using it is published."
        error={errors.alt}
      >
        {(aria) => (
          <textarea {...aria} name="alt" rows={2} maxLength={mediaTextLimits.alt}>
            {values.alt ?? ''}
          </textarea>
        )}
      </Field>
      <Field name="caption" label="Caption" error={errors.caption}>
        {(aria) => (
          <textarea {...aria} name="caption" rows={2} maxLength={mediaTextLimits.caption}>
            {values.caption ?? ''}
          </textarea>
        )}
      </Field>
      <Field
        name="credit"
        label="Credit"
        hint="For example “Photo: A. Reporter”."
        error={errors.credit}
      >
        {(aria) => (
          <input
            {...aria}
            name="credit"
            maxLength={mediaTextLimits.credit}
            value={values.credit ?? ''}
          />
        )}
      </Field>
    </>
  );
}

/** One item at `/admin/media/:id/`: preview, its files, alt/caption/credit, delete. */
export function MediaItemPage(
  props: Common & {
    item: MediaItem;
    values?: Partial<MediaText> | undefined;
    errors?: Record<string, string | undefined> | undefined;
  },
) {
  const { item } = props;
  const errors = props.errors ?? {};
  const values = props.values ?? item;
  return (
    <AdminLayout {...layoutProps(props, `Image ${item.id}`)}>
      <p>
        <a href="/admin/media/">All images</a>
      </p>
      <h1>Image {item.id}</h1>
      <Notice text={props.notice} />
      <figure class="media-item__figure">
        <ResponsivePicture image={item} sizes={imageSizes.story} alt={item.alt} />
        <figcaption>
          {item.width} × {item.height}, {item.mime}
          {item.bytes ? `, uploaded ${megabytes(item.bytes)}` : ''}
        </figcaption>
      </figure>
      <p>
        <a href={mediaFileUrl(item.path)}>Full-size file</a>
        {item.renditions.length ? ` and ${item.renditions.length} smaller or WebP copies.` : null}
      </p>
      {props.canEdit ? (
        <>
          <ErrorSummary errors={errors} />
          <form method="post" action={`/admin/media/${item.id}/`} class="stack">
            <Csrf token={props.csrfToken} />
            <TextFields values={values} errors={errors} />
            <p>
              <button type="submit">Save</button>
            </p>
          </form>
          <h2>Delete</h2>
          <form method="post" action={`/admin/media/${item.id}/delete/`} class="stack">
            <Csrf token={props.csrfToken} />
            <p>Articles that feature this image lose it; images inside article text break.</p>
            <p>
              <button type="submit" class="button-danger">
                Delete image {item.id}
              </button>
            </p>
          </form>
        </>
      ) : (
        <dl>
          <dt>Alt text</dt>
          <dd>{item.alt || 'None yet.'}</dd>
          <dt>Caption</dt>
          <dd>{item.caption || 'None.'}</dd>
          <dt>Credit</dt>
          <dd>{item.credit || 'None.'}</dd>
        </dl>
      )}
    </AdminLayout>
  );
}
