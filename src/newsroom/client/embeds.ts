/**
 * The embed allowlist. An embed is stored as a plain link inside a `<figure>`: nothing is fetched
 * from the provider until a reader follows it (privacy by default; the link is the fallback and
 * the whole placeholder).
 */
export interface EmbedInfo {
  provider: 'YouTube' | 'X' | 'Instagram';
  url: string;
}

const ID = /^[A-Za-z0-9_-]{5,64}$/;

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
    return id && ID.test(id)
      ? { provider: 'YouTube', url: `https://www.youtube.com/watch?v=${id}` }
      : null;
  }
  if (host === 'youtu.be') {
    const id = parts[0];
    return id && ID.test(id)
      ? { provider: 'YouTube', url: `https://www.youtube.com/watch?v=${id}` }
      : null;
  }
  if (host === 'x.com' || host === 'twitter.com') {
    const [user, status, id] = parts;
    return user && status === 'status' && id && /^\d{1,25}$/.test(id) && /^\w{1,15}$/.test(user)
      ? { provider: 'X', url: `https://x.com/${user}/status/${id}` }
      : null;
  }
  if (host === 'instagram.com') {
    const [kind, id] = parts;
    return (kind === 'p' || kind === 'reel') && id && ID.test(id)
      ? { provider: 'Instagram', url: `https://www.instagram.com/${kind}/${id}/` }
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
