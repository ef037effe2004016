/**
 * The embed allowlist, shared by the editor, the sanitizer and the reader page. An embed is
 * stored as `<figure data-embed="youtube"><a href="…">…</a></figure>`: a plain link, so nothing is
 * fetched from the provider until a reader asks for it (the link without JavaScript, a
 * "Load …" button with it: `src/articles/client/embeds-client.ts`).
 */
export type EmbedKind = 'youtube' | 'x' | 'instagram';

export const EMBED_KINDS: readonly EmbedKind[] = ['youtube', 'x', 'instagram'];

export interface EmbedInfo {
  kind: EmbedKind;
  provider: 'YouTube' | 'X' | 'Instagram';
  /** The canonical address of the post or video: the stored link. */
  url: string;
  /** Where the player is loaded from, only after a click (hosts allowed by the CSP's frame-src). */
  frameSrc: string;
}

/** The hosts `frameSrc` may point to: the CSP's `frame-src` allowlist. */
export const EMBED_FRAME_ORIGINS = [
  'https://www.youtube-nocookie.com',
  'https://platform.twitter.com',
  'https://www.instagram.com',
];

const ID = /^[A-Za-z0-9_-]{5,64}$/;

const youtube = (id: string): EmbedInfo => ({
  kind: 'youtube',
  provider: 'YouTube',
  url: `https://www.youtube.com/watch?v=${id}`,
  frameSrc: `https://www.youtube-nocookie.com/embed/${id}`,
});

/** The allowlisted embed an address points to, or null. */
export function embedInfo(raw: string): EmbedInfo | null {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  const host = u.hostname.replace(/^(www\.|m\.|mobile\.)/, '');
  const parts = u.pathname.split('/').filter(Boolean);
  if (host === 'youtube.com') {
    const id =
      parts[0] === 'watch' ? u.searchParams.get('v') : parts[0] === 'shorts' ? parts[1] : null;
    return id && ID.test(id) ? youtube(id) : null;
  }
  if (host === 'youtu.be') {
    const id = parts[0];
    return id && ID.test(id) ? youtube(id) : null;
  }
  if (host === 'x.com' || host === 'twitter.com') {
    const [user, status, id] = parts;
    return user && status === 'status' && id && /^\d{1,25}$/.test(id) && /^\w{1,15}$/.test(user)
      ? {
          kind: 'x',
          provider: 'X',
          url: `https://x.com/${user}/status/${id}`,
          frameSrc: `https://platform.twitter.com/embed/Tweet.html?id=${id}`,
        }
      : null;
  }
  if (host === 'instagram.com') {
    const [kind, id] = parts;
    return (kind === 'p' || kind === 'reel') && id && ID.test(id)
      ? {
          kind: 'instagram',
          provider: 'Instagram',
          url: `https://www.instagram.com/${kind}/${id}/`,
          frameSrc: `https://www.instagram.com/p/${id}/embed`,
        }
      : null;
  }
  return null;
}

export const embedLabel = (info: EmbedInfo) =>
  info.provider === 'YouTube'
    ? 'Watch the video on YouTube'
    : info.provider === 'X'
      ? 'Read the post on X'
      : 'See the post on Instagram';

/** The reader's button: says what loads and which company it connects to. */
export const embedLoadLabel = (info: EmbedInfo) =>
  info.provider === 'YouTube'
    ? 'Load YouTube video (connects to youtube.com)'
    : info.provider === 'X'
      ? 'Load X post (connects to twitter.com)'
      : 'Load Instagram post (connects to instagram.com)';
