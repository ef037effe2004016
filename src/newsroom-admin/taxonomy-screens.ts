import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { AppError } from '../http/app-error.js';
import { sendPage } from '../http/render.js';
import type { SiteService } from '../site/site-service.js';
import type { TaxonomyService } from '../taxonomy/taxonomy-service.js';
import {
  CategoriesPage,
  CategoryEditPage,
  type CategoryFormValues,
  TagEditPage,
  TagsPage,
} from './views/taxonomy-pages.js';

export interface TaxonomyScreensOptions {
  site: SiteService;
  taxonomy: TaxonomyService;
}

const Id = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,14}$' }) });
const Done = Type.Object(
  { done: Type.Optional(Type.String({ maxLength: 40 })) },
  { additionalProperties: false },
);
const FormBody = Type.Record(Type.String(), Type.String({ maxLength: 5000 }));
type FormBody = Static<typeof FormBody>;

const DONE: Record<string, string> = {
  created: 'Added.',
  saved: 'Saved.',
  deleted: 'Deleted.',
};

function fieldErrorsOf(error: unknown): Record<string, string> | undefined {
  if (error instanceof AppError && error.code === 'VALIDATION_FAILED') {
    return (error.details?.fieldErrors as Record<string, string> | undefined) ?? {};
  }
  return undefined;
}

function optionalId(raw: string | undefined): number | null | 'invalid' {
  if (!raw) return null;
  return /^[1-9][0-9]{0,14}$/.test(raw) ? Number(raw) : 'invalid';
}

/** Categories and tags at `/admin/categories/` and `/admin/tags/` (capability `manage_taxonomy`). */
export async function taxonomyScreens(app: FastifyInstance, opts: TaxonomyScreensOptions) {
  const { taxonomy, site: siteService } = opts;
  const config = { capability: 'manage_taxonomy' as const, cacheProfile: 'private' as const };
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

  const categoryValues = (body: FormBody): CategoryFormValues => ({
    name: body.name ?? '',
    slug: body.slug ?? '',
    description: body.description ?? '',
    parentId: body.parentId ?? '',
  });

  app.get<{ Querystring: Static<typeof Done> }>(
    '/admin/categories/',
    { config, schema: { querystring: Done } },
    async (request, reply) =>
      sendPage(
        reply,
        h(CategoriesPage, {
          ...(await common(request, request.query.done)),
          tree: await taxonomy.categoryTree(),
        }),
      ),
  );

  app.post<{ Body: FormBody }>(
    '/admin/categories/',
    { config, schema: { body: FormBody } },
    async (request, reply) => {
      const values = categoryValues(request.body);
      const tree = await taxonomy.categoryTree();
      const parentId = optionalId(values.parentId);
      const errors: Record<string, string> = {};
      if (!values.name.trim()) errors.name = 'A category needs a name.';
      else if (values.name.length > 100) errors.name = 'At most 100 characters.';
      if (parentId === 'invalid' || (parentId !== null && !tree.byId.has(parentId)))
        errors.parentId = 'That parent category does not exist.';
      if (values.slug.trim() && tree.bySlug.has(values.slug.trim()))
        errors.slug = `“${values.slug.trim()}” is already used by another category.`;
      if (Object.keys(errors).length) {
        return sendPage(
          reply,
          h(CategoriesPage, { ...(await common(request)), tree, values, errors }),
          400,
        );
      }
      await taxonomy.createCategory({
        name: values.name.trim(),
        ...(values.slug.trim() ? { slug: values.slug.trim() } : {}),
        description: values.description.trim(),
        parentId: parentId as number | null,
      });
      return reply.redirect('/admin/categories/?done=created', 303);
    },
  );

  const editPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    overrides: { values?: CategoryFormValues; errors?: Record<string, string>; done?: string },
    status = 200,
  ) => {
    const tree = await taxonomy.categoryTree();
    const category = tree.byId.get(id);
    if (!category) throw new AppError('NOT_FOUND', 'No such category.');
    const values = overrides.values ?? {
      name: category.name,
      slug: category.slug,
      description: category.description,
      parentId: category.parentId === null ? '' : String(category.parentId),
    };
    return sendPage(
      reply,
      h(CategoryEditPage, {
        ...(await common(request, overrides.done)),
        tree,
        category,
        values,
        ...(overrides.errors ? { errors: overrides.errors } : {}),
      }),
      status,
    );
  };

  app.get<{ Params: Static<typeof Id>; Querystring: Static<typeof Done> }>(
    '/admin/categories/:id/',
    { config, schema: { params: Id, querystring: Done } },
    async (request, reply) =>
      editPage(request, reply, Number(request.params.id), {
        ...(request.query.done ? { done: request.query.done } : {}),
      }),
  );

  app.post<{ Params: Static<typeof Id>; Body: FormBody }>(
    '/admin/categories/:id/',
    { config, schema: { params: Id, body: FormBody } },
    async (request, reply) => {
      const id = Number(request.params.id);
      const values = categoryValues(request.body);
      const parentId = optionalId(values.parentId);
      try {
        if (parentId === 'invalid') {
          throw new AppError('VALIDATION_FAILED', 'Bad parent.', {
            fieldErrors: { parentId: 'That parent category does not exist.' },
          });
        }
        await taxonomy.updateCategory(id, {
          name: values.name.slice(0, 100),
          slug: values.slug.slice(0, 120),
          description: values.description.slice(0, 1000),
          parentId,
        });
      } catch (error) {
        const errors = fieldErrorsOf(error);
        if (!errors) throw error;
        return editPage(request, reply, id, { values, errors }, 400);
      }
      return reply.redirect(`/admin/categories/${id}/?done=saved`, 303);
    },
  );

  app.post<{ Params: Static<typeof Id>; Body: FormBody }>(
    '/admin/categories/:id/delete/',
    { config, schema: { params: Id, body: FormBody } },
    async (request, reply) => {
      const into = optionalId(request.body.intoId);
      if (into === 'invalid') throw new AppError('BAD_REQUEST', 'Choose a category.');
      await taxonomy.mergeCategory(Number(request.params.id), into);
      return reply.redirect('/admin/categories/?done=deleted', 303);
    },
  );

  // Tags --------------------------------------------------------------------------------------

  app.get<{ Querystring: Static<typeof Done> }>(
    '/admin/tags/',
    { config, schema: { querystring: Done } },
    async (request, reply) =>
      sendPage(
        reply,
        h(TagsPage, {
          ...(await common(request, request.query.done)),
          tags: await taxonomy.listAllTags(),
        }),
      ),
  );

  app.post<{ Body: FormBody }>(
    '/admin/tags/',
    { config, schema: { body: FormBody } },
    async (request, reply) => {
      const values = { name: request.body.name ?? '', slug: request.body.slug ?? '' };
      const errors: Record<string, string> = {};
      if (!values.name.trim()) errors.name = 'A tag needs a name.';
      else if (values.name.length > 100) errors.name = 'At most 100 characters.';
      if (values.slug.trim() && (await taxonomy.findTag(values.slug.trim())))
        errors.slug = `“${values.slug.trim()}” is already used by another tag.`;
      if (Object.keys(errors).length) {
        return sendPage(
          reply,
          h(TagsPage, {
            ...(await common(request)),
            tags: await taxonomy.listAllTags(),
            values,
            errors,
          }),
          400,
        );
      }
      const id = await taxonomy.ensureTag(values.name.trim());
      if (values.slug.trim()) await taxonomy.updateTag(id, values);
      return reply.redirect('/admin/tags/?done=created', 303);
    },
  );

  const tagEdit = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    overrides: {
      values?: { name: string; slug: string };
      errors?: Record<string, string>;
      done?: string;
    },
    status = 200,
  ) => {
    const tags = await taxonomy.listAllTags();
    const tag = tags.find((t) => t.id === id);
    if (!tag) throw new AppError('NOT_FOUND', 'No such tag.');
    return sendPage(
      reply,
      h(TagEditPage, {
        ...(await common(request, overrides.done)),
        tag,
        tags,
        values: overrides.values ?? { name: tag.name, slug: tag.slug },
        ...(overrides.errors ? { errors: overrides.errors } : {}),
      }),
      status,
    );
  };

  app.get<{ Params: Static<typeof Id>; Querystring: Static<typeof Done> }>(
    '/admin/tags/:id/',
    { config, schema: { params: Id, querystring: Done } },
    async (request, reply) =>
      tagEdit(request, reply, Number(request.params.id), {
        ...(request.query.done ? { done: request.query.done } : {}),
      }),
  );

  app.post<{ Params: Static<typeof Id>; Body: FormBody }>(
    '/admin/tags/:id/',
    { config, schema: { params: Id, body: FormBody } },
    async (request, reply) => {
      const id = Number(request.params.id);
      const values = {
        name: (request.body.name ?? '').slice(0, 100),
        slug: (request.body.slug ?? '').slice(0, 120),
      };
      try {
        await taxonomy.updateTag(id, values);
      } catch (error) {
        const errors = fieldErrorsOf(error);
        if (!errors) throw error;
        return tagEdit(request, reply, id, { values, errors }, 400);
      }
      return reply.redirect(`/admin/tags/${id}/?done=saved`, 303);
    },
  );

  app.post<{ Params: Static<typeof Id>; Body: FormBody }>(
    '/admin/tags/:id/delete/',
    { config, schema: { params: Id, body: FormBody } },
    async (request, reply) => {
      const into = optionalId(request.body.intoId);
      if (into === 'invalid') throw new AppError('BAD_REQUEST', 'Choose a tag.');
      await taxonomy.mergeTag(Number(request.params.id), into);
      return reply.redirect('/admin/tags/?done=deleted', 303);
    },
  );
}
