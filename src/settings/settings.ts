/**
 * Site settings stored in the database, each with a default that is right for a new newsroom.
 * Capabilities add their own keys here (one place lists every setting and its default).
 */
export const settingDefaults = {
  /** Stories per archive page. */
  postsPerPage: 10,
  /** Site-wide switch for reader comments (articles can also be closed one by one). */
  commentsOpen: true,
};

export type Settings = typeof settingDefaults;
export type SettingKey = keyof Settings;
