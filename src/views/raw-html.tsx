import type { SanitizedHtml } from '../text/sanitized-html.js';

/**
 * The single place where HTML is rendered unescaped. Only `SanitizedHtml` (HTML that went through
 * the sanitizer on save) is accepted.
 */
export function RawHtml(props: {
  html: SanitizedHtml;
  class?: string;
  lang?: string;
  dir?: 'ltr' | 'rtl';
}) {
  return (
    <div
      class={props.class}
      lang={props.lang}
      dir={props.dir}
      dangerouslySetInnerHTML={{ __html: props.html }}
    />
  );
}
