import type { Db } from '@maison/db'
import { brandKitSchema, type BrandKit } from '../domain/brand-kit.ts'
import type { BrandKitRepository } from '../domain/brand-kit-service.ts'

/** The brand kit in the space database's `visuals_brand_kit` table (a single row). */
export class SqliteBrandKitRepository implements BrandKitRepository {
  constructor(private readonly db: Db) {}

  get(): BrandKit | null {
    const row = this.db.prepare('SELECT kit FROM visuals_brand_kit WHERE id = 1').get() as { kit: string } | undefined
    if (!row) return null
    // Parsing fills fields added since the row was written (e.g. colourNames).
    const parsed = brandKitSchema.safeParse(JSON.parse(row.kit))
    return parsed.success ? parsed.data : null
  }

  save(kit: BrandKit, now: Date): void {
    this.db
      .prepare('INSERT INTO visuals_brand_kit (id, kit, updated_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET kit = excluded.kit, updated_at = excluded.updated_at')
      .run(JSON.stringify(kit), now.toISOString())
  }
}
