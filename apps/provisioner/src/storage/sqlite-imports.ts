import type { Db } from '@maison/db'
import type { ImportMarks } from '../archive/ports.ts'

/** Imports in progress, in platform.sqlite (table prov_imports). */
export class SqliteImportMarks implements ImportMarks {
  constructor(private readonly db: Db) {}

  add(slug: string, at: string): void {
    this.db.prepare('INSERT INTO prov_imports (slug, started_at, touched_at) VALUES (?, ?, ?)').run(slug, at, at)
  }

  touch(slug: string, at: string): void {
    this.db.prepare('UPDATE prov_imports SET touched_at = ? WHERE slug = ?').run(at, slug)
  }

  remove(slug: string): void {
    this.db.prepare('DELETE FROM prov_imports WHERE slug = ?').run(slug)
  }

  has(slug: string): boolean {
    return !!this.db.prepare('SELECT 1 FROM prov_imports WHERE slug = ?').get(slug)
  }

  staleSince(before: string): string[] {
    return (this.db.prepare('SELECT slug FROM prov_imports WHERE touched_at < ? ORDER BY slug').all(before) as { slug: string }[]).map((r) => r.slug)
  }
}
