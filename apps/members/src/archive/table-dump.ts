import type { Db } from '@maison/db'
import { ValidationError } from '@maison/errors'

/** Members tables known today, parents first; tables added by later migrations follow, found by prefix. */
export const MEMBERS_TABLES = [
  'members_settings', 'members_categories', 'members_fields', 'members_members', 'members_activities', 'members_fees',
  'members_subscriptions', 'members_payments', 'members_reminder_rules', 'members_reminders_sent',
] as const

export type TableRows = Record<string, Record<string, unknown>[]>

/** The members tables of one space as plain rows, and back (ids kept, so every reference stays right). */
export interface MembersTablesRepository {
  dump(): TableRows
  /** @throws ValidationError for an unknown table or column, or rows the schema refuses */
  restore(tables: TableRows): void
}

const refuse = (message: string) => new ValidationError(message, { errors: [{ path: 'entries/apps/members/tables.json', message }] })

/** The members tables over a space's SQLite database; rows keep their ids. */
export class SqliteMembersTablesRepository implements MembersTablesRepository {
  constructor(private readonly db: Db) {}

  private columns(table: string): Set<string> {
    return new Set((this.db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name))
  }

  /** Every members table of this database: the known ones in order, then any newer ones by name. */
  private tables(): string[] {
    const present = (this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'members\\_%' ESCAPE '\\' ORDER BY name").all() as { name: string }[]).map((r) => r.name)
    const known = MEMBERS_TABLES.filter((t) => present.includes(t))
    return [...known, ...present.filter((t) => !(MEMBERS_TABLES as readonly string[]).includes(t))]
  }

  dump(): TableRows {
    const out: TableRows = {}
    for (const t of this.tables()) out[t] = this.db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all() as Record<string, unknown>[]
    return out
  }

  restore(tables: TableRows): void {
    const order = this.tables()
    for (const name of Object.keys(tables)) if (!order.includes(name)) throw refuse(`unknown table "${name}"`)
    this.db.transaction(() => {
      // References are checked at commit: rows of a newer table may point at any other.
      this.db.pragma('defer_foreign_keys = ON')
      for (const t of order) {
        const rows = tables[t] ?? []
        if (!Array.isArray(rows)) throw refuse(`${t} must be a list of rows`)
        const known = this.columns(t)
        for (const [i, row] of rows.entries()) {
          if (!row || typeof row !== 'object' || Array.isArray(row)) throw refuse(`${t}[${i}] must be an object`)
          const cols = Object.keys(row)
          const unknown = cols.find((c) => !known.has(c))
          if (unknown) throw refuse(`${t}[${i}] has an unknown column "${unknown}"`)
          const values = cols.map((c) => row[c])
          if (values.some((v) => v !== null && !['string', 'number'].includes(typeof v))) throw refuse(`${t}[${i}] holds a value that is not text, a number or null`)
          try {
            this.db.prepare(`INSERT INTO ${t} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...values)
          } catch (e) {
            throw refuse(`${t}[${i}] was refused: ${(e as Error).message}`)
          }
        }
      }
    })()
  }
}
