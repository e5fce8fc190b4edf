import type { Db } from '@maison/db'
import type { SpaceTemplateRepository, StoredTemplate } from '../domain/space-templates.ts'

interface Row { id: string; manifest: string; svg: string; created_by: string; created_at: string }

/** Uploaded templates in the space database's `visuals_templates` table. */
export class SqliteTemplateRepository implements SpaceTemplateRepository {
  constructor(private readonly db: Db) {}

  list(): StoredTemplate[] {
    return (this.db.prepare('SELECT * FROM visuals_templates ORDER BY created_at, id').all() as Row[]).map((r) => ({
      id: r.id, manifest: JSON.parse(r.manifest), svg: r.svg, createdBy: r.created_by, createdAt: r.created_at,
    }))
  }

  insert(t: StoredTemplate): void {
    this.db.prepare('INSERT INTO visuals_templates (id, manifest, svg, created_by, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(t.id, JSON.stringify(t.manifest), t.svg, t.createdBy, t.createdAt)
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM visuals_templates WHERE id = ?').run(id).changes > 0
  }
}
