/** Storage for settings: JSON values by key. */
export interface SettingsRepository {
  all(): Promise<Record<string, string>>;
  put(key: string, json: string): Promise<void>;
}
