import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Every keyed hash and signature the comments capability makes, from the one server secret. Each
 * use has its own derived key, so a value made for one purpose (an avatar) is useless for another
 * (a ban or a cookie), and none is a plain hash anyone could recompute from an email address.
 */
export class CommentKeys {
  private readonly keys = new Map<string, Buffer>();

  constructor(private readonly secret: string) {}

  private key(purpose: string): Buffer {
    let key = this.keys.get(purpose);
    if (!key) {
      key = createHmac('sha256', this.secret).update(`newsdesk-comments:${purpose}`).digest();
      this.keys.set(purpose, key);
    }
    return key;
  }

  private mac(purpose: string, value: string): string {
    return createHmac('sha256', this.key(purpose)).update(value).digest('base64url');
  }

  /** Seeds the identicon: stable per email, reveals nothing about it. */
  avatarKey(email: string): string {
    return this.mac('avatar', normaliseEmail(email)).slice(0, 22);
  }

  /** Identifies an email in bans without storing it there. */
  emailHash(email: string): string {
    return this.mac('email', normaliseEmail(email));
  }

  /** Identifies an IP for rate limits and bans; the IP itself is never stored. */
  ipHash(ip: string): string {
    return this.mac('ip', ip.trim().toLowerCase());
  }

  /** Same author, same article, same words: a duplicate. */
  contentHash(email: string, articleId: number, normalisedText: string): string {
    return this.mac('content', `${normaliseEmail(email)}\n${articleId}\n${normalisedText}`);
  }

  /** `payload.signature`; the payload is readable, only its integrity is protected. */
  sign(purpose: string, payload: string): string {
    return `${payload}.${this.mac(`sign:${purpose}`, payload)}`;
  }

  /** The payload of a value made by `sign` with the same purpose, or undefined when forged. */
  verify(purpose: string, signed: string): string | undefined {
    const dot = signed.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const payload = signed.slice(0, dot);
    const given = Buffer.from(signed.slice(dot + 1));
    const expected = Buffer.from(this.mac(`sign:${purpose}`, payload));
    return given.length === expected.length && timingSafeEqual(given, expected)
      ? payload
      : undefined;
  }
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
