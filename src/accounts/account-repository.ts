import type { TokenPurpose } from './account.js';

export interface AccountRow {
  id: number;
  slug: string;
  name: string;
  email: string;
  role: string;
  passwordHash: string | null;
}

export interface SessionRow {
  tokenHash: string;
  userId: number;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
}

/** A person as the users screen lists them. */
export interface AccountListing {
  id: number;
  slug: string;
  name: string;
  email: string;
  role: string;
  hasPassword: boolean;
  /** Live sessions (signed-in browsers). */
  sessions: number;
  createdAt: string;
}

/** Storage for accounts, sessions and one-time tokens (invitations, password resets). */
export interface AccountRepository {
  /** Everyone with a users row (staff and byline-only people), by name. */
  listAccounts(): Promise<AccountListing[]>;
  findProfile(userId: number): Promise<{ name: string; bio: string } | undefined>;
  updateProfile(userId: number, profile: { name: string; bio: string }): Promise<void>;
  findByEmail(email: string): Promise<AccountRow | undefined>;
  findById(id: number): Promise<AccountRow | undefined>;
  setPassword(userId: number, passwordHash: string): Promise<void>;
  setRole(userId: number, role: string): Promise<void>;
  insertSession(session: SessionRow): Promise<void>;
  findSession(tokenHash: string): Promise<SessionRow | undefined>;
  touchSession(tokenHash: string, lastSeenAt: string): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteSessionsOf(userId: number): Promise<void>;
  /** Removes sessions created before `createdBefore` or idle since before `idleBefore`. */
  deleteExpiredSessions(createdBefore: string, idleBefore: string): Promise<void>;
  insertToken(t: {
    tokenHash: string;
    userId: number;
    purpose: TokenPurpose;
    expiresAt: string;
  }): Promise<void>;
  /** Marks a valid token used and returns its user, atomically; undefined when unknown, used or expired. */
  consumeToken(tokenHash: string, purpose: TokenPurpose, now: string): Promise<number | undefined>;
}
