import { isBusy, pauseSync } from './busy.ts'
import { prepared } from './statements.ts'
import { BUSY_TIMEOUT_MS, type Db } from './sqlite.ts'

/** How long to wait in short steps before leaving the wait to SQLite's own busy handler. */
const SHORT_WAITS_MS = 250
const FIRST_PAUSE_MS = 0.03
const LONGEST_PAUSE_MS = 0.5

type Runner = ReturnType<Db['transaction']>

interface Attempt {
  started: boolean
  /** The limit to put back once `BEGIN` succeeded, when the attempt lowered it. */
  stackTraceLimit?: number
}

// One transaction function per database, given the work as an argument: better-sqlite3 builds several
// closures for each `db.transaction(fn)`, and every write of a request made one.
const runners = new WeakMap<Db, Runner>()

function runnerOf(db: Db): Runner {
  let runner = runners.get(db)
  if (!runner) {
    runner = db.transaction((fn: () => unknown, start: Attempt) => {
      start.started = true
      if (start.stackTraceLimit !== undefined) Error.stackTraceLimit = start.stackTraceLimit
      return fn()
    })
    runners.set(db, runner)
  }
  return runner
}

/** What `tryWriteTransaction` answers when another connection holds the write lock. */
export const LOCK_BUSY: unique symbol = Symbol('write lock busy')

/**
 * One attempt at `fn` in a `BEGIN IMMEDIATE` transaction that does not wait for another connection's write lock:
 * answers LOCK_BUSY at once, before `fn` ran, for a caller that waits its own way (`groupedWrite` lets the event
 * loop go on meanwhile). Inside an open transaction, `fn` runs in a savepoint as with `writeTransaction`.
 */
export function tryWriteTransaction<T>(db: Db, fn: () => T): T | typeof LOCK_BUSY {
  const runner = runnerOf(db)
  if (db.inTransaction) return runner.immediate(fn, { started: false }) as T
  prepared(db, 'PRAGMA busy_timeout = 0').get()
  // A refused BEGIN throws a SqliteError whose stack V8 rebuilds from the optimised frames: half of each refused
  // attempt's cost (about 22 → 10 µs), and with two web processes uploading into one space, one attempt in two is
  // refused. A refusal only means "later", so errors of BEGIN itself get no stack; the limit is back before `fn` runs.
  const start: Attempt = { started: false, stackTraceLimit: Error.stackTraceLimit }
  Error.stackTraceLimit = 0
  try {
    return runner.immediate(fn, start) as T
  } catch (err) {
    if (start.started || !isBusy(err)) throw err
    return LOCK_BUSY
  } finally {
    Error.stackTraceLimit = start.stackTraceLimit!
    prepared(db, `PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`).get()
  }
}

/**
 * Runs `fn` in a `BEGIN IMMEDIATE` transaction, like better-sqlite3's `transaction(fn).immediate()`, but waits for
 * another process's write lock in short steps (a pause overshoots by about 0.1 ms on the VMs we measured). SQLite's busy
 * handler sleeps 1 ms, then 2, 5, 10… while our write transactions hold the lock for well under a millisecond, and the
 * whole event loop sleeps with it: with two web processes writing one space, a 128-byte PUT waited 1–2 ms more often
 * than not (strace: 5,300 sleeps for 5,000 uploads). Only the `BEGIN` is retried, never `fn` once it has started.
 */
export function writeTransaction<T>(db: Db, fn: () => T): T {
  const deadline = performance.now() + SHORT_WAITS_MS
  let pauseMs = FIRST_PAUSE_MS
  while (performance.now() < deadline) {
    const result = tryWriteTransaction(db, fn)
    if (result !== LOCK_BUSY) return result
    pauseSync(pauseMs)
    pauseMs = Math.min(pauseMs * 2, LONGEST_PAUSE_MS)
  }
  // A writer holding the lock this long (a large import, a migration): SQLite's handler waits, up to its timeout.
  return runnerOf(db).immediate(fn, { started: false }) as T
}
