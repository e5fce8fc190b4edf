import { prepared, type Db } from '@maison/db'

export interface SpaceAppearance {
  colors: { primary: string; background: string }
  /** Content type of the stored logo, or null when the space has none. */
  logoType: string | null
}

export const DEFAULT_APPEARANCE: SpaceAppearance = {
  colors: { primary: '#2f6f5e', background: '#ffffff' },
  logoType: null,
}

/** Key-value settings of one space, stored in its own database. */
export class SpaceSettingsStore {
  constructor(private readonly db: Db) {}

  get<T>(key: string, fallback: T): T {
    const row = prepared(this.db, 'SELECT value FROM space_settings WHERE key = ?').get(key) as { value: string } | undefined
    return row ? (JSON.parse(row.value) as T) : fallback
  }

  set(key: string, value: unknown): void {
    prepared(this.db, 'INSERT INTO space_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(key, JSON.stringify(value))
  }

  appearance(): SpaceAppearance {
    const stored = this.get<Partial<SpaceAppearance>>('appearance', {})
    return { ...DEFAULT_APPEARANCE, ...stored, colors: { ...DEFAULT_APPEARANCE.colors, ...stored.colors } }
  }
}
