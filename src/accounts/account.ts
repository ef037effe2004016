import type { Role } from './roles.js';

/** A newsroom user as the application sees them after login. */
export interface Account {
  id: number;
  slug: string;
  name: string;
  email: string;
  role: Role;
}

/** A signed-in browser: the opaque token lives only in the cookie; storage keeps its hash. */
export interface Session {
  id: string;
  account: Account;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
}

export type TokenPurpose = 'invitation' | 'password_reset';
