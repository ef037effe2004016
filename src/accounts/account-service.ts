import { createHash, randomBytes } from 'node:crypto';
import type { CounterStore } from '../stores/counter-store.js';
import type { Account, Session, TokenPurpose } from './account.js';
import type { AccountRepository, AccountRow } from './account-repository.js';
import { dummyHash, hashPassword, verifyPassword } from './password.js';
import { isRole, type Role } from './roles.js';

/** The role stored for a deactivated person: not a role, so it grants nothing and cannot log in. */
export const DEACTIVATED = 'deactivated';

export interface AccountServiceDeps {
  repository: AccountRepository;
  throttle: CounterStore;
  clock: () => Date;
  /** Told (and awaited) after a public profile (name, bio) changed: bylines are on many pages. */
  profileChanged?: () => Promise<void>;
}

/** Session lifetimes: signed out after 12 idle hours, and after 14 days whatever happens. */
export const SESSION_IDLE_MS = 12 * 3_600_000;
export const SESSION_ABSOLUTE_MS = 14 * 24 * 3_600_000;
/** Failed logins allowed per window, per account and per IP address. */
export const LOGIN_LIMIT = { perAccount: 5, perIp: 20, windowMs: 15 * 60_000 };
export const MIN_PASSWORD_LENGTH = 10;

export type LoginResult =
  | { ok: true; token: string; session: Session }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

function toAccount(row: AccountRow): Account | undefined {
  return isRole(row.role)
    ? { id: row.id, slug: row.slug, name: row.name, email: row.email, role: row.role }
    : undefined;
}

/** Logins, sessions, invitations and password resets. Knows nothing of cookies or HTTP. */
export class AccountService {
  constructor(private readonly deps: AccountServiceDeps) {}

  private now() {
    return this.deps.clock();
  }

  /**
   * Checks a password and opens a new session (a fresh token every time, so a token planted before
   * login is useless: no session fixation). The same answer for unknown accounts and wrong
   * passwords, at the same cost.
   */
  async login(email: string, password: string, ip: string): Promise<LoginResult> {
    const accountKey = `login:account:${email.trim().toLowerCase()}`;
    const ipKey = `login:ip:${ip}`;
    const [byAccount, byIp] = await Promise.all([
      this.deps.throttle.peek(accountKey),
      this.deps.throttle.peek(ipKey),
    ]);
    const blocked = [
      byAccount.count >= LOGIN_LIMIT.perAccount ? byAccount.resetAt : 0,
      byIp.count >= LOGIN_LIMIT.perIp ? byIp.resetAt : 0,
    ].filter(Boolean);
    if (blocked.length) {
      const until = Math.max(...blocked);
      return {
        ok: false,
        reason: 'throttled',
        retryAfterSeconds: Math.max(1, Math.ceil((until - this.now().getTime()) / 1000)),
      };
    }
    const row = await this.deps.repository.findByEmail(email);
    const valid = await verifyPassword(password, row?.passwordHash ?? (await dummyHash()));
    const account = row?.passwordHash && valid ? toAccount(row) : undefined;
    if (!account) {
      await Promise.all([
        this.deps.throttle.hit(accountKey, LOGIN_LIMIT.windowMs),
        this.deps.throttle.hit(ipKey, LOGIN_LIMIT.windowMs),
      ]);
      return { ok: false, reason: 'invalid' };
    }
    await this.deps.throttle.reset(accountKey);
    return { ok: true, ...(await this.openSession(account)) };
  }

  private async openSession(account: Account): Promise<{ token: string; session: Session }> {
    const token = newToken();
    const now = this.now().toISOString();
    const csrfToken = newToken();
    await this.deps.repository.insertSession({
      tokenHash: sha256(token),
      userId: account.id,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
    });
    return {
      token,
      session: { id: sha256(token), account, csrfToken, createdAt: now, lastSeenAt: now },
    };
  }

  /** The live session for a cookie token, extending its idle timer; undefined when unknown or expired. */
  async session(token: string | undefined): Promise<Session | undefined> {
    if (!token || token.length > 100) return undefined;
    const tokenHash = sha256(token);
    const row = await this.deps.repository.findSession(tokenHash);
    if (!row) return undefined;
    const now = this.now().getTime();
    if (
      now - Date.parse(row.createdAt) > SESSION_ABSOLUTE_MS ||
      now - Date.parse(row.lastSeenAt) > SESSION_IDLE_MS
    ) {
      await this.deps.repository.deleteSession(tokenHash);
      return undefined;
    }
    const user = await this.deps.repository.findById(row.userId);
    const account = user ? toAccount(user) : undefined;
    if (!account) return undefined;
    // Writing on every request would turn reads into writes; a minute's precision is plenty.
    const lastSeenAt = new Date(now).toISOString();
    if (now - Date.parse(row.lastSeenAt) > 60_000)
      await this.deps.repository.touchSession(tokenHash, lastSeenAt);
    return {
      id: tokenHash,
      account,
      csrfToken: row.csrfToken,
      createdAt: row.createdAt,
      lastSeenAt,
    };
  }

  logout(session: Session): Promise<void> {
    return this.deps.repository.deleteSession(session.id);
  }

  /** Ends every session of the account ("log out everywhere"). */
  logoutEverywhere(userId: number): Promise<void> {
    return this.deps.repository.deleteSessionsOf(userId);
  }

  /** Sets a password directly (CLI for the first administrator). */
  async setPassword(userId: number, password: string): Promise<void> {
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw new RangeError(`A password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
    }
    await this.deps.repository.setPassword(userId, await hashPassword(password));
    await this.deps.repository.deleteSessionsOf(userId);
  }

  // Administration (the users screen) ------------------------------------------------------

  listAccounts() {
    return this.deps.repository.listAccounts();
  }

  async emailInUse(email: string): Promise<boolean> {
    return (await this.deps.repository.findByEmail(email)) !== undefined;
  }

  findAccount(userId: number) {
    return this.deps.repository.findById(userId);
  }

  /**
   * Gives a person a role (also how a deactivated person comes back). Their sessions end, so a
   * demotion takes effect at once rather than at the next login.
   */
  async changeRole(userId: number, role: Role): Promise<void> {
    await this.deps.repository.setRole(userId, role);
    await this.deps.repository.deleteSessionsOf(userId);
  }

  /**
   * Takes away every capability and ends every session. The person stays (bylines, articles) but
   * can no longer log in: `session()` and `login()` refuse a row whose role is not a role.
   */
  async deactivate(userId: number): Promise<void> {
    await this.deps.repository.setRole(userId, DEACTIVATED);
    await this.deps.repository.deleteSessionsOf(userId);
  }

  profile(userId: number) {
    return this.deps.repository.findProfile(userId);
  }

  async updateProfile(userId: number, profile: { name: string; bio: string }): Promise<void> {
    await this.deps.repository.updateProfile(userId, profile);
    await this.deps.profileChanged?.();
  }

  /**
   * Changes one's own password after checking the current one. Every other session of the
   * account ends (someone who knew the old password is logged out); `keepSessionId` stays.
   */
  async changePassword(
    userId: number,
    current: string,
    next: string,
    keepSessionId: string,
  ): Promise<'changed' | 'wrong-password' | 'too-short'> {
    const row = await this.deps.repository.findById(userId);
    if (!row?.passwordHash || !(await verifyPassword(current, row.passwordHash))) {
      return 'wrong-password';
    }
    if (next.length < MIN_PASSWORD_LENGTH) return 'too-short';
    const session = await this.deps.repository.findSession(keepSessionId);
    await this.deps.repository.setPassword(userId, await hashPassword(next));
    await this.deps.repository.deleteSessionsOf(userId);
    if (session) await this.deps.repository.insertSession(session);
    return 'changed';
  }

  /**
   * A one-time link token: invitations last 7 days, password resets 1 hour. Only the hash is stored.
   */
  async issueToken(userId: number, purpose: TokenPurpose): Promise<string> {
    const token = newToken();
    const ttl = purpose === 'invitation' ? 7 * 24 * 3_600_000 : 3_600_000;
    await this.deps.repository.insertToken({
      tokenHash: sha256(token),
      userId,
      purpose,
      expiresAt: new Date(this.now().getTime() + ttl).toISOString(),
    });
    return token;
  }

  /** A reset token for `email`, or undefined for an unknown address (callers answer the same either way). */
  async requestPasswordReset(
    email: string,
  ): Promise<{ token: string; account: Account } | undefined> {
    const row = await this.deps.repository.findByEmail(email);
    const account = row ? toAccount(row) : undefined;
    if (!account) return undefined;
    return { token: await this.issueToken(account.id, 'password_reset'), account };
  }

  /** Spends an invitation or reset token to set a password; false when the link is invalid or used. */
  async redeemToken(token: string, purpose: TokenPurpose, password: string): Promise<boolean> {
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw new RangeError(`A password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
    }
    const userId = await this.deps.repository.consumeToken(
      sha256(token),
      purpose,
      this.now().toISOString(),
    );
    if (userId === undefined) return false;
    await this.deps.repository.setPassword(userId, await hashPassword(password));
    await this.deps.repository.deleteSessionsOf(userId);
    return true;
  }
}
