import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawn } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { changeStamp, migrate, openDatabase, pendingCount, SpaceDatabasePool, type MigrationSet } from './index.ts'

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'maison-db-'))
const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

describe('migrate', () => {
  const set: MigrationSet = {
    scope: 'demo',
    migrations: [
      { id: 1, name: 'a', up: 'CREATE TABLE a (x INTEGER)' },
      { id: 2, name: 'b', up: (db) => db.exec('CREATE TABLE b (y INTEGER)') },
    ],
  }

  it('applies each migration once and records it', () => {
    const db = openDatabase(':memory:')
    expect(pendingCount(db, [set])).toBe(2)
    expect(migrate(db, [set])).toBe(2)
    expect(migrate(db, [set])).toBe(0)
    expect(pendingCount(db, [set])).toBe(0)
    expect(db.prepare("SELECT count(*) n FROM sqlite_master WHERE name IN ('a','b')").get()).toEqual({ n: 2 })
  })

  it('rolls back a failing step and keeps the earlier ones', () => {
    const db = openDatabase(':memory:')
    const broken: MigrationSet = { scope: 'x', migrations: [...set.migrations, { id: 3, name: 'bad', up: 'CREATE TABLE a (x)' }] }
    expect(() => migrate(db, [broken])).toThrow()
    expect(pendingCount(db, [broken])).toBe(1)
  })

  it('lets processes started together open and migrate the same new file', async () => {
    const dir = tmp()
    dirs.push(dir)
    const files = Array.from({ length: 12 }, (_, i) => path.join(dir, `f${i}.sqlite`))
    const startAt = String(Date.now() + 2500)
    const script = path.join(import.meta.dirname, 'testing', 'open-race.ts')
    const runs = [0, 1, 2].map(() => new Promise<{ code: number | null; err: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', script, startAt, ...files], { stdio: ['ignore', 'ignore', 'pipe'] })
      let err = ''
      child.stderr.on('data', (d) => { err += d })
      child.on('exit', (code) => resolve({ code, err }))
    }))
    for (const run of await Promise.all(runs)) expect(run).toEqual({ code: 0, err: '' })
    for (const f of files) {
      const db = openDatabase(f)
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(1)
      db.close()
    }
  }, 30_000)

  it('refuses duplicate ids', () => {
    const db = openDatabase(':memory:')
    expect(() => migrate(db, [{ scope: 'd', migrations: [set.migrations[0]!, set.migrations[0]!] }])).toThrow(/duplicate/)
  })
})

describe('SpaceDatabasePool', () => {
  it('keeps at most maxOpen handles, closing the least recently used', () => {
    const dir = tmp()
    dirs.push(dir)
    const pool = new SpaceDatabasePool(dir, { maxOpen: 2, idleMs: 60_000 })
    const a = pool.get('a', { create: true })
    pool.get('b', { create: true })
    pool.get('a')
    pool.get('c', { create: true })
    expect(pool.openCount).toBe(2)
    expect(a.open).toBe(true)
    expect(() => pool.get('missing')).toThrow(/missing/)
    pool.closeAll()
    expect(a.open).toBe(false)
  })

  it('closes handles idle for longer than idleMs', () => {
    const dir = tmp()
    dirs.push(dir)
    const pool = new SpaceDatabasePool(dir, { maxOpen: 10, idleMs: 1000 })
    pool.get('a', { create: true })
    pool.closeIdle(Date.now() + 2000)
    expect(pool.openCount).toBe(0)
    pool.closeAll()
  })
})

describe('SpaceDatabasePool leases', () => {
  it('never closes a leased handle, even past maxOpen, and closes it once released', () => {
    const dir = tmp()
    dirs.push(dir)
    const pool = new SpaceDatabasePool(dir, { maxOpen: 1, idleMs: 60_000 })
    const lease = pool.lease('a', { create: true })
    pool.get('b', { create: true })
    pool.get('c', { create: true })
    expect(lease.db.open).toBe(true)
    expect(lease.db.prepare('SELECT 1 AS x').get()).toEqual({ x: 1 })
    pool.closeIdle(Date.now() + 120_000)
    expect(lease.db.open).toBe(true)
    lease.release()
    lease.release()
    pool.get('d', { create: true })
    expect(lease.db.open).toBe(false)
    pool.closeAll()
  })
})

describe('changeStamp', () => {
  it('changes with every commit, this connection’s or another’s, and only then', () => {
    const dir = tmp()
    dirs.push(dir)
    const file = path.join(dir, 'space.sqlite')
    const mine = openDatabase(file)
    const other = openDatabase(file)
    mine.exec('CREATE TABLE t (x INTEGER)')
    const first = changeStamp(mine)
    mine.prepare('SELECT count(*) FROM t').get()
    other.prepare('SELECT count(*) FROM t').get()
    expect(changeStamp(mine)).toBe(first)
    other.prepare('INSERT INTO t VALUES (1)').run()
    const afterOther = changeStamp(mine)
    expect(afterOther).not.toBe(first)
    mine.prepare('UPDATE t SET x = 2').run()
    expect(changeStamp(mine)).not.toBe(afterOther)
    mine.close()
    other.close()
  })
})
