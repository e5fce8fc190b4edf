import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { changeStamp } from './change-stamp.ts'
import type { Db } from './sqlite.ts'

/**
 * SQLite's own checkpoint only past this many WAL pages (40 MB at 4 KB): the bound that still holds should the
 * background thread fall behind or fail.
 */
export const FALLBACK_CHECKPOINT_PAGES = 10_000

interface Watched {
  db: Db
  file: string
  stamp: string
}

/**
 * Takes the WAL checkpoints of databases written on the event loop off it. SQLite runs a checkpoint inside the
 * commit that pushes its WAL past 1,000 pages, with two fsyncs under `synchronous = NORMAL`: every few dozen uploads
 * a request, and every other request of the process, waited 4 ms or more for the disk (strace on the DAV bench:
 * 18 fsyncs per 1,000 uploads of 100 KB). Here every `everyMs`, each watched database written since the last look
 * (its change stamp moved) is handed to a worker thread that runs a PASSIVE checkpoint on a connection of its own.
 * The thread starts with the first write and closes its connections after `idleMs` without one.
 */
export class BackgroundCheckpoints {
  private readonly watched = new Map<Db, Watched>()
  private worker: Worker | null = null
  private readonly timer: NodeJS.Timeout

  constructor(private readonly opts: {
    everyMs: number
    idleMs: number
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
    this.watched.set(db, { db, file, stamp: changeStamp(db) })
  }

  /** Before the database is closed. */
  forget(db: Db): void {
    this.watched.delete(db)
  }

  /** Hands over the databases written since the last look. */
  look(): void {
    for (const w of this.watched.values()) {
      if (!w.db.open) {
        this.watched.delete(w.db)
        continue
      }
      const stamp = changeStamp(w.db)
      if (stamp === w.stamp) continue
      w.stamp = stamp
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
