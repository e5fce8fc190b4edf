import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  buildTemplate, copyTemplate, migrate, openDatabase, pendingCount, stampTemplateLedger, templateProblems, TEMPLATE_MARK,
  type MigrationSet,
} from './index.ts'

const dirs: string[] = []
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'maison-template-'))
  dirs.push(d)
  return d
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

const ledger = (file: string) => {
  const db = openDatabase(file)
  try {
    return db.prepare("SELECT scope || ':' || id AS step FROM schema_migrations ORDER BY scope, id").pluck().all()
  } finally {
    db.close()
  }
}

const schemaOnly: MigrationSet = {
  scope: 'plain',
  migrations: [
    { id: 1, name: 'notes', up: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, t TEXT)' },
    { id: 2, name: 'index', up: (db) => db.exec('CREATE INDEX notes_t ON notes (t)') },
    // Same rows in every database: kept in the template.
    { id: 3, name: 'state', up: "CREATE TABLE state (id INTEGER PRIMARY KEY, v TEXT); INSERT INTO state VALUES (1, 'fixed')" },
  ],
}
const keyed: MigrationSet = {
  scope: 'keyed',
  migrations: [
    { id: 1, name: 'log', up: 'CREATE TABLE keyed_log (x TEXT)' },
    { id: 2, name: 'key', up: 'CREATE TABLE keyed_key (secret TEXT NOT NULL); INSERT INTO keyed_key VALUES (lower(hex(randomblob(16))))' },
    // After a refused step: depends on it, so it waits with it.
    { id: 3, name: 'more', up: 'ALTER TABLE keyed_key ADD COLUMN n INTEGER' },
  ],
}
const coded: MigrationSet = {
  scope: 'coded',
  migrations: [{ id: 1, name: 'seed', up: (db) => db.exec(`CREATE TABLE coded (v TEXT); INSERT INTO coded VALUES ('${Math.random()}')`) }],
}
const clocked: MigrationSet = {
  scope: 'clocked',
  migrations: [
    { id: 1, name: 'table', up: "CREATE TABLE clocked (id INTEGER, at TEXT DEFAULT (datetime('now')))" },
    // No clock in its own text, but the table's default reads it.
    { id: 2, name: 'row', up: 'INSERT INTO clocked (id) VALUES (1)' },
  ],
}
const sets = [schemaOnly, keyed, coded, clocked]

describe('buildTemplate', () => {
  it('holds the steps that are the same in every database and leaves the others, with the rest of their scope, pending', () => {
    const file = path.join(tmp(), 'templates', 'v.sqlite')
    expect(buildTemplate(file, sets)).toBe(5)
    expect(ledger(file)).toEqual(['clocked:1', 'keyed:1', 'plain:1', 'plain:2', 'plain:3'])
    const db = openDatabase(file)
    expect(db.prepare('SELECT DISTINCT applied_at FROM schema_migrations').pluck().all()).toEqual([TEMPLATE_MARK])
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name IN ('keyed_key', 'coded')").pluck().get()).toBe(0)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    db.close()
    expect(templateProblems(file, sets)).toEqual([])
    // One self-contained file, nothing half-written beside it, even after being checked.
    expect(fs.readdirSync(path.dirname(file))).toEqual(['v.sqlite'])
  })
})

describe('a database made from a template', () => {
  async function spaceFrom(template: string, dir: string, name: string) {
    const file = path.join(dir, name, 'space.sqlite')
    fs.mkdirSync(path.dirname(file), { recursive: true })
    expect(await copyTemplate(template, file)).toBe(true)
    const db = openDatabase(file)
    const applied = migrate(db, sets, () => new Date('2026-01-02T03:04:05Z'))
    stampTemplateLedger(db, new Date('2026-01-02T03:04:05Z'))
    return { db, applied }
  }

  it('gets its own random values, its own ledger times, and then has nothing left to migrate', async () => {
    const dir = tmp()
    const template = path.join(dir, 'v.sqlite')
    buildTemplate(template, sets)
    const a = await spaceFrom(template, dir, 'a')
    const b = await spaceFrom(template, dir, 'b')
    expect(a.applied).toBe(4)
    const secret = (db: typeof a.db) => db.prepare('SELECT secret FROM keyed_key').pluck().get()
    expect(secret(a.db)).toMatch(/^[0-9a-f]{32}$/)
    expect(secret(a.db)).not.toBe(secret(b.db))
    expect(a.db.prepare('SELECT v FROM coded').pluck().get()).not.toBe(b.db.prepare('SELECT v FROM coded').pluck().get())
    expect(a.db.prepare('SELECT DISTINCT applied_at FROM schema_migrations').pluck().all()).toEqual(['2026-01-02T03:04:05.000Z'])
    for (const { db } of [a, b]) {
      expect(migrate(db, sets)).toBe(0)
      expect(pendingCount(db, sets)).toBe(0)
    }
    // Same schema as a database migrated step by step.
    const full = openDatabase(path.join(dir, 'full.sqlite'))
    migrate(full, sets)
    const schema = (db: typeof a.db) => db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all()
    expect(schema(a.db)).toEqual(schema(full))
    for (const db of [a.db, b.db, full]) db.close()
  })

  it('is never written over an existing file, and a second copy changes nothing', async () => {
    const dir = tmp()
    const template = path.join(dir, 'v.sqlite')
    buildTemplate(template, sets)
    const file = path.join(dir, 'space.sqlite')
    const db = openDatabase(file)
    db.exec("CREATE TABLE mine (x); INSERT INTO mine VALUES ('kept')")
    db.close()
    expect(await copyTemplate(template, file)).toBe(false)
    const again = openDatabase(file)
    expect(again.prepare('SELECT x FROM mine').pluck().get()).toBe('kept')
    again.close()
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([])
    await expect(copyTemplate(path.join(dir, 'gone.sqlite'), path.join(dir, 'other.sqlite'))).rejects.toMatchObject({ code: 'ENOENT' })
    expect(fs.existsSync(path.join(dir, 'other.sqlite'))).toBe(false)
  })
})

describe('templateProblems', () => {
  it('refuses a template that is not a prefix of the code, names a scope the code lacks, or is not a database', () => {
    const dir = tmp()
    const file = path.join(dir, 'v.sqlite')
    buildTemplate(file, sets)
    expect(templateProblems(file, [{ scope: 'plain', migrations: schemaOnly.migrations.slice(0, 1) }, keyed, coded, clocked])).toEqual([
      'scope plain holds 1,2,3, not a prefix of 1',
    ])
    expect(templateProblems(file, [schemaOnly, coded, clocked])).toEqual(['scope keyed is not in the code'])
    const renumbered: MigrationSet = { scope: 'plain', migrations: schemaOnly.migrations.map((m) => ({ ...m, id: m.id + 1 })) }
    expect(templateProblems(file, [renumbered, keyed, coded, clocked])).toEqual(['scope plain holds 1,2,3, not a prefix of 2,3,4'])
    const garbage = path.join(dir, 'garbage.sqlite')
    fs.writeFileSync(garbage, 'not a database at all, just some bytes'.repeat(200))
    expect(templateProblems(garbage, sets)).toHaveLength(1)
    expect(templateProblems(path.join(dir, 'missing.sqlite'), sets)).toHaveLength(1)
    // A space's own database is not a template: its ledger rows carry real times.
    const space = openDatabase(path.join(dir, 'space.sqlite'))
    migrate(space, [schemaOnly])
    space.close()
    expect(templateProblems(path.join(dir, 'space.sqlite'), sets)[0]).toMatch(/not a template row/)
  })
})
