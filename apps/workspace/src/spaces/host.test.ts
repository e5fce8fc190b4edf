import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { migrate, openDatabase, SpaceDatabasePool, type MigrationSet } from '@maison/db'
import { platformMigrations } from '../../migrations/platform/index.ts'
import { SpaceHost } from './host.ts'
import { SqliteSpaceRegistry } from './registry.ts'
import { slugProblem } from './slug.ts'

const cleanup: Array<() => void> = []
afterEach(() => {
  for (const f of cleanup.splice(0)) f()
})

function makeHost(sets: MigrationSet[], inits: Array<() => void> = []) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maison-host-'))
  const platform = openDatabase(path.join(dir, 'platform.sqlite'))
  migrate(platform, [platformMigrations])
  const registry = new SqliteSpaceRegistry(platform)
  const pool = new SpaceDatabasePool(path.join(dir, 'spaces'), { maxOpen: 10, idleMs: 60_000 })
  cleanup.push(() => {
    pool.closeAll()
    platform.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })
  return { registry, pool, host: new SpaceHost(registry, pool, sets, inits, () => new Date()) }
}

const v1: MigrationSet = { scope: 'w', migrations: [{ id: 1, name: 'notes', up: 'CREATE TABLE notes (t TEXT)' }] }
const v2: MigrationSet = { scope: 'w', migrations: [...v1.migrations, { id: 2, name: 'more', up: 'ALTER TABLE notes ADD COLUMN n INTEGER' }] }

describe('slugs', () => {
  it.each([
    ['ab', /3 to 32/], ['Theatre', /lowercase/], ['-abc', /at either end/], ['a--b', /two hyphens/], ['admin', /reserved/], ['café', /lowercase/],
  ])('refuses %s', (slug, why) => {
    expect(slugProblem(slug)).toMatch(why)
  })
  it('accepts a plain name', () => expect(slugProblem('amap-du-coin')).toBeNull())
})

describe('SpaceHost', () => {
  it('creates a space idempotently and runs initializers each time', async () => {
    let runs = 0
    const { host, registry } = makeHost([v1], [() => void runs++])
    const input = { slug: 'theatre', name: 'Théâtre', quotaBytes: 1000, maxAccounts: 5 }
    await host.create(input)
    await host.create(input)
    expect(runs).toBe(2)
    expect(registry.count()).toBe(1)
    const open = host.open('theatre')
    expect(open.db.prepare('SELECT count(*) n FROM notes').get()).toEqual({ n: 0 })
  })

  it('answers 404 for an unknown space and 503 while suspended', async () => {
    const { host, registry } = makeHost([v1])
    expect(() => host.open('nowhere')).toThrow(expect.objectContaining({ status: 404 }))
    await host.create({ slug: 'cafe', name: 'Café', quotaBytes: 1, maxAccounts: 1 })
    registry.update('cafe', { status: 'suspended' })
    expect(() => host.open('cafe')).toThrow(expect.objectContaining({ status: 503 }))
  })

  it('keeps a space behind the code schema closed until upgraded, never migrating on open', async () => {
    const first = makeHost([v1])
    await first.host.create({ slug: 'amap', name: 'AMAP', quotaBytes: 1, maxAccounts: 1 })
    // Same data, newer code: a new host over the same registry and pool.
    const newer = new SpaceHost(first.registry, first.pool, [v2], [], () => new Date())
    expect(() => newer.open('amap')).toThrow(expect.objectContaining({ status: 503 }))
    expect(newer.upgradeOutdated()).toEqual(['amap'])
    const db = newer.open('amap').db
    expect(db.prepare("SELECT count(*) n FROM pragma_table_info('notes') WHERE name = 'n'").get()).toEqual({ n: 1 })
  })
})
