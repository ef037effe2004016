import type { Kysely } from 'kysely';
import type { TokenPurpose } from '../../accounts/account.js';
import type { AccountRepository, SessionRow } from '../../accounts/account-repository.js';
import type { Database } from '../schema.js';

export class KyselyAccountRepository implements AccountRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private users() {
    return this.db
      .selectFrom('users')
      .select(['id', 'slug', 'name', 'email', 'role', 'password_hash as passwordHash']);
  }

  async listAccounts() {
    const rows = await this.db
      .selectFrom('users')
      .leftJoin('sessions', 'sessions.user_id', 'users.id')
      .select((eb) => [
        'users.id',
        'users.slug',
        'users.name',
        'users.email',
        'users.role',
        'users.password_hash',
        'users.created_at',
        eb.fn.count<number>('sessions.token_hash').as('sessions'),
      ])
      .groupBy([
        'users.id',
        'users.slug',
        'users.name',
        'users.email',
        'users.role',
        'users.password_hash',
        'users.created_at',
      ])
      .orderBy('users.name')
      .orderBy('users.id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      name: r.name,
      email: r.email,
      role: r.role,
      hasPassword: r.password_hash !== null,
      sessions: Number(r.sessions),
      createdAt: r.created_at,
    }));
  }

  findProfile(userId: number) {
    return this.db
      .selectFrom('users')
      .select(['name', 'bio'])
      .where('id', '=', userId)
      .executeTakeFirst();
  }

  async updateProfile(userId: number, profile: { name: string; bio: string }) {
    await this.db
      .updateTable('users')
      .set({ name: profile.name, bio: profile.bio })
      .where('id', '=', userId)
      .execute();
  }

  findByEmail(email: string) {
    return this.users().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
  }

  findById(id: number) {
    return this.users().where('id', '=', id).executeTakeFirst();
  }

  async setPassword(userId: number, passwordHash: string) {
    await this.db
      .updateTable('users')
      .set({ password_hash: passwordHash })
      .where('id', '=', userId)
      .execute();
  }

  async setRole(userId: number, role: string) {
    await this.db.updateTable('users').set({ role }).where('id', '=', userId).execute();
  }

  async insertSession(s: SessionRow) {
    await this.db
      .insertInto('sessions')
      .values({
        token_hash: s.tokenHash,
        user_id: s.userId,
        csrf_token: s.csrfToken,
        created_at: s.createdAt,
        last_seen_at: s.lastSeenAt,
      })
      .execute();
  }

  findSession(tokenHash: string) {
    return this.db
      .selectFrom('sessions')
      .select([
        'token_hash as tokenHash',
        'user_id as userId',
        'csrf_token as csrfToken',
        'created_at as createdAt',
        'last_seen_at as lastSeenAt',
      ])
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
  }

  async touchSession(tokenHash: string, lastSeenAt: string) {
    await this.db
      .updateTable('sessions')
      .set({ last_seen_at: lastSeenAt })
      .where('token_hash', '=', tokenHash)
      .execute();
  }

  async deleteSession(tokenHash: string) {
    await this.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  async deleteSessionsOf(userId: number) {
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }

  async deleteExpiredSessions(createdBefore: string, idleBefore: string) {
    await this.db
      .deleteFrom('sessions')
      .where((eb) =>
        eb.or([eb('created_at', '<', createdBefore), eb('last_seen_at', '<', idleBefore)]),
      )
      .execute();
  }

  async insertToken(t: {
    tokenHash: string;
    userId: number;
    purpose: TokenPurpose;
    expiresAt: string;
  }) {
    await this.db
      .insertInto('account_tokens')
      .values({
        token_hash: t.tokenHash,
        user_id: t.userId,
        purpose: t.purpose,
        expires_at: t.expiresAt,
        used_at: null,
      })
      .execute();
  }

  async consumeToken(tokenHash: string, purpose: TokenPurpose, now: string) {
    // One UPDATE both checks and spends the token, so two concurrent uses cannot both succeed.
    const row = await this.db
      .updateTable('account_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', tokenHash)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('user_id')
      .executeTakeFirst();
    return row?.user_id;
  }
}
