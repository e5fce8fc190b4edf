import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { migrate, openDatabase, pendingCount, SpaceDatabasePool, type Db, type MigrationSet } from '@maison/db'
import { platformMigrations } from '../../migrations/platform/index.ts'
import { loadApps } from '../apps/catalog.ts'
import { spaceInitializers, spaceMigrationSets } from '../modules.ts'
import { SpaceHost, type SpaceInitializer } from './host.ts'
import { SqliteSpaceRegistry } from './registry.ts'

const APPS_DIR = fileURLToPath(new URL('../../../', import.meta.url))
const clock = () => new Date('2026-03-04T05:06:07Z')
const cleanup: Array<() => void> = []
afterEach(() => {
  for (const f of cleanup.splice(0)) f()
})

function makeHost(sets: readonly MigrationSet[], o: { template: boolean; inits?: SpaceInitializer[]; dir?: string }) {
  const dir = o.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'maison-template-host-'))
  const platform = openDatabase(path.join(dir, 'platform.sqlite'))
  migrate(platform, [platformMigrations])
  const registry = new SqliteSpaceRegistry(platform)
  const pool = new SpaceDatabasePool(path.join(dir, 'spaces'), { maxOpen: 10, idleMs: 60_000 })
  const templateDir = path.join(dir, 'templates')
  const host = new SpaceHost(registry, pool, sets, o.inits ?? [], clock, o.template ? { templateDir } : {})
  cleanup.push(() => {
    pool.closeAll()
    platform.close()
    if (!o.dir) fs.rmSync(dir, { recursive: true, force: true })
  })
  return { dir, registry, pool, host, templateDir }
}

/** Every value stored in a database, table by table, as text. */
function values(db: Db): Set<string> {
  const out = new Set<string>()
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[]
  for (const t of tables) {
    for (const row of db.prepare(`SELECT * FROM "${t}"`).raw().all() as unknown[][]) {
      for (const v of row) if (v !== null) out.add(Buffer.isBuffer(v) ? v.toString('hex') : String(v))
    }
  }
  return out
}

const schema = (db: Db) => db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all()

describe('spaces made from the template (every app of the repository)', () => {
  let sets: MigrationSet[]
  beforeAll(async () => {
    const apps = await loadApps(APPS_DIR)
    sets = [...spaceMigrationSets(), ...apps.filter((a) => a.migrations.length).map((a) => ({ scope: a.id, migrations: a.migrations }))]
  })

  it('hold no value in common that a space migrated step by step would not hold too, and have nothing left to migrate', async () => {
    const t = makeHost(sets, { template: true, inits: spaceInitializers(clock) })
    await t.host.create({ slug: 'alpha', name: 'Alpha', quotaBytes: 1000, maxAccounts: 5 })
    await t.host.create({ slug: 'bravo', name: 'Bravo', quotaBytes: 1000, maxAccounts: 5 })
    expect(fs.readdirSync(t.templateDir)).toEqual([`${t.host.schemaVersion}.sqlite`])
    const plain = makeHost(sets, { template: false, inits: spaceInitializers(clock) })
    await plain.host.create({ slug: 'charlie', name: 'Charlie', quotaBytes: 1000, maxAccounts: 5 })

    const a = t.host.open('alpha')
    const b = t.host.open('bravo')
    const c = plain.host.open('charlie')
    const inC = values(c.db)
    const shared = [...values(a.db)].filter((v) => values(b.db).has(v) && !inC.has(v))
    // e.g. the events app's registration key (drawn by its migration 002), had it been copied from the template.
    expect(shared).toEqual([])
    expect(schema(a.db)).toEqual(schema(c.db))
    for (const s of [a, b]) {
      expect(pendingCount(s.db, sets)).toBe(0)
      expect(migrate(s.db, sets)).toBe(0)
      expect(s.db.prepare('SELECT DISTINCT applied_at FROM schema_migrations').pluck().all()).toEqual([clock().toISOString()])
      expect(s.db.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(s.db.pragma('foreign_keys', { simple: true })).toBe(1)
      expect(t.registry.get(s.record.slug)!.schemaVersion).toBe(t.host.schemaVersion)
    }
    for (const s of [a, b, c]) s.release()
  })
})

const v1: MigrationSet = { scope: 'w', migrations: [{ id: 1, name: 'notes', up: 'CREATE TABLE notes (t TEXT)' }] }
const v2: MigrationSet = { scope: 'w', migrations: [...v1.migrations, { id: 2, name: 'more', up: 'ALTER TABLE notes ADD COLUMN n INTEGER' }] }
const keyed: MigrationSet = { scope: 'k', migrations: [{ id: 1, name: 'key', up: 'CREATE TABLE k (s TEXT); INSERT INTO k VALUES (hex(randomblob(8)))' }] }
const input = (slug: string) => ({ slug, name: slug, quotaBytes: 1, maxAccounts: 1 })

describe('creating from the template after a crash', () => {
  it('finishes a space whose copy was made but whose own steps never ran', async () => {
    let runs = 0
    const t = makeHost([v1, keyed], { template: true, inits: [() => void runs++] })
    await t.host.create(input('first'))
    // As a kill -9 right after the copy leaves it: registry row, template copy, nothing else.
    t.registry.insertIfAbsent({ ...input('second'), status: 'active', schemaVersion: '', createdAt: clock().toISOString() })
    fs.mkdirSync(t.pool.dir('second'), { recursive: true })
    fs.copyFileSync(path.join(t.templateDir, `${t.host.schemaVersion}.sqlite`), t.pool.file('second'))
    expect(() => t.host.open('second')).toThrow(expect.objectContaining({ status: 503 }))
    await t.host.create(input('second'))
    const s = t.host.open('second')
    expect(runs).toBe(2)
    expect(pendingCount(s.db, [v1, keyed])).toBe(0)
    expect(s.db.prepare('SELECT count(*) FROM schema_migrations WHERE applied_at = ?').pluck().get('template')).toBe(0)
    expect(s.db.prepare('SELECT count(*) FROM k').pluck().get()).toBe(1)
    s.release()
  })

  it('ignores the temp file of a copy that died, and removes it once stale', async () => {
    const t = makeHost([v1], { template: true })
    fs.mkdirSync(t.pool.dir('gamma'), { recursive: true })
    const leftover = `${t.pool.file('gamma')}.999-deadbeef.tmp`
    fs.writeFileSync(leftover, 'half a copy')
    const old = new Date(Date.now() - 3600_000)
    fs.utimesSync(leftover, old, old)
    await t.host.create(input('gamma'))
    expect(fs.existsSync(leftover)).toBe(false)
    const s = t.host.open('gamma')
    expect(s.db.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(0)
    s.release()
  })

  it('rebuilds a template that is not a whole database or does not fit the code, and never uses another version', async () => {
    const t = makeHost([v1], { template: true })
    fs.mkdirSync(t.templateDir, { recursive: true })
    const file = path.join(t.templateDir, `${t.host.schemaVersion}.sqlite`)
    fs.writeFileSync(file, Buffer.alloc(8192, 7))
    await t.host.create(input('delta'))
    expect(t.host.open('delta').db.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(0)

    // Newer code over the same data: its own template, built from its own migrations; the old one goes.
    const newer = makeHost([v2], { template: true, dir: t.dir })
    await newer.host.create(input('echo'))
    expect(fs.readdirSync(t.templateDir)).toEqual([`${newer.host.schemaVersion}.sqlite`])
    const e = newer.host.open('echo')
    expect(e.db.prepare("SELECT count(*) FROM pragma_table_info('notes') WHERE name = 'n'").pluck().get()).toBe(1)
    expect(migrate(e.db, [v2])).toBe(0)
    e.release()
  })
})
