import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { h } from 'preact';
import { sendPage } from '../http/render.js';
import { sameOrigin } from '../http/same-origin.js';
import type { SiteService } from '../site/site-service.js';
import { type AccountService, MIN_PASSWORD_LENGTH } from './account-service.js';
import { LogMailer, type Mailer } from './mailer.js';
import { can } from './roles.js';
import { SESSION_COOKIE, staffArea } from './staff-guard.js';
import {
  ChoosePasswordPage,
  DashboardPage,
  LoginPage,
  ResetRequestPage,
} from './views/account-pages.js';

export interface AccountRoutesOptions {
  site: SiteService;
  accounts: AccountService;
  siteUrl: string;
  secure: boolean;
  /** Sends reset links; default: the log (no mail transport). */
  mailer?: Mailer;
  /** How many comments wait for moderation, for the dashboard. */
  pendingComments?: () => Promise<number>;
}

const LoginBody = Type.Object({
  email: Type.String({ maxLength: 254 }),
  password: Type.String({ maxLength: 1000 }),
  next: Type.Optional(Type.String({ maxLength: 2000 })),
});
const EmailBody = Type.Object({ email: Type.String({ maxLength: 254 }) });
const PasswordBody = Type.Object({ password: Type.String({ maxLength: 1000 }) });
const TokenParams = Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{20,100}$' }) });

/** Only a path inside the newsroom: never an open redirect to another site. */
function safeNext(next: string | undefined): string {
  return next && /^\/admin\/[^/\\]?/.test(next) && !next.startsWith('//') ? next : '/admin/';
}

/** Log in and out, password reset and invitation links, and the newsroom's first page. */
export async function accountRoutes(app: FastifyInstance, opts: AccountRoutesOptions) {
  const { accounts, site: siteService } = opts;
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: opts.secure,
  };

  // Login, reset and invitation forms have no session yet: same-origin is their CSRF defence.
  await app.register(async (open) => {
    await open.register(sameOrigin, { allowedOrigins: [opts.siteUrl] });

    open.get<{ Querystring: { next?: string } }>('/admin/login/', async (request, reply) => {
      const { site } = await siteService.context();
      const next = typeof request.query.next === 'string' ? request.query.next : undefined;
      return sendPage(reply, h(LoginPage, { site, next: safeNext(next) }));
    });

    open.post<{ Body: Static<typeof LoginBody> }>(
      '/admin/login/',
      { schema: { body: LoginBody } },
      async (request, reply) => {
        const { email, password } = request.body;
        const result = await accounts.login(email, password, request.ip);
        const { site } = await siteService.context();
        if (!result.ok) {
          if (result.reason === 'throttled')
            reply.header('retry-after', String(result.retryAfterSeconds));
          const error =
            result.reason === 'throttled'
              ? `Too many attempts. Try again in ${Math.ceil(result.retryAfterSeconds / 60)} minutes.`
              : 'That email and password do not match an account.';
          return sendPage(
            reply,
            h(LoginPage, { site, email, error, next: safeNext(request.body.next) }),
            result.reason === 'throttled' ? 429 : 401,
          );
        }
        reply.setCookie(SESSION_COOKIE, result.token, cookieOptions);
        return reply.redirect(safeNext(request.body.next), 303);
      },
    );

    open.get('/admin/reset-password/', async (_request, reply) => {
      const { site } = await siteService.context();
      return sendPage(reply, h(ResetRequestPage, { site }));
    });

    open.post<{ Body: Static<typeof EmailBody> }>(
      '/admin/reset-password/',
      { schema: { body: EmailBody } },
      async (request, reply) => {
        const reset = await accounts.requestPasswordReset(request.body.email);
        if (reset) {
          const link = `${opts.siteUrl}/admin/reset/${reset.token}/`;
          const mailer = opts.mailer ?? new LogMailer(request.log);
          try {
            await mailer.send({
              to: reset.account.email,
              userId: reset.account.id,
              link,
              subject: 'password reset link',
              text: `Choose a new password here (the link works once, for one hour):\n\n${link}\n`,
            });
          } catch (error) {
            // The page must not differ when mail fails (no enumeration): log and carry on.
            request.log.error({ err: error, userId: reset.account.id }, 'reset mail failed');
          }
        }
        const { site } = await siteService.context();
        // The same page whether or not the account exists: no user enumeration.
        return sendPage(
          reply,
          h(ResetRequestPage, { site, sent: true, email: request.body.email }),
        );
      },
    );

    for (const purpose of ['password_reset', 'invitation'] as const) {
      const path = purpose === 'invitation' ? '/admin/invite/:token/' : '/admin/reset/:token/';
      const heading =
        purpose === 'invitation' ? 'Welcome: choose your password' : 'Choose a new password';
      open.get<{ Params: Static<typeof TokenParams> }>(
        path,
        { schema: { params: TokenParams } },
        async (request, reply) => {
          const { site } = await siteService.context();
          return sendPage(reply, h(ChoosePasswordPage, { site, action: request.url, heading }));
        },
      );
      open.post<{ Params: Static<typeof TokenParams>; Body: Static<typeof PasswordBody> }>(
        path,
        { schema: { params: TokenParams, body: PasswordBody } },
        async (request, reply) => {
          const { site } = await siteService.context();
          if (request.body.password.length < MIN_PASSWORD_LENGTH) {
            const error = `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`;
            return sendPage(
              reply,
              h(ChoosePasswordPage, { site, action: request.url, heading, error }),
              400,
            );
          }
          const ok = await accounts.redeemToken(
            request.params.token,
            purpose,
            request.body.password,
          );
          if (!ok) {
            const error = 'This link has expired or was already used. Ask for a new one.';
            return sendPage(
              reply,
              h(ChoosePasswordPage, { site, action: request.url, heading, error }),
              410,
            );
          }
          return sendPage(
            reply,
            h(LoginPage, { site, notice: 'Your password is saved. Log in with it now.' }),
          );
        },
      );
    }
  });

  await app.register(async (staff) => {
    staffArea(staff, { accounts, siteUrl: opts.siteUrl });

    staff.get('/admin/', async (request, reply) => {
      const session = request.staffSession!;
      const { site } = await siteService.context();
      const pendingComments =
        opts.pendingComments && can(session.account.role, 'moderate_comments')
          ? await opts.pendingComments()
          : undefined;
      return sendPage(
        reply,
        h(DashboardPage, {
          site,
          account: session.account,
          csrfToken: session.csrfToken,
          ...(pendingComments !== undefined ? { pendingComments } : {}),
        }),
      );
    });

    const endSession = (reply: FastifyReply) =>
      reply.clearCookie(SESSION_COOKIE, cookieOptions).redirect('/admin/login/', 303);

    staff.post('/admin/logout/', async (request, reply) => {
      await accounts.logout(request.staffSession!);
      return endSession(reply);
    });

    staff.post('/admin/logout-everywhere/', async (request, reply) => {
      await accounts.logoutEverywhere(request.staffSession!.account.id);
      return endSession(reply);
    });
  });
}
