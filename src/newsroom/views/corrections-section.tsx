import type { Locale } from '../../i18n/i18n.js';
import { Time } from '../../views/components.js';
import type { Correction } from '../newsroom.js';

/** The dated corrections under an article; nothing when there are none. */
export function CorrectionsSection(props: {
  corrections: Pick<Correction, 'id' | 'kind' | 'text' | 'createdAt'>[];
  locale: Locale;
}) {
  const { corrections, locale } = props;
  if (!corrections.length) return null;
  const { t } = locale;
  return (
    <section class="corrections" aria-labelledby="corrections-title">
      <h2 id="corrections-title">{t('corrections')}</h2>
      <ul class="corrections__list">
        {corrections.map((c) => (
          <li key={c.id} id={`correction-${c.id}`}>
            <strong>{t(`correctionKind_${c.kind}`)}</strong>{' '}
            <Time iso={c.createdAt} locale={locale} withTime />: {c.text}
          </li>
        ))}
      </ul>
    </section>
  );
}
