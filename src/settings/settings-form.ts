import { type SettingKey, type Settings, settingDefaults } from './settings.js';

/** How a setting is edited and checked in the newsroom's settings screen. */
export type SettingField =
  | { key: SettingKey; kind: 'int'; label: string; hint?: string; min: number; max: number }
  | { key: SettingKey; kind: 'bool'; label: string; hint?: string }
  | { key: SettingKey; kind: 'text'; label: string; hint?: string; maxLength: number }
  | { key: SettingKey; kind: 'words'; label: string; hint?: string; maxItems: number }
  | { key: SettingKey; kind: 'choice'; label: string; hint?: string; choices: readonly string[] };

export interface SettingGroup {
  id: string;
  title: string;
  fields: SettingField[];
}

/** Every editable setting, grouped as the screen shows them. Keys not listed are not editable. */
export const settingGroups: SettingGroup[] = [
  {
    id: 'site',
    title: 'Site',
    fields: [
      {
        key: 'siteName',
        kind: 'text',
        label: 'Site name',
        hint: 'Empty uses SITE_NAME from the environment.',
        maxLength: 100,
      },
      {
        key: 'siteDescription',
        kind: 'text',
        label: 'Description',
        hint: 'One line about the site, used on the home page and in feeds.',
        maxLength: 300,
      },
      { key: 'postsPerPage', kind: 'int', label: 'Stories per archive page', min: 1, max: 100 },
      {
        key: 'discourageSearchEngines',
        kind: 'bool',
        label: 'Keep search engines away (staging site)',
      },
    ],
  },
  {
    id: 'comments',
    title: 'Comments',
    fields: [
      { key: 'commentsOpen', kind: 'bool', label: 'Readers may comment (whole site)' },
      {
        key: 'commentCloseAfterDays',
        kind: 'int',
        label: 'Close comments this many days after publication',
        hint: '0 keeps them open.',
        min: 0,
        max: 3650,
      },
      {
        key: 'commentHoldFirstComment',
        kind: 'bool',
        label: 'Hold a first-time commenter for moderation',
      },
      {
        key: 'commentMaxLinks',
        kind: 'int',
        label: 'Hold a comment with more links than',
        min: 0,
        max: 50,
      },
      {
        key: 'commentHeldWords',
        kind: 'words',
        label: 'Held words',
        hint: 'One word or phrase a line: a comment containing one waits for moderation.',
        maxItems: 1000,
      },
      {
        key: 'commentBlockedWords',
        kind: 'words',
        label: 'Blocked words',
        hint: 'One word or phrase a line: a comment containing one goes to spam.',
        maxItems: 1000,
      },
      {
        key: 'commentMaxLength',
        kind: 'int',
        label: 'Longest comment (characters)',
        min: 100,
        max: 20000,
      },
      {
        key: 'commentMinSecondsToSubmit',
        kind: 'int',
        label: 'Refuse a form sent sooner than (seconds)',
        min: 0,
        max: 600,
      },
      {
        key: 'commentRateLimitPerIpPerMinute',
        kind: 'int',
        label: 'Comments per IP address per minute',
        min: 1,
        max: 1000,
      },
      {
        key: 'commentRateLimitPerEmailPerHour',
        kind: 'int',
        label: 'Comments per email address per hour',
        min: 1,
        max: 10000,
      },
      { key: 'commentMaxDepth', kind: 'int', label: 'Deepest reply level', min: 1, max: 10 },
      {
        key: 'commentVisibleDepth',
        kind: 'int',
        label: 'Reply levels shown before “continue this thread”',
        min: 1,
        max: 10,
      },
      {
        key: 'commentsPerPage',
        kind: 'int',
        label: 'Top-level comments per page',
        min: 1,
        max: 500,
      },
      {
        key: 'commentOrder',
        kind: 'choice',
        label: 'Order',
        choices: ['oldest', 'newest'],
      },
      {
        key: 'commentRetentionDays',
        kind: 'int',
        label: 'Delete spam and trash after (days)',
        min: 1,
        max: 3650,
      },
    ],
  },
  {
    id: 'feeds',
    title: 'Feeds',
    fields: [
      { key: 'feedFullContent', kind: 'bool', label: 'Feeds carry the full story' },
      { key: 'feedItems', kind: 'int', label: 'Items per feed', min: 1, max: 100 },
    ],
  },
];

export const settingFields: SettingField[] = settingGroups.flatMap((g) => g.fields);

/** What the form shows in each field: the text as typed (so a bad value is shown back as is). */
export type SettingsFormValues = Partial<Record<SettingKey, string>>;

export type SettingsFormResult =
  | { ok: true; values: Partial<Settings> }
  | { ok: false; errors: Partial<Record<SettingKey, string>>; typed: SettingsFormValues };

/** The form values of stored settings. */
export function formValuesOf(settings: Settings): SettingsFormValues {
  const out: SettingsFormValues = {};
  for (const f of settingFields) {
    const v = settings[f.key];
    out[f.key] = Array.isArray(v)
      ? v.join('\n')
      : typeof v === 'boolean'
        ? v
          ? 'on'
          : ''
        : String(v);
  }
  return out;
}

/**
 * Checks a submitted settings form. Every field is checked (all errors at once); nothing is
 * returned for saving unless all are valid. A missing checkbox means "off", as in HTML.
 */
export function parseSettingsForm(body: Record<string, unknown>): SettingsFormResult {
  const values: Record<string, unknown> = {};
  const errors: Partial<Record<SettingKey, string>> = {};
  const typed: SettingsFormValues = {};
  for (const f of settingFields) {
    const raw = body[f.key];
    const text = typeof raw === 'string' ? raw : Array.isArray(raw) ? String(raw[0] ?? '') : '';
    typed[f.key] = text;
    switch (f.kind) {
      case 'bool':
        values[f.key] = text !== '';
        break;
      case 'int': {
        const trimmed = text.trim();
        const n = /^-?\d{1,9}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
        if (Number.isNaN(n)) errors[f.key] = 'Enter a whole number.';
        else if (n < f.min || n > f.max)
          errors[f.key] = `Enter a number from ${f.min} to ${f.max}.`;
        else values[f.key] = n;
        break;
      }
      case 'text': {
        const trimmed = text.trim();
        if ([...trimmed].length > f.maxLength) errors[f.key] = `At most ${f.maxLength} characters.`;
        else values[f.key] = trimmed;
        break;
      }
      case 'words': {
        const words = [
          ...new Set(
            text
              .split(/\r?\n/)
              .map((w) => w.trim())
              .filter(Boolean),
          ),
        ];
        if (words.length > f.maxItems) errors[f.key] = `At most ${f.maxItems} lines.`;
        else if (words.some((w) => w.length > 100))
          errors[f.key] = 'Each line at most 100 characters.';
        else values[f.key] = words;
        break;
      }
      case 'choice':
        if (!f.choices.includes(text)) errors[f.key] = `Choose one of: ${f.choices.join(', ')}.`;
        else values[f.key] = text;
        break;
    }
  }
  const visible = values.commentVisibleDepth as number | undefined;
  const max = values.commentMaxDepth as number | undefined;
  if (visible !== undefined && max !== undefined && visible > max) {
    errors.commentVisibleDepth = 'Cannot be more than the deepest reply level.';
  }
  if (Object.keys(errors).length) return { ok: false, errors, typed };
  return { ok: true, values: values as Partial<Settings> };
}

/** True for every key the form edits (and only those). */
export const isEditableSetting = (key: string): key is SettingKey =>
  key in settingDefaults && settingFields.some((f) => f.key === key);
