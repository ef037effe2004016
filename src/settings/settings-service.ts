import { RecentlyRead } from '../cache/recently-read.js';
import { type SettingKey, type Settings, settingDefaults } from './settings.js';
import type { SettingsRepository } from './settings-repository.js';

/** Reads settings with their defaults filled in, and writes validated values. */
export class SettingsService {
  /** Every page reads the settings (see RecentlyRead for who forgets them). */
  private readonly recent = new RecentlyRead(() => this.read(), RecentlyRead.SITE_DATA_MS);

  constructor(
    private readonly deps: {
      repository: SettingsRepository;
      /** Told (and awaited) after a write: settings show on every page, caches are emptied. */
      changed?: () => Promise<void>;
    },
  ) {}

  /**
   * Every setting: stored values over defaults. A stored value of the wrong type is ignored. The
   * answer is shared between callers: frozen, to be read only.
   */
  all(): Promise<Readonly<Settings>> {
    return this.recent.get();
  }

  /** Drops the settings read recently: another process changed them. */
  forgetRecent(): void {
    this.recent.forget();
  }

  private async read(): Promise<Readonly<Settings>> {
    const stored = await this.deps.repository.all();
    const out: Record<string, unknown> = { ...settingDefaults };
    for (const [key, json] of Object.entries(stored)) {
      if (!(key in settingDefaults)) continue;
      try {
        const value = JSON.parse(json);
        const fallback = settingDefaults[key as SettingKey];
        if (typeof value === typeof fallback && Array.isArray(value) === Array.isArray(fallback))
          out[key] = value;
      } catch {
        // A corrupt value falls back to the default rather than breaking every page.
      }
    }
    for (const value of Object.values(out)) if (Array.isArray(value)) Object.freeze(value);
    return Object.freeze(out) as Settings;
  }

  async get<K extends SettingKey>(key: K): Promise<Settings[K]> {
    return (await this.all())[key];
  }

  /** Stores several settings at once (the newsroom's settings form, already validated). */
  async setMany(values: Partial<Settings>): Promise<void> {
    for (const [key, value] of Object.entries(values)) {
      if (key in settingDefaults) await this.deps.repository.put(key, JSON.stringify(value));
    }
    this.recent.forget();
    await this.deps.changed?.();
  }

  async set<K extends SettingKey>(key: K, value: Settings[K]): Promise<void> {
    await this.deps.repository.put(key, JSON.stringify(value));
    this.recent.forget();
    await this.deps.changed?.();
  }
}
