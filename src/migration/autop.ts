// Block-level elements: never wrapped in a paragraph, and a paragraph ends where one starts.
const BLOCK =
  '(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)(?=[\\s/>])';
const OPEN_BLOCK = new RegExp(`(<${BLOCK}[^>]*>)`, 'gi');
const CLOSE_BLOCK = new RegExp(`(</${BLOCK}>)`, 'gi');
const ANY_BLOCK_TAG = `</?${BLOCK}[^>]*>`;
const WRAPPED_BLOCK = new RegExp(`<p>\\s*(${ANY_BLOCK_TAG})\\s*</p>`, 'gi');
const P_BEFORE_BLOCK = new RegExp(`<p>\\s*(${ANY_BLOCK_TAG})`, 'gi');
const P_AFTER_BLOCK = new RegExp(`(${ANY_BLOCK_TAG})\\s*</p>`, 'gi');
const BR_AFTER_BLOCK = new RegExp(`(${ANY_BLOCK_TAG})\\s*<br />`, 'gi');
const BR_BEFORE_BLOCK = /<br \/>(\s*<\/?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)(?=[\s/>])[^>]*>)/gi;

/**
 * Paragraphs for classic-editor text, as WordPress shows it: a blank line starts a new paragraph,
 * a single line break becomes `<br />`, block elements (headings, lists, tables, figures...) stand
 * on their own, and `<pre>` keeps its lines. WordPress applies this (`wpautop`) when it displays a
 * classic post, so an import must apply it once to get the same page. Written for Newsdesk from
 * WordPress's documented behaviour; the WordPress implementations on npm are GPL-licensed.
 */
export function autop(text: string): string {
  if (text.trim() === '') return '';
  const preBlocks: string[] = [];
  let s = text
    .replace(/\r\n?/g, '\n')
    .replace(/<pre(?=[\s>])[\s\S]*?<\/pre>/gi, (pre) => {
      preBlocks.push(pre);
      return `<pre data-autop="${preBlocks.length - 1}"></pre>`;
    })
    // A line break inside a tag (long attribute lists) or a comment is not a line break in the text.
    .replace(/<!--[\s\S]*?-->|<[^<>]+>/g, (tag) => tag.replace(/\s*\n\s*/g, ' '))
    .replace(/<br\s*\/?>\s*<br\s*\/?>/gi, '\n\n')
    .replace(OPEN_BLOCK, '\n\n$1')
    .replace(CLOSE_BLOCK, '$1\n\n')
    .replace(/<br\s*\/?>/gi, '<br />');

  s = s
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${paragraph}</p>\n`)
    .join('');

  s = s
    .replace(/<p>\s*<\/p>/g, '')
    // Text left open at the end of a container is closed before the container is.
    .replace(/<p>([^<]+)<\/(div|address|form)>/g, '<p>$1</p></$2>')
    .replace(WRAPPED_BLOCK, '$1')
    .replace(/<p>(<li.+?)<\/p>/g, '$1')
    .replace(/<p><blockquote([^>]*)>/gi, '<blockquote$1><p>')
    .replace(/<\/blockquote><\/p>/g, '</p></blockquote>')
    .replace(P_BEFORE_BLOCK, '$1')
    .replace(P_AFTER_BLOCK, '$1')
    .replace(/(?<!<br \/>)[ \t]*\n/g, '<br />\n')
    .replace(BR_AFTER_BLOCK, '$1')
    .replace(BR_BEFORE_BLOCK, '$1')
    .replace(/\n<\/p>$/, '</p>');

  return s.replace(/<pre data-autop="(\d+)"><\/pre>/g, (_m, i: string) => preBlocks[Number(i)]!);
}
