import type { AccountService } from './account-service.js';
import type { Mailer } from './mailer.js';
import { isRole, type Role } from './roles.js';

export interface InvitationDeps {
  accounts: AccountService;
  /** Creates the person (no password yet); see `TaxonomyService.createAuthor`. */
  createPerson(person: { name: string; email: string; role: Role }): Promise<number>;
  mailer: Mailer;
  siteUrl: string;
  siteName: () => Promise<string>;
}

export type InvitationResult =
  | { ok: true; userId: number; delivered: boolean }
  | { ok: false; errors: Partial<Record<'email' | 'name' | 'role', string>> };

const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;

/**
 * Invites someone to the newsroom: creates them with the role and no password, and sends a
 * one-time link (7 days) to choose one. An address that already has an account is refused; this
 * is an administrator-only screen, so saying so enumerates nothing the caller cannot see.
 */
export async function invitePerson(
  deps: InvitationDeps,
  input: { email: string; name: string; role: string },
): Promise<InvitationResult> {
  const email = input.email.trim().toLowerCase();
  const name = input.name.trim();
  const errors: Partial<Record<'email' | 'name' | 'role', string>> = {};
  if (!EMAIL.test(email) || email.length > 254) errors.email = 'Enter a valid email address.';
  else if (await deps.accounts.emailInUse(email))
    errors.email = 'This address already has an account.';
  if (!name) errors.name = 'Enter a name.';
  else if (name.length > 100) errors.name = 'At most 100 characters.';
  if (!isRole(input.role)) errors.role = 'Choose a role.';
  if (Object.keys(errors).length) return { ok: false, errors };
  const userId = await deps.createPerson({ name, email, role: input.role as Role });
  const token = await deps.accounts.issueToken(userId, 'invitation');
  const link = `${deps.siteUrl}/admin/invite/${token}/`;
  const siteName = await deps.siteName();
  await deps.mailer.send({
    to: email,
    userId,
    link,
    subject: `You are invited to the ${siteName} newsroom`,
    text: `Hello ${name},\n\nYou have been invited to the ${siteName} newsroom as ${input.role}.\nChoose your password here (the link works once, for 7 days):\n\n${link}\n`,
  });
  return { ok: true, userId, delivered: deps.mailer.delivers };
}
