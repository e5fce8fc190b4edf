import fs from 'node:fs'
import path from 'node:path'
import { openDatabase, type Db } from './sqlite.ts'
import type { BackgroundCheckpoints } from './checkpoints.ts'

interface Entry {
  db: Db
  lastUsed: number
  /** Holders that may use the handle across awaits (a request, a job): never closed while > 0. */
  leases: number
}

export interface DatabaseLease {
  db: Db
  /** Idempotent. */
  release(): void
}

/**
 * Keeps at most `maxOpen` space databases open, closing the least recently used and
 * those idle for longer than `idleMs`, so 10,000 registered spaces cost a few handles.
 */
export class SpaceDatabasePool {
  private readonly open = new Map<string, Entry>()
  /** The entry last in `open`'s order. */
  private newest: Entry | null = null
  private readonly timer: NodeJS.Timeout

  constructor(
    private readonly spacesDir: string,
    private readonly opts: {
      maxOpen: number
      idleMs: number
      onOpen?: (slug: string, db: Db) => void
      /** Takes the WAL checkpoints of the open databases off the event loop (a serving process's pool). */
      checkpoints?: BackgroundCheckpoints
    },
  ) {
    this.timer = setInterval(() => this.closeIdle(), Math.min(opts.idleMs, 30_000))
    this.timer.unref()
  }

  /** Directory holding one space's database and files. */
  dir(slug: string): string {
    return path.join(this.spacesDir, slug)
  }

  file(slug: string): string {
    return path.join(this.dir(slug), 'space.sqlite')
  }

  exists(slug: string): boolean {
    return fs.existsSync(this.file(slug))
  }

  /**
   * The open handle of a space for synchronous use only: it may be closed by a later `get` or
   * `lease` of other spaces. Whoever awaits while holding it must `lease` instead.
   */
  get(slug: string, opts: { create?: boolean } = {}): Db {
    return this.entry(slug, opts).db
  }

  /** A handle that stays open until released, whatever else is opened meanwhile. */
  lease(slug: string, opts: { create?: boolean } = {}): DatabaseLease {
    const e = this.entry(slug, opts)
    e.leases++
    return { db: e.db, release: this.releaser(e) }
  }

  // Returned, not written inline as `release: () => …`: under tsx (esbuild's keepNames) a closure named
  // by its property costs an Object.defineProperty on every lease, i.e. on every request.
  private releaser(e: Entry): () => void {
    let released = false
    return () => {
      if (released) return
      released = true
      e.leases--
      e.lastUsed = Date.now()
      this.evict()
    }
  }

  private entry(slug: string, opts: { create?: boolean }): Entry {
    const hit = this.open.get(slug)
    if (hit) {
      hit.lastUsed = Date.now()
      // Map order doubles as LRU order. Moving an entry makes the long-lived map rebuild its table every few
      // moves, and each new table outlived young collections: the largest share of what a request left for the
      // old generation once the rest was gone (sampling heap profiler). Only when another space came in between.
      if (hit !== this.newest) {
        this.open.delete(slug)
        this.open.set(slug, hit)
        this.newest = hit
      }
      return hit
    }
    if (!opts.create && !this.exists(slug)) throw new Error(`space database missing: ${slug}`)
    const db = openDatabase(this.file(slug))
    this.opts.checkpoints?.watch(db, this.file(slug))
    this.opts.onOpen?.(slug, db)
    const e = { db, lastUsed: Date.now(), leases: 0 }
    this.open.set(slug, e)
    this.newest = e
    this.evict(slug)
    return e
  }

  /** Closes the least recently used unleased handles beyond maxOpen (leased ones may overflow it). */
  private evict(keep?: string): void {
    if (this.open.size <= this.opts.maxOpen) return
    for (const [slug, e] of this.open) {
      if (this.open.size <= this.opts.maxOpen) break
      if (e.leases === 0 && slug !== keep) this.close(slug)
    }
  }

  close(slug: string): void {
    const e = this.open.get(slug)
    if (!e || e.leases > 0) return
    this.open.delete(slug)
    if (e === this.newest) this.newest = null
    this.opts.checkpoints?.forget(e.db)
    e.db.close()
  }

  get openCount(): number {
    return this.open.size
  }

  closeIdle(now = Date.now()): void {
    for (const [slug, e] of this.open) if (e.leases === 0 && now - e.lastUsed > this.opts.idleMs) this.close(slug)
  }

  /** Closes every handle, leased or not: the process is stopping. */
  closeAll(): void {
    clearInterval(this.timer)
    for (const e of this.open.values()) {
      this.opts.checkpoints?.forget(e.db)
      e.db.close()
    }
    this.open.clear()
  }
}
