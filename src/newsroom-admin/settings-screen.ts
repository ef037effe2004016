import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import { sendPage } from '../http/render.js';
import { formValuesOf, parseSettingsForm } from '../settings/settings-form.js';
import type { SettingsService } from '../settings/settings-service.js';
import type { SiteService } from '../site/site-service.js';
import { SettingsPage } from './views/settings-page.js';

export interface SettingsScreenOptions {
  site: SiteService;
  settings: SettingsService;
}

const FormBody = Type.Record(
  Type.String(),
  Type.Union([
    Type.String({ maxLength: 100_000 }),
    Type.Array(Type.String({ maxLength: 100_000 })),
  ]),
);

/** Site settings at `/admin/settings/` (capability `manage_settings`). */
export async function settingsScreen(app: FastifyInstance, opts: SettingsScreenOptions) {
  const config = { capability: 'manage_settings' as const, cacheProfile: 'private' as const };
  const environment = {
    locale: opts.site.config.siteLocale,
    timezone: opts.site.config.siteTimezone,
  };

  app.get<{ Querystring: { done?: string } }>(
    '/admin/settings/',
    {
      config,
      schema: {
        querystring: Type.Object(
          { done: Type.Optional(Type.Literal('saved')) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const session = request.staffSession!;
      const { site } = await opts.site.context();
      return sendPage(
        reply,
        h(SettingsPage, {
          site,
          account: session.account,
          csrfToken: session.csrfToken,
          values: formValuesOf(await opts.settings.all()),
          notice: request.query.done ? 'Settings saved.' : undefined,
          environment,
        }),
      );
    },
  );

  app.post<{ Body: Record<string, string | string[]> }>(
    '/admin/settings/',
    { config, schema: { body: FormBody } },
    async (request, reply) => {
      const session = request.staffSession!;
      const result = parseSettingsForm(request.body);
      if (!result.ok) {
        const { site } = await opts.site.context();
        return sendPage(
          reply,
          h(SettingsPage, {
            site,
            account: session.account,
            csrfToken: session.csrfToken,
            values: result.typed,
            errors: result.errors,
            environment,
          }),
          400,
        );
      }
      await opts.settings.setMany(result.values);
      return reply.redirect('/admin/settings/?done=saved', 303);
    },
  );
}
