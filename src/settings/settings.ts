/**
 * Site settings stored in the database, each with a default that is right for a new newsroom.
 * Capabilities add their own keys here (one place lists every setting and its default).
 */
export const settingDefaults = {
  /** The site's name in pages and feeds; empty = `SITE_NAME` from the environment. */
  siteName: '',
  /** One line about the site (home page description, feeds); empty = "<name>: news, analysis and comment." */
  siteDescription: '',
  /** Stories per archive page. */
  postsPerPage: 10,
  /** Site-wide switch for reader comments (articles can also be closed one by one). */
  commentsOpen: true,
  /** Deepest reply level; a reply to a comment at this level joins it as a sibling (WordPress: 5). */
  commentMaxDepth: 5,
  /** Reply levels shown inline; deeper replies sit behind "continue this thread". */
  commentVisibleDepth: 4,
  /** Top-level comments per page (each with its replies) so long discussions stay light. */
  commentsPerPage: 50,
  /** `oldest` or `newest` first: oldest reads as a conversation. */
  commentOrder: 'oldest' as 'oldest' | 'newest',
  /** Close an article's comments this many days after publication; 0 = never. */
  commentCloseAfterDays: 0,
  /** Hold a comment when its email has no approved comment yet (WordPress's default). */
  commentHoldFirstComment: true,
  /** Hold a comment with more links than this (Akismet-era WordPress default: 2). */
  commentMaxLinks: 2,
  /** Words or phrases that send a comment to moderation (whole words, accent/case-folded). */
  commentHeldWords: [] as string[],
  /** Words or phrases that mark a comment as spam outright (whole words, accent/case-folded). */
  commentBlockedWords: [] as string[],
  /** Longest comment in characters. */
  commentMaxLength: 5000,
  /** A form submitted sooner than this after the page was rendered is a bot (signed token). */
  commentMinSecondsToSubmit: 3,
  /** Posts per IP per minute before 429 (a person rarely posts twice a minute). */
  commentRateLimitPerIpPerMinute: 5,
  /** Posts per email address per hour before 429. */
  commentRateLimitPerEmailPerHour: 20,
  /** Days spam and trash are kept before `purgeExpired` deletes them. */
  commentRetentionDays: 30,
  /** Feeds carry each story's full text; false sends the excerpt only (WordPress: full text). */
  feedFullContent: true,
  /** Items per feed (WordPress: 10; news readers polling every few minutes want a little more). */
  feedItems: 20,
  /** Keep a staging site out of search engines: robots.txt disallows all, pages say noindex. */
  discourageSearchEngines: false,
};

export type Settings = typeof settingDefaults;
export type SettingKey = keyof Settings;
