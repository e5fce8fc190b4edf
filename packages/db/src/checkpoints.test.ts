import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { BackgroundCheckpoints, FALLBACK_CHECKPOINT_PAGES, openDatabase, SpaceDatabasePool, type Db } from './index.ts'

const dirs: string[] = []
const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop()
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

function tmpDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'maison-ckpt-'))
  dirs.push(d)
  return d
}

/** Files whose WAL the thread has copied whole, in order. */
let done: string[] = []

function checkpoints(): BackgroundCheckpoints {
  const errors: string[] = []
  done = []
  // `everyMs` long: the tests call look() themselves.
  const c = new BackgroundCheckpoints({
    everyMs: 60_000, idleMs: 60_000, changesPerCheckpoint: 16,
    onError: (file, message) => errors.push(`${file}: ${message}`),
    onCheckpoint: (file, frames) => {
      if (frames.log > 0 && frames.checkpointed === frames.log) done.push(file)
    },
  })
  stops.push(async () => {
    await c.stop()
    expect(errors).toEqual([])
  })
  return c
}

/** Inserts `rows` rows of 64 KB (16 to the MB), one transaction each, as uploads' metadata would come. */
function write(db: Db, rows: number): void {
  db.exec('CREATE TABLE IF NOT EXISTS t (b BLOB)')
  const insert = db.prepare('INSERT INTO t (b) VALUES (?)')
  for (let i = 0; i < rows; i++) insert.run(Buffer.alloc(64 * 1024, i))
}

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 20))
  }
}

const size = (file: string) => fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0

describe('BackgroundCheckpoints', () => {
  it('leaves the checkpoint out of the commits and copies the WAL into the database on its thread', async () => {
    const file = path.join(tmpDir(), 'space.sqlite')
    const db = openDatabase(file)
    const c = checkpoints()
    c.watch(db, file)
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(FALLBACK_CHECKPOINT_PAGES)
    // 8 MB: twice SQLite's own threshold (1,000 pages), well under the fallback.
    write(db, 128)
    expect(size(file)).toBeLessThan(1024 * 1024)
    expect(size(`${file}-wal`)).toBeGreaterThan(8 * 1024 * 1024)
    c.look()
    await until(() => done.includes(file))
    expect(size(file)).toBeGreaterThan(8 * 1024 * 1024)
    // Everything was copied: the next commit starts the WAL over instead of growing it.
    const walBefore = size(`${file}-wal`)
    write(db, 16)
    expect(size(`${file}-wal`)).toBe(walBefore)
    expect((db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n).toBe(9 * 16)
    db.close()
  })

  it('hands over only databases with enough changes since they were last handed over', async () => {
    const dir = tmpDir()
    const written = path.join(dir, 'a.sqlite')
    const untouched = path.join(dir, 'b.sqlite')
    const a = openDatabase(written)
    const b = openDatabase(untouched)
    const c = checkpoints()
    c.watch(a, written)
    c.watch(b, untouched)
    // 16 rows changed in a, 15 in b (the table's creation changes none).
    write(a, 16)
    write(b, 15)
    c.look()
    await until(() => done.includes(written))
    await new Promise((r) => setTimeout(r, 200))
    expect(done).toEqual([written])
    expect(size(untouched)).toBeLessThan(64 * 1024)
    // Counted from the last handover: one more row in a is not enough, one more in b is.
    write(a, 1)
    write(b, 1)
    c.look()
    await until(() => done.includes(untouched))
    expect(done).toEqual([written, untouched])
    a.close()
    b.close()
  })

  it('lets the WAL go once the pool and the thread have closed their connections', async () => {
    const dir = tmpDir()
    const c = checkpoints()
    const pool = new SpaceDatabasePool(dir, { maxOpen: 4, idleMs: 60_000, checkpoints: c })
    const file = pool.file('s')
    write(pool.get('s', { create: true }), 32)
    c.look()
    await until(() => done.includes(file))
    pool.closeAll()
    await c.stop()
    expect(fs.existsSync(`${file}-wal`)).toBe(false)
    expect((openDatabase(file).prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n).toBe(32)
  })

  it('drops its connection to a database deleted and created again, and checkpoints the new one', async () => {
    const file = path.join(tmpDir(), 'space.sqlite')
    const c = checkpoints()
    let db = openDatabase(file)
    c.watch(db, file)
    write(db, 32)
    c.look()
    await until(() => done.includes(file))
    c.forget(db)
    db.close()
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true })
    db = openDatabase(file)
    c.watch(db, file)
    done = []
    write(db, 48)
    c.look()
    await until(() => done.includes(file))
    expect(size(file)).toBeGreaterThan(3 * 1024 * 1024)
    db.close()
  })
})
