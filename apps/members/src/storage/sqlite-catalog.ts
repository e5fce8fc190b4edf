import type { Db } from '@maison/db'
import type { CategoryRepository, FieldRepository, SettingsRepository } from '../domain/repositories.ts'
import type { FieldInput } from '../domain/schemas.ts'
import type { Category, CustomField, FieldType } from '../domain/types.ts'

interface CategoryRow { id: number; name: string; hidden: number; position: number }
const category = (r: CategoryRow): Category => ({ id: r.id, name: r.name, hidden: !!r.hidden, position: r.position })

export class SqliteCategoryRepository implements CategoryRepository {
  constructor(private readonly db: Db) {}

  list(): Category[] {
    return (this.db.prepare('SELECT * FROM members_categories ORDER BY position, name').all() as CategoryRow[]).map(category)
  }

  get(id: number): Category | null {
    const r = this.db.prepare('SELECT * FROM members_categories WHERE id = ?').get(id) as CategoryRow | undefined
    return r ? category(r) : null
  }

  getByName(name: string): Category | null {
    const r = this.db.prepare('SELECT * FROM members_categories WHERE name = ?').get(name) as CategoryRow | undefined
    return r ? category(r) : null
  }

  insert(c: Omit<Category, 'id'>, now: Date): Category {
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO members_categories (name, hidden, position, created_at) VALUES (?, ?, ?, ?)')
      .run(c.name, c.hidden ? 1 : 0, c.position, now.toISOString())
    return this.get(Number(lastInsertRowid))!
  }

  update(id: number, c: Omit<Category, 'id'>): Category {
    this.db.prepare('UPDATE members_categories SET name = ?, hidden = ?, position = ? WHERE id = ?').run(c.name, c.hidden ? 1 : 0, c.position, id)
    return this.get(id)!
  }

  delete(id: number): void {
    this.db.prepare('DELETE FROM members_categories WHERE id = ?').run(id)
  }

  usage(id: number): number {
    const r = this.db
      .prepare('SELECT (SELECT count(*) FROM members_members WHERE category_id = ?) + (SELECT count(*) FROM members_fees WHERE category_id = ?) AS n')
      .get(id, id) as { n: number }
    return r.n
  }
}

interface FieldRow {
  id: number; key: string; label: string; type: string; required: number; help: string; options: string
  member_visible: number; member_editable: number; position: number
}
const field = (r: FieldRow): CustomField => ({
  id: r.id, key: r.key, label: r.label, type: r.type as FieldType, required: !!r.required, help: r.help,
  options: JSON.parse(r.options) as string[], memberVisible: !!r.member_visible, memberEditable: !!r.member_editable, position: r.position,
})
const fieldParams = (f: FieldInput) => ({
  key: f.key, label: f.label, type: f.type, required: f.required ? 1 : 0, help: f.help, options: JSON.stringify(f.options),
  member_visible: f.memberVisible ? 1 : 0, member_editable: f.memberEditable ? 1 : 0, position: f.position,
})

export class SqliteFieldRepository implements FieldRepository {
  constructor(private readonly db: Db) {}

  list(): CustomField[] {
    return (this.db.prepare('SELECT * FROM members_fields ORDER BY position, id').all() as FieldRow[]).map(field)
  }

  get(id: number): CustomField | null {
    const r = this.db.prepare('SELECT * FROM members_fields WHERE id = ?').get(id) as FieldRow | undefined
    return r ? field(r) : null
  }

  insert(f: FieldInput): CustomField {
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO members_fields (key, label, type, required, help, options, member_visible, member_editable, position)
         VALUES (@key, @label, @type, @required, @help, @options, @member_visible, @member_editable, @position)`,
      )
      .run(fieldParams(f))
    return this.get(Number(lastInsertRowid))!
  }

  update(id: number, f: FieldInput): CustomField {
    this.db
      .prepare(
        `UPDATE members_fields SET key=@key, label=@label, type=@type, required=@required, help=@help, options=@options,
          member_visible=@member_visible, member_editable=@member_editable, position=@position WHERE id=@id`,
      )
      .run({ ...fieldParams(f), id })
    return this.get(id)!
  }

  delete(id: number): void {
    this.db.prepare('DELETE FROM members_fields WHERE id = ?').run(id)
  }
}

export class SqliteSettingsRepository implements SettingsRepository {
  constructor(private readonly db: Db) {}

  get(key: string): string | null {
    const r = this.db.prepare('SELECT value FROM members_settings WHERE key = ?').get(key) as { value: string } | undefined
    return r?.value ?? null
  }

  set(key: string, value: string): void {
    this.db.prepare('INSERT INTO members_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value)
  }
}
