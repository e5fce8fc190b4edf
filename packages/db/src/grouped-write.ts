import type { Db } from './sqlite.ts'
import { writeTransaction } from './write-transaction.ts'

interface Job {
  fn: () => unknown
  resolve: (value: unknown) => void
  reject: (err: unknown) => void
}

// Jobs waiting for the next flush, per database; a database is here only while a flush is scheduled.
const pending = new WeakMap<Db, Job[]>()

/**
 * Runs `fn` in a write transaction shared with the other grouped writes to the same database that arrive before
 * the event loop's next check phase (group commit): under load, requests whose bodies came in the same turn
 * pay one `BEGIN IMMEDIATE`, one commit and one set of WAL frames for the pages they share (their folder's row,
 * the index pages) instead of one each. Each `fn` runs inside its own savepoint, so one that throws is rolled
 * back alone and its promise rejects with its error; the others commit. `fn` must be synchronous, as for
 * `writeTransaction`. Alone in its turn, a write waits for nothing more than that turn's end.
 * @throws (rejects with) what `fn` throws, or the error that made the whole transaction fail (every job gets it).
 */
export function groupedWrite<T>(db: Db, fn: () => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let jobs = pending.get(db)
    if (!jobs) {
      pending.set(db, (jobs = []))
      setImmediate(flush, db)
    }
    jobs.push({ fn, resolve: resolve as (value: unknown) => void, reject })
  })
}

function flush(db: Db): void {
  const jobs = pending.get(db)!
  pending.delete(db)
  if (jobs.length === 1) {
    const job = jobs[0]!
    try {
      job.resolve(writeTransaction(db, job.fn))
    } catch (err) {
      job.reject(err)
    }
    return
  }
  const outcomes: { ok: boolean; value: unknown }[] = []
  try {
    writeTransaction(db, () => {
      for (const job of jobs) {
        try {
          // Nested in the open transaction, this is a savepoint: a failing job undoes only its own changes.
          outcomes.push({ ok: true, value: writeTransaction(db, job.fn) })
        } catch (err) {
          // An error that ended the transaction itself (I/O, a full disk) undid every job: all fail with it.
          if (!db.inTransaction) throw err
          outcomes.push({ ok: false, value: err })
        }
      }
    })
  } catch (err) {
    for (const job of jobs) job.reject(err)
    return
  }
  jobs.forEach((job, i) => (outcomes[i]!.ok ? job.resolve(outcomes[i]!.value) : job.reject(outcomes[i]!.value)))
}
