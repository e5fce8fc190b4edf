import Database from 'better-sqlite3'
import { migrations } from '../../apps/members/src/storage/migrations.ts'

export interface Row { number: string; firstName: string; lastName: string; email: string; city: string; joinedOn: string }

const CITIES = ['Lyon', 'Besançon', 'Dijon', 'Nantes', 'Rennes', 'Lille', 'Metz', 'Pau']
const FIRST = ['Zoé', 'Jules', 'Léa', 'Hugo', 'Chloé', 'Louis', 'Emma', 'Noé', 'Inès', 'Paul']

/** `count` distinct members, the same in every run. */
export function rows(count: number): Row[] {
  return Array.from({ length: count }, (_, i) => ({
    number: String(i + 1), firstName: FIRST[i % FIRST.length]!, lastName: `Durand${i + 1}`, email: `m${i + 1}@example.org`,
    city: CITIES[i % CITIES.length]!, joinedOn: `20${10 + (i % 16)}-0${1 + (i % 9)}-1${i % 10}`,
  }))
}

/** The rows as the CSV a treasurer exports from a spreadsheet (";" and UTF-8). */
export function csv(list: Row[]): Buffer {
  const lines = ["Numéro;Prénom;Nom;E-mail;Ville;Date d'adhésion"]
  for (const r of list) lines.push([r.number, r.firstName, r.lastName, r.email, r.city, r.joinedOn].join(';'))
  return Buffer.from(lines.join('\r\n') + '\r\n')
}

/** The anchor: the same rows with a bare prepared INSERT in one transaction, into the members schema. */
export function bareInsert(file: string, list: Row[]): number {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  for (const m of migrations) if (typeof m.up === 'string') db.exec(m.up)
    else m.up(db as never)
  const insert = db.prepare(
    `INSERT INTO members_members (number, first_name, last_name, email, city, joined_on, verify_token, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const started = performance.now()
  db.transaction(() => {
    const now = new Date().toISOString()
    for (const r of list) insert.run(r.number, r.firstName, r.lastName, r.email, r.city, r.joinedOn, `tok-${r.number}-0123456789`, now, now)
  })()
  const ms = performance.now() - started
  db.close()
  return ms
}
