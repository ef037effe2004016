import sanitizeHtml from 'sanitize-html';

/** An `<img>` of an article body, as the alt-text check sees it. */
export interface BodyImage {
  src: string;
  /** The `alt` attribute; null when absent. */
  alt: string | null;
  /** From `data-media-id`, when the editor inserted the image from the library. */
  mediaId: number | null;
}

/**
 * Lists the `<img>` elements of `html` in document order. sanitize-html's parser (htmlparser2)
 * reads the markup as a browser would; nothing is rewritten, only observed.
 */
export function bodyImages(html: string): BodyImage[] {
  const images: BodyImage[] = [];
  sanitizeHtml(html, {
    allowedTags: [],
    allowedAttributes: {},
    onOpenTag(name, attribs) {
      if (name.toLowerCase() !== 'img') return;
      const id = attribs['data-media-id'];
      images.push({
        src: attribs.src ?? '',
        alt: attribs.alt ?? null,
        mediaId: id && /^[1-9][0-9]{0,14}$/.test(id) ? Number(id) : null,
      });
    },
  });
  return images;
}

/** The path below the media directory of a `/media/…` URL (absolute or not); null otherwise. */
export function mediaPathOf(src: string): string | null {
  let pathname: string;
  try {
    pathname = new URL(src, 'http://local.invalid').pathname;
  } catch {
    return null;
  }
  if (!pathname.startsWith('/media/')) return null;
  try {
    return decodeURIComponent(pathname.slice('/media/'.length));
  } catch {
    return null;
  }
}
