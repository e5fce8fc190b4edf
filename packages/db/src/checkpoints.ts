import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type { Db } from './sqlite.ts'
import { prepared } from './statements.ts'

/**
 * SQLite's own checkpoint only past this many WAL pages (40 MB at 4 KB): the bound that still holds should the
 * background thread fall behind or fail.
 */
export const FALLBACK_CHECKPOINT_PAGES = 10_000

/** Rows this process changes in a database before its thread checkpoints it: about 500 WAL pages for uploads. */
export const CHANGES_PER_CHECKPOINT = 256

interface Watched {
  db: Db
  file: string
  /** `total_changes()` of the connection when it was last handed over. */
  handed: number
}

/** Rows inserted, updated or deleted through this connection since it opened. */
function changesOf(db: Db): number {
  return (prepared(db, 'SELECT total_changes() AS n').get() as { n: number }).n
}

/**
 * Takes the WAL checkpoints of databases written on the event loop off it. SQLite runs a checkpoint inside the
 * commit that pushes its WAL past 1,000 pages, with two fsyncs under `synchronous = NORMAL`: every few dozen uploads
 * a request, and every other request of the process, waited 4 ms or more for the disk (strace on the DAV bench:
 * 18 fsyncs per 1,000 uploads of 100 KB). Here every `everyMs`, each watched database in which this process has
 * changed `changesPerCheckpoint` rows since it was last handed over is handed to a worker thread, which runs a PASSIVE
 * checkpoint on a connection of its own: as often as SQLite would, not after every write (a checkpoint's fsyncs after
 * each of a sync client's rare writes would cost the disk more than they save). The thread starts with the first
 * checkpoint and closes its connections after `idleMs` without one. A WAL left under the threshold is copied when its
 * last connection closes, as SQLite does.
 */
export class BackgroundCheckpoints {
  private readonly watched = new Map<Db, Watched>()
  private worker: Worker | null = null
  private readonly timer: NodeJS.Timeout

  constructor(private readonly opts: {
    everyMs: number
    idleMs: number
    /** Default CHANGES_PER_CHECKPOINT. */
    changesPerCheckpoint?: number
    onError?: (file: string, message: string) => void
    /** After each checkpoint: the WAL's frames, and how many of them are now in the database. */
    onCheckpoint?: (file: string, frames: { log: number; checkpointed: number }) => void
  }) {
    this.timer = setInterval(() => this.look(), opts.everyMs)
    this.timer.unref()
  }

  /** Watches an open database of `file`; its own checkpoints then wait for FALLBACK_CHECKPOINT_PAGES. */
  watch(db: Db, file: string): void {
    db.pragma(`wal_autocheckpoint = ${FALLBACK_CHECKPOINT_PAGES}`)
    this.watched.set(db, { db, file, handed: changesOf(db) })
  }

  /** Before the database is closed. */
  forget(db: Db): void {
    this.watched.delete(db)
  }

  /** Hands over the databases with enough changes since they were last handed over. */
  look(): void {
    const threshold = this.opts.changesPerCheckpoint ?? CHANGES_PER_CHECKPOINT
    for (const w of this.watched.values()) {
      if (!w.db.open) {
        this.watched.delete(w.db)
        continue
      }
      const changes = changesOf(w.db)
      if (changes - w.handed < threshold) continue
      w.handed = changes
      this.thread().postMessage({ file: w.file })
    }
  }

  /** Stops the thread once it has closed its connections. */
  async stop(): Promise<void> {
    clearInterval(this.timer)
    this.watched.clear()
    const worker = this.worker
    this.worker = null
    if (!worker) return
    const exited = new Promise((resolve) => worker.once('exit', resolve))
    worker.postMessage({ stop: true })
    await exited
  }

  private thread(): Worker {
    if (this.worker) return this.worker
    const worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), {
      workerData: { sqlite: createRequire(import.meta.url).resolve('better-sqlite3'), idleMs: this.opts.idleMs },
      // The thread's own heap stays small: it holds a few connections and parses nothing.
      resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 },
      execArgv: [],
    })
    worker.unref()
    worker.on('message', (m: { file: string; error?: string; log?: number; checkpointed?: number }) => {
      if (m.error !== undefined) this.opts.onError?.(m.file, m.error)
      else this.opts.onCheckpoint?.(m.file, { log: m.log!, checkpointed: m.checkpointed! })
    })
    worker.on('error', (err) => {
      this.opts.onError?.('(checkpoint thread)', err.message)
      if (this.worker === worker) this.worker = null
    })
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null
    })
    this.worker = worker
    return worker
  }
}
