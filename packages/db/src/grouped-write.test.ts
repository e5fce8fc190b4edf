import { describe, expect, it } from 'vitest'
import { groupedWrite, openDatabase } from './index.ts'
import { holdWriteLock } from './testing/hold-write-lock.ts'
import { tempDatabaseFiles } from './testing/temp-files.ts'

const newFile = tempDatabaseFiles('maison-grouped-')

function freshDb() {
  const file = newFile()
  const db = openDatabase(file)
  db.exec('CREATE TABLE t (x INTEGER UNIQUE)')
  // Another connection sees only what has been committed.
  const watcher = openDatabase(file)
  const committed = () => watcher.prepare('SELECT count(*) FROM t').pluck().get() as number
  return { db, file, committed }
}

const insert = (db: ReturnType<typeof openDatabase>, x: number) => () => db.prepare('INSERT INTO t VALUES (?)').run(x).changes

describe('groupedWrite', () => {
  it('commits the writes of one turn of the event loop together, each with its own result', async () => {
    const { db, committed } = freshDb()
    const seen: number[] = []
    const results = await Promise.all([1, 2, 3, 4].map((x) => groupedWrite(db, () => {
      seen.push(committed())
      return insert(db, x)()
    })))
    expect(results).toEqual([1, 1, 1, 1])
    expect(seen).toEqual([0, 0, 0, 0])
    expect(committed()).toBe(4)
  })

  it('rolls back only the write that throws; the others of its group commit', async () => {
    const { db } = freshDb()
    const outcomes = await Promise.allSettled([
      groupedWrite(db, insert(db, 1)),
      groupedWrite(db, () => {
        insert(db, 2)()
        throw new Error('quota')
      }),
      groupedWrite(db, insert(db, 3)),
    ])
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect((outcomes[1] as PromiseRejectedResult).reason.message).toBe('quota')
    expect(db.prepare('SELECT x FROM t ORDER BY x').pluck().all()).toEqual([1, 3])
  })

  it('fails every write of the group when the transaction itself ends', async () => {
    const { db } = freshDb()
    const outcomes = await Promise.allSettled([
      groupedWrite(db, insert(db, 1)),
      groupedWrite(db, () => db.exec('ROLLBACK')),
      groupedWrite(db, insert(db, 3)),
    ])
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected'])
    expect(db.inTransaction).toBe(false)
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 0 })
  })

  it('runs a write alone in its turn in a transaction of its own', async () => {
    const { db, committed } = freshDb()
    expect(await groupedWrite(db, insert(db, 1))).toBe(1)
    expect(committed()).toBe(1)
    await expect(groupedWrite(db, insert(db, 1))).rejects.toThrow(/UNIQUE/)
    expect(await groupedWrite(db, insert(db, 2))).toBe(1)
    expect(committed()).toBe(2)
  })

  it('waits for another connection’s write lock without blocking the event loop; writes arriving meanwhile join', async () => {
    const { db, file, committed } = freshDb()
    const holder = await holdWriteLock(file, 80)
    let firstDone = false
    const first = groupedWrite(db, () => {
      expect(committed()).toBe(1) // the other connection's row: it has committed
      return insert(db, 2)()
    }).finally(() => (firstDone = true))
    // A blocking wait would hold this timer back until the write is done.
    const ranWhileWaiting = await new Promise<boolean>((resolve) => setTimeout(() => resolve(!firstDone), 20))
    const second = groupedWrite(db, () => {
      expect(committed()).toBe(1) // not yet the first write's row: both are in one transaction
      return insert(db, 3)()
    })
    expect(await Promise.all([first, second])).toEqual([1, 1])
    await holder.terminate()
    expect(ranWhileWaiting).toBe(true)
    expect(committed()).toBe(3)
  })

  it('still commits when another connection holds the lock longer than it waits without blocking', async () => {
    const { db, file } = freshDb()
    const holder = await holdWriteLock(file, 600)
    expect(await groupedWrite(db, insert(db, 2))).toBe(1)
    await holder.terminate()
    expect(db.prepare('SELECT x FROM t ORDER BY x').pluck().all()).toEqual([1, 2])
  })
})
