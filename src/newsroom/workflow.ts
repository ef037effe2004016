import { can } from '../accounts/roles.js';
import type { ArticleStatus } from '../storage/schema.js';
import type { Action, Actor, NewsroomArticle } from './newsroom.js';

/** Statuses each action may start from; anything else is a 409. */
export const transitionsFrom: Record<Action, readonly ArticleStatus[]> = {
  submit: ['draft', 'unpublished'],
  publish: ['draft', 'pending', 'scheduled', 'unpublished'],
  schedule: ['draft', 'pending', 'scheduled', 'unpublished'],
  unschedule: ['scheduled'],
  unpublish: ['published'],
  trash: ['draft', 'pending', 'scheduled', 'published', 'unpublished'],
  restore: ['trash'],
};

type Subject = Pick<NewsroomArticle, 'status' | 'authors' | 'createdBy' | 'publishedAt'>;

/** The actor is one of the bylines or created the article. */
export function isOwn(actor: Actor, article: Subject): boolean {
  return article.createdBy === actor.id || article.authors.some((a) => a.id === actor.id);
}

const live = (status: ArticleStatus) => status === 'scheduled' || status === 'published';

export function canView(actor: Actor, article: Subject): boolean {
  return isOwn(actor, article) || can(actor.role, 'edit_others');
}

/** A contributor edits own work until it is scheduled or live; editing live work needs the publish right. */
export function canEdit(actor: Actor, article: Subject): boolean {
  if (isOwn(actor, article)) {
    if (
      can(actor.role, 'edit_others') &&
      (!live(article.status) || can(actor.role, 'publish_others'))
    )
      return true;
    return live(article.status) ? can(actor.role, 'publish_own') : can(actor.role, 'edit_own');
  }
  return (
    can(actor.role, 'edit_others') && (!live(article.status) || can(actor.role, 'publish_others'))
  );
}

export function canPublish(actor: Actor, article: Subject): boolean {
  return isOwn(actor, article)
    ? can(actor.role, 'publish_own') || can(actor.role, 'publish_others')
    : can(actor.role, 'publish_others');
}

export function canSubmit(actor: Actor, article: Subject): boolean {
  return isOwn(actor, article)
    ? can(actor.role, 'submit_for_review')
    : can(actor.role, 'edit_others');
}

/** Work that never went public is the writer's to bin; anything readers saw needs the publish right. */
export function canTrash(actor: Actor, article: Subject): boolean {
  const wasPublic =
    article.publishedAt !== null && article.status !== 'draft' && article.status !== 'pending';
  return wasPublic || live(article.status) ? canPublish(actor, article) : canEdit(actor, article);
}

export function canCorrect(actor: Actor): boolean {
  return can(actor.role, 'edit_others');
}

/** Whether `actor` may perform `action` on `article` (the status check is separate). */
export function mayPerform(actor: Actor, action: Action, article: Subject): boolean {
  switch (action) {
    case 'submit':
      return canSubmit(actor, article);
    case 'publish':
    case 'schedule':
    case 'unschedule':
    case 'unpublish':
      return canPublish(actor, article);
    case 'trash':
    case 'restore':
      return canTrash(actor, article);
  }
}
