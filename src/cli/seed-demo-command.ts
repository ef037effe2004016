import type { Config } from '../config/config.js';

import type { Storage } from '../storage/database.js';
import { createProgress } from './progress.js';
import { withSitePurges } from './site-purges.js';

/** True when the site has no articles or pages yet. */
export async function isEmpty(storage: Storage): Promise<boolean> {
  const row = await storage.db.selectFrom('articles').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

/** Seeds the demo site into an empty database; refuses to touch one that has content. */
export async function seedDemoCommand(config: Config, storage: Storage): Promise<number> {
  if (!(await isEmpty(storage))) {
    throw new Error(
      'The database already has content; demo content is only added to an empty site.',
    );
  }
  // Loaded here: the demo content and sharp would otherwise sit in every server process.
  const { seedDemo } = await import('../demo/seed-demo.js');
  // A site may already serve this empty database: its cached pages go as the articles arrive.
  return withSitePurges(config, storage, async (services) => {
    const progress = createProgress('Seeding demo content');
    try {
      return await seedDemo(services, config.mediaDir, (done, total) =>
        progress.update(done, total),
      );
    } finally {
      progress.stop();
    }
  });
}
