import type { JsonLd } from '../views/site-context.js';
import { serializeJsonLd } from './json-ld.js';

/**
 * A JSON-LD data block. Browsers never execute it (so the CSP allows it), and `serializeJsonLd`
 * escapes every `<`, `>` and `&`, which is what makes this unescaped output safe: it can contain
 * no markup at all.
 */
export function JsonLdScript(props: { data: JsonLd }) {
  return (
    <script
      type="application/ld+json"
      dangerouslySetInnerHTML={{ __html: serializeJsonLd(props.data) }}
    />
  );
}
