import { Pagination, Time } from '../../views/components.js';
import { Layout } from '../../views/layout.js';
import type { SiteContext } from '../../views/site-context.js';
import type { Correction } from '../newsroom.js';

export interface CorrectionListing extends Correction {
  article: { title: string; path: string };
}

/** `/corrections/`: every correction to a public article, newest first. */
export function CorrectionsPage(props: {
  site: SiteContext;
  items: CorrectionListing[];
  page: number;
  pages: number;
}) {
  const { site, items, page, pages } = props;
  const { locale } = site;
  const { t } = locale;
  const pathFor = (n: number) => (n === 1 ? '/corrections/' : `/corrections/?page=${n}`);
  return (
    <Layout
      site={site}
      meta={{
        title: t('corrections'),
        description: t('correctionsIntro'),
        canonicalPath: pathFor(page),
        ...(page > 1 ? { prevPath: pathFor(page - 1) } : {}),
        ...(page < pages ? { nextPath: pathFor(page + 1) } : {}),
      }}
    >
      <h1>{t('corrections')}</h1>
      <p>{t('correctionsIntro')}</p>
      {items.length ? (
        <ol class="corrections-listing">
          {items.map((c) => (
            <li key={c.id}>
              <p>
                <a href={`${c.article.path}#correction-${c.id}`}>{c.article.title}</a>
              </p>
              <p>
                <strong>{t(`correctionKind_${c.kind}`)}</strong>{' '}
                <Time iso={c.createdAt} locale={locale} withTime />: {c.text}
              </p>
            </li>
          ))}
        </ol>
      ) : (
        <p>{t('noCorrections')}</p>
      )}
      <Pagination page={page} pages={pages} pathFor={pathFor} locale={locale} />
    </Layout>
  );
}
