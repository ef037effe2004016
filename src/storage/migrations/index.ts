import type { Kysely, Migration } from 'kysely';
import type { StorageDialect } from '../dialect/storage-dialect.js';
import * as initial from './001-initial.js';
import * as comments from './002-comments.js';
import * as search from './003-search.js';
import * as wordpress from './004-wordpress.js';
import * as accounts from './005-accounts.js';
import * as newsroom from './006-newsroom.js';
import * as media from './007-media.js';
import * as indexes from './009-indexes.js';
import * as formerSlugs from './010-former-slugs.js';
import * as listingOrder from './011-listing-order.js';
import * as searchVisibility from './012-search-visibility.js';
import * as searchDocuments from './013-search-documents.js';
import * as listingLastmod from './014-listing-lastmod.js';
import * as linkListings from './015-link-listings.js';

type DialectMigration = {
  up(db: Kysely<unknown>, dialect: StorageDialect): Promise<void>;
};

/** Migrations in order. Names MUST never change once released: they are recorded in the database. */
const migrations: Record<string, DialectMigration> = {
  '001-initial': initial,
  '002-comments': comments,
  '003-search': search,
  '004-wordpress': wordpress,
  '005-accounts': accounts,
  '006-newsroom': newsroom,
  '007-media': media,
  '009-indexes': indexes,
  '010-former-slugs': formerSlugs,
  '011-listing-order': listingOrder,
  '012-search-visibility': searchVisibility,
  '013-search-documents': searchDocuments,
  '014-listing-lastmod': listingLastmod,
  '015-link-listings': linkListings,
};

/** Binds every migration to the dialect so that schema differences stay in `dialect/`. */
export function migrationsFor(dialect: StorageDialect): Record<string, Migration> {
  return Object.fromEntries(
    Object.entries(migrations).map(([name, m]) => [name, { up: (db) => m.up(db, dialect) }]),
  );
}
