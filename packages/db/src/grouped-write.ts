import type { Db } from './sqlite.ts'
import { LOCK_BUSY, tryWriteTransaction, writeTransaction } from './write-transaction.ts'

interface Job {
  fn: () => unknown
  resolve: (value: unknown) => void
  reject: (err: unknown) => void
}

interface Group {
  jobs: Job[]
  /** When the group first found another connection holding the write lock (performance.now()). */
  busySince: number | null
}

/** While another connection holds the write lock: retried at every turn of the event loop this long, then every 1 ms. */
const EVERY_TURN_MS = 2
/** Past this, the group waits for the lock blocking, in `writeTransaction` (short steps, then SQLite's handler). */
const WAIT_ASYNC_MS = 250

// The group waiting for the next flush, per database; a database is here only while a flush is scheduled.
const pending = new WeakMap<Db, Group>()

/**
 * Runs `fn` in a write transaction shared with the other grouped writes to the same database that arrive before
 * the event loop's next check phase (group commit): under load, requests whose bodies came in the same turn
 * pay one `BEGIN IMMEDIATE`, one commit and one set of WAL frames for the pages they share (their folder's row,
 * the index pages) instead of one each. Each `fn` runs inside its own savepoint, so one that throws is rolled
 * back alone and its promise rejects with its error; the others commit. `fn` must be synchronous, as for
 * `writeTransaction`. Alone in its turn, a write waits for nothing more than that turn's end.
 *
 * While another process holds the write lock the group waits without blocking the event loop, retrying at each
 * turn (then every millisecond), and the writes arriving meanwhile join it. A blocking wait stalled every request of
 * the process: with two web processes uploading into one space, each spent 300 ms of a 4 s run asleep in about 450
 * waits, each overshooting its 30 µs by about 100 µs, while the other process took the lock again and again.
 * @throws (rejects with) what `fn` throws, or the error that made the whole transaction fail (every job gets it).
 */
export function groupedWrite<T>(db: Db, fn: () => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let group = pending.get(db)
    if (!group) {
      pending.set(db, (group = { jobs: [], busySince: null }))
      setImmediate(flush, db)
    }
    group.jobs.push({ fn, resolve: resolve as (value: unknown) => void, reject })
  })
}

function flush(db: Db): void {
  const group = pending.get(db)!
  pending.delete(db)
  const waited = group.busySince === null ? 0 : performance.now() - group.busySince
  if (waited >= WAIT_ASYNC_MS) {
    run(group.jobs, (fn) => writeTransaction(db, fn), db)
    return
  }
  if (run(group.jobs, (fn) => tryWriteTransaction(db, fn), db) !== LOCK_BUSY) return
  group.busySince ??= performance.now()
  const arrived = pending.get(db)
  if (arrived) {
    // Writes that came while this group waited already have a flush scheduled: they go after this group's.
    arrived.jobs.unshift(...group.jobs)
    arrived.busySince = group.busySince
    return
  }
  pending.set(db, group)
  if (waited < EVERY_TURN_MS) setImmediate(flush, db)
  else setTimeout(flush, 1, db)
}

/** Runs the jobs in one transaction begun by `begin`; answers LOCK_BUSY, having run none, when `begin` could not start. */
function run(jobs: Job[], begin: (fn: () => unknown) => unknown, db: Db): void | typeof LOCK_BUSY {
  if (jobs.length === 1) {
    const job = jobs[0]!
    let value: unknown
    try {
      value = begin(job.fn)
    } catch (err) {
      job.reject(err)
      return
    }
    if (value === LOCK_BUSY) return LOCK_BUSY
    job.resolve(value)
    return
  }
  const outcomes: { ok: boolean; value: unknown }[] = []
  let begun: unknown
  try {
    begun = begin(() => {
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
  if (begun === LOCK_BUSY) return LOCK_BUSY
  jobs.forEach((job, i) => (outcomes[i]!.ok ? job.resolve(outcomes[i]!.value) : job.reject(outcomes[i]!.value)))
}
