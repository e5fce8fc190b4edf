import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { migrate, openDatabase, SpaceDatabasePool, type MigrationSet } from '@maison/db'
import { platformMigrations } from '../../migrations/platform/index.ts'
import { SpaceHost } from './host.ts'
import { SqliteSpaceRegistry } from './registry.ts'

const notes: MigrationSet = { scope: 'w', migrations: [{ id: 1, name: 'notes', up: 'CREATE TABLE notes (t TEXT)' }] }
const cleanup: Array<() => void> = []
afterEach(() => {
  for (const f of cleanup.splice(0)) f()
})

/**
 * One platform database seen by two registries, as by two web processes of a host: `here` serves the
 * requests (its time moved by the test), `elsewhere` writes as another process would.
 */
async function twoProcesses() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maison-registry-'))
  const file = path.join(dir, 'platform.sqlite')
  const db = openDatabase(file)
  migrate(db, [platformMigrations])
  const other = openDatabase(file)
  const time = { ms: 0 }
  const here = new SqliteSpaceRegistry(db, () => new Date(), { monotonic: () => time.ms, recordTtlMs: 1000 })
  const elsewhere = new SqliteSpaceRegistry(other)
  const pool = new SpaceDatabasePool(path.join(dir, 'spaces'), { maxOpen: 10, idleMs: 60_000 })
  const host = new SpaceHost(here, pool, [notes], [], () => new Date())
  cleanup.push(() => {
    pool.closeAll()
    db.close()
    other.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })
  await host.create({ slug: 'cafe', name: 'Café', quotaBytes: 1000, maxAccounts: 5 })
  return { here, elsewhere, host, time, db }
}

const open = (host: SpaceHost) => () => host.open('cafe').release()

describe('SqliteSpaceRegistry record cache', () => {
  it('applies a suspension written by another process within one second, and a resumption likewise', async () => {
    const { elsewhere, host, time } = await twoProcesses()
    time.ms = 10
    open(host)()
    elsewhere.update('cafe', { status: 'suspended' })
    time.ms = 900
    expect(open(host)).not.toThrow()
    time.ms = 1010
    expect(open(host)).toThrow(expect.objectContaining({ status: 503, message: 'This space is suspended.' }))
    elsewhere.update('cafe', { status: 'active' })
    time.ms = 1900
    expect(open(host)).toThrow(expect.objectContaining({ status: 503 }))
    time.ms = 2011
    expect(open(host)).not.toThrow()
  })

  it('applies maintenance and deletion written by another process within one second', async () => {
    const { elsewhere, host, time } = await twoProcesses()
    open(host)()
    elsewhere.update('cafe', { status: 'maintenance' })
    time.ms = 1001
    expect(open(host)).toThrow(expect.objectContaining({ status: 503, headers: { 'Retry-After': '30' } }))
    elsewhere.update('cafe', { status: 'active' })
    time.ms = 2002
    open(host)()
    elsewhere.remove('cafe')
    time.ms = 3003
    expect(open(host)).toThrow(expect.objectContaining({ status: 404 }))
  })

  it('applies its own writes at once', async () => {
    const { here, host } = await twoProcesses()
    open(host)()
    here.update('cafe', { status: 'suspended' })
    expect(open(host)).toThrow(expect.objectContaining({ status: 503 }))
    here.update('cafe', { status: 'active', name: 'Café du coin' })
    expect(here.get('cafe')).toMatchObject({ status: 'active', name: 'Café du coin' })
    here.remove('cafe')
    expect(here.get('cafe')).toBeNull()
  })

  it('never remembers an absent space, so one created elsewhere answers at once', async () => {
    const { here, elsewhere } = await twoProcesses()
    expect(here.get('bistro')).toBeNull()
    elsewhere.insertNew({ slug: 'bistro', name: 'Bistro', status: 'active', quotaBytes: 1, maxAccounts: 1, schemaVersion: '', createdAt: new Date().toISOString() })
    expect(here.get('bistro')).toMatchObject({ slug: 'bistro', status: 'active' })
  })

  it('does not keep a row read inside a transaction that rolls back', async () => {
    const { here, db, time } = await twoProcesses()
    time.ms = 5000
    expect(() =>
      db.transaction(() => {
        db.prepare("UPDATE spaces SET status = 'suspended' WHERE slug = 'cafe'").run()
        expect(here.get('cafe')!.status).toBe('suspended')
        throw new Error('rolled back')
      })(),
    ).toThrow('rolled back')
    expect(here.get('cafe')!.status).toBe('active')
  })

  it('hands out frozen records, so no caller can change what the next request sees', async () => {
    const { here } = await twoProcesses()
    const record = here.get('cafe')!
    expect(() => Object.assign(record, { status: 'deleted' })).toThrow(TypeError)
    expect(here.get('cafe')!.status).toBe('active')
  })

  it('reads the database every time with a TTL of 0', async () => {
    const { elsewhere, db } = await twoProcesses()
    const uncached = new SqliteSpaceRegistry(db, () => new Date(), { recordTtlMs: 0, monotonic: () => 0 })
    expect(uncached.get('cafe')!.status).toBe('active')
    elsewhere.update('cafe', { status: 'suspended' })
    expect(uncached.get('cafe')!.status).toBe('suspended')
  })
})
