import type { FastifyInstance } from 'fastify';
import type { AccountService } from '../accounts/account-service.js';
import type { Mailer } from '../accounts/mailer.js';
import type { Capability, Role } from '../accounts/roles.js';
import { requireCapability, staffArea } from '../accounts/staff-guard.js';
import type { CommentService } from '../comments/comment-service.js';
import { type Asset, bundleScript } from '../http/assets.js';
import type { SettingsService } from '../settings/settings-service.js';
import type { SiteService } from '../site/site-service.js';
import type { TaxonomyService } from '../taxonomy/taxonomy-service.js';
import { moderationScreen } from './moderation-screen.js';
import { settingsScreen } from './settings-screen.js';
import { taxonomyScreens } from './taxonomy-screens.js';
import { userScreens } from './user-screens.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The capability a newsroom route needs; checked on the server before the handler runs. */
    capability?: Capability;
  }
}

export interface NewsroomAdminOptions {
  site: SiteService;
  accounts: AccountService;
  comments: CommentService;
  settings: SettingsService;
  taxonomy: TaxonomyService;
  mailer: Mailer;
  siteUrl: string;
  createPerson(person: { name: string; email: string; role: Role }): Promise<number>;
}

/** The moderation queue's enhancement (keyboard shortcuts, in-place actions), bundled at start. */
export function loadAdminScript(): Promise<Asset> {
  return bundleScript('src/newsroom-admin/client/moderation-client.ts', 'moderation');
}

/**
 * The newsroom's moderation, settings, taxonomy and users screens. One staff area (session,
 * same-origin and CSRF on every change); each route names its capability in `config.capability`
 * and one hook refuses (403) a role without it.
 */
export async function newsroomAdminRoutes(app: FastifyInstance, opts: NewsroomAdminOptions) {
  const script = await loadAdminScript();
  app.get(script.url, { config: { cacheProfile: 'immutable' } }, async (_request, reply) =>
    reply.type(script.type).send(script.body),
  );

  await app.register(async (staff) => {
    staffArea(staff, { accounts: opts.accounts, siteUrl: opts.siteUrl });
    staff.addHook('preHandler', async (request) => {
      const capability = request.routeOptions.config.capability;
      if (capability) requireCapability(request, capability);
    });
    await staff.register(moderationScreen, {
      site: opts.site,
      comments: opts.comments,
      script: script.url,
    });
    await staff.register(settingsScreen, { site: opts.site, settings: opts.settings });
    await staff.register(taxonomyScreens, { site: opts.site, taxonomy: opts.taxonomy });
    await staff.register(userScreens, {
      site: opts.site,
      accounts: opts.accounts,
      mailer: opts.mailer,
      siteUrl: opts.siteUrl,
      createPerson: opts.createPerson,
    });
  });
}
