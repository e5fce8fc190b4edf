import { describe, expect, it } from 'vitest'
import { BUSY_TIMEOUT_MS, openDatabase, writeTransaction } from './index.ts'
import { LOCK_BUSY, tryWriteTransaction } from './write-transaction.ts'
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

describe('tryWriteTransaction', () => {
  it('answers LOCK_BUSY without running fn while another connection writes, and leaves the stack trace limit as it was', async () => {
    const { db, file } = freshDb()
    const worker = await holdWriteLock(file, 200)
    const limit = Error.stackTraceLimit
    let runs = 0
    expect(tryWriteTransaction(db, () => runs++)).toBe(LOCK_BUSY)
    await worker.terminate()
    expect(runs).toBe(0)
    expect(Error.stackTraceLimit).toBe(limit)
    expect(db.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS)
  })

  it('gives errors thrown by fn their full stack (the refused-BEGIN shortcut ends before fn runs)', () => {
    const { db } = freshDb()
    const thrown = (() => {
      try {
        tryWriteTransaction(db, () => {
          throw new Error('inside the transaction')
        })
      } catch (err) {
        return err as Error
      }
      throw new Error('tryWriteTransaction did not throw')
    })()
    expect(thrown.message).toBe('inside the transaction')
    expect(thrown.stack).toContain('write-transaction.test.ts')
    expect(db.inTransaction).toBe(false)
  })
})
