import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { h } from 'preact';
import type { AccountService } from '../accounts/account-service.js';
import { invitePerson } from '../accounts/invitations.js';
import type { Mailer } from '../accounts/mailer.js';
import { isRole, type Role } from '../accounts/roles.js';
import { AppError } from '../http/app-error.js';
import { sendPage } from '../http/render.js';
import type { SiteService } from '../site/site-service.js';
import { ProfilePage, UsersPage } from './views/user-pages.js';

export interface UserScreensOptions {
  site: SiteService;
  accounts: AccountService;
  mailer: Mailer;
  siteUrl: string;
  createPerson(person: { name: string; email: string; role: Role }): Promise<number>;
}

const Id = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,14}$' }) });
const Done = Type.Object(
  { done: Type.Optional(Type.String({ maxLength: 40 })) },
  { additionalProperties: false },
);
const FormBody = Type.Record(Type.String(), Type.String({ maxLength: 5000 }));
type FormBody = Static<typeof FormBody>;

const DONE: Record<string, string> = {
  invited: 'Invitation sent.',
  'invited-logged': 'Invitation created. No mail server is set up: the link is in the server log.',
  role: 'Role changed; their sessions were ended so it applies at once.',
  deactivated: 'Deactivated: they can no longer log in.',
  revoked: 'Logged out everywhere.',
  profile: 'Profile saved.',
  password: 'Password changed. Your other sessions were ended.',
};

/** Users (capability `manage_users`) and everyone's own profile page. */
export async function userScreens(app: FastifyInstance, opts: UserScreensOptions) {
  const { accounts, site: siteService } = opts;
  const config = { capability: 'manage_users' as const, cacheProfile: 'private' as const };
  const own = { cacheProfile: 'private' as const };
  const common = async (request: FastifyRequest, done?: string) => {
    const session = request.staffSession!;
    const { site } = await siteService.context();
    return {
      site,
      account: session.account,
      csrfToken: session.csrfToken,
      notice: DONE[done ?? ''],
    };
  };
  const target = async (request: FastifyRequest<{ Params: Static<typeof Id> }>) => {
    const user = await accounts.findAccount(Number(request.params.id));
    if (!user) throw new AppError('NOT_FOUND', 'No such person.');
    return user;
  };
  const notSelf = (request: FastifyRequest, id: number, what: string) => {
    // An administrator locking themselves out would leave the site with nobody to fix it.
    if (request.staffSession!.account.id === id) {
      throw new AppError('FORBIDDEN', `You cannot ${what} yourself; ask another administrator.`);
    }
  };

  app.get<{ Querystring: Static<typeof Done> }>(
    '/admin/users/',
    { config, schema: { querystring: Done } },
    async (request, reply) =>
      sendPage(
        reply,
        h(UsersPage, {
          ...(await common(request, request.query.done)),
          users: await accounts.listAccounts(),
        }),
      ),
  );

  app.post<{ Body: FormBody }>(
    '/admin/users/invite/',
    { config, schema: { body: FormBody } },
    async (request, reply) => {
      const input = {
        email: request.body.email ?? '',
        name: request.body.name ?? '',
        role: request.body.role ?? '',
      };
      const result = await invitePerson(
        {
          accounts,
          createPerson: opts.createPerson,
          mailer: opts.mailer,
          siteUrl: opts.siteUrl,
          siteName: async () => (await siteService.context()).site.name,
        },
        input,
      );
      if (!result.ok) {
        return sendPage(
          reply,
          h(UsersPage, {
            ...(await common(request)),
            users: await accounts.listAccounts(),
            invite: input,
            errors: result.errors,
          }),
          400,
        );
      }
      return reply.redirect(
        `/admin/users/?done=${result.delivered ? 'invited' : 'invited-logged'}`,
        303,
      );
    },
  );

  app.post<{ Params: Static<typeof Id>; Body: FormBody }>(
    '/admin/users/:id/role/',
    { config, schema: { params: Id, body: FormBody } },
    async (request, reply) => {
      const user = await target(request);
      notSelf(request, user.id, 'change the role of');
      const role = request.body.role ?? '';
      if (!isRole(role)) throw new AppError('BAD_REQUEST', 'Choose a role.');
      await accounts.changeRole(user.id, role);
      return reply.redirect('/admin/users/?done=role', 303);
    },
  );

  app.post<{ Params: Static<typeof Id> }>(
    '/admin/users/:id/deactivate/',
    { config, schema: { params: Id } },
    async (request, reply) => {
      const user = await target(request);
      notSelf(request, user.id, 'deactivate');
      await accounts.deactivate(user.id);
      return reply.redirect('/admin/users/?done=deactivated', 303);
    },
  );

  app.post<{ Params: Static<typeof Id> }>(
    '/admin/users/:id/sessions/revoke/',
    { config, schema: { params: Id } },
    async (request, reply) => {
      const user = await target(request);
      await accounts.logoutEverywhere(user.id);
      return reply.redirect(
        user.id === request.staffSession!.account.id
          ? '/admin/login/'
          : '/admin/users/?done=revoked',
        303,
      );
    },
  );

  // Your profile: every signed-in person, about themselves only -----------------------------

  const profilePage = async (
    request: FastifyRequest,
    extra: {
      done?: string;
      errors?: Record<string, string>;
      profile?: { name: string; bio: string };
    },
  ) => {
    const session = request.staffSession!;
    const profile = extra.profile ??
      (await accounts.profile(session.account.id)) ?? { name: session.account.name, bio: '' };
    return h(ProfilePage, {
      ...(await common(request, extra.done)),
      profile,
      ...(extra.errors ? { errors: extra.errors } : {}),
    });
  };

  app.get<{ Querystring: Static<typeof Done> }>(
    '/admin/profile/',
    { config: own, schema: { querystring: Done } },
    async (request, reply) =>
      sendPage(
        reply,
        await profilePage(request, request.query.done ? { done: request.query.done } : {}),
      ),
  );

  app.post<{ Body: FormBody }>(
    '/admin/profile/',
    { config: own, schema: { body: FormBody } },
    async (request, reply) => {
      const profile = {
        name: (request.body.name ?? '').trim(),
        bio: (request.body.bio ?? '').trim(),
      };
      const errors: Record<string, string> = {};
      if (!profile.name) errors.name = 'Enter your name.';
      else if (profile.name.length > 100) errors.name = 'At most 100 characters.';
      if (profile.bio.length > 2000) errors.bio = 'At most 2000 characters.';
      if (Object.keys(errors).length) {
        return sendPage(reply, await profilePage(request, { errors, profile }), 400);
      }
      await accounts.updateProfile(request.staffSession!.account.id, profile);
      return reply.redirect('/admin/profile/?done=profile', 303);
    },
  );

  app.post<{ Body: FormBody }>(
    '/admin/profile/password/',
    { config: own, schema: { body: FormBody } },
    async (request, reply) => {
      const session = request.staffSession!;
      const outcome = await accounts.changePassword(
        session.account.id,
        request.body.current ?? '',
        request.body.password ?? '',
        session.id,
      );
      if (outcome !== 'changed') {
        const errors: Record<string, string> =
          outcome === 'wrong-password'
            ? { current: 'That is not your current password.' }
            : { password: 'A password needs at least 10 characters.' };
        return sendPage(reply, await profilePage(request, { errors }), 400);
      }
      return reply.redirect('/admin/profile/?done=password', 303);
    },
  );
}
