import { describe, expect, it } from 'vitest'
import { BUSY_TIMEOUT_MS, openDatabase, writeTransaction } from './index.ts'
import { holdWriteLock } from './testing/hold-write-lock.ts'
import { tempDatabaseFiles } from './testing/temp-files.ts'

const newFile = tempDatabaseFiles('maison-wtx-')

function freshDb() {
  const file = newFile()
  const db = openDatabase(file)
  db.exec('CREATE TABLE t (x INTEGER)')
  return { db, file }
}

describe('writeTransaction', () => {
  it('waits for a write lock held briefly by another connection, runs fn once, and restores the busy timeout', async () => {
    const { db, file } = freshDb()
    const worker = await holdWriteLock(file, 40)
    let runs = 0
    const started = performance.now()
    writeTransaction(db, () => {
      runs++
      db.prepare('INSERT INTO t VALUES (2)').run()
    })
    const waited = performance.now() - started
    await worker.terminate()
    expect(runs).toBe(1)
    expect(waited).toBeGreaterThan(20)
    expect(db.prepare('SELECT x FROM t ORDER BY x').pluck().all()).toEqual([1, 2])
    expect(db.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS)
  })

  it('leaves a long wait to SQLite’s busy handler and still succeeds', async () => {
    const { db, file } = freshDb()
    const worker = await holdWriteLock(file, 600)
    expect(writeTransaction(db, () => db.prepare('INSERT INTO t VALUES (2)').run().changes)).toBe(1)
    await worker.terminate()
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(2)
    expect(db.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS)
  })

  it('never runs fn again once it has started, whatever it throws', () => {
    const { db } = freshDb()
    let runs = 0
    const busy = Object.assign(new Error('busy inside'), { code: 'SQLITE_BUSY' })
    expect(() => writeTransaction(db, () => {
      runs++
      db.prepare('INSERT INTO t VALUES (3)').run()
      throw busy
    })).toThrow(busy)
    expect(runs).toBe(1)
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(0)
    expect(db.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS)
  })

  it('nests inside a transaction already open', () => {
    const { db } = freshDb()
    writeTransaction(db, () => {
      db.prepare('INSERT INTO t VALUES (1)').run()
      writeTransaction(db, () => db.prepare('INSERT INTO t VALUES (2)').run())
    })
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(2)
  })
})
