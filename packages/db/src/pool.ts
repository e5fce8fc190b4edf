import fs from 'node:fs'
import path from 'node:path'
import { openDatabase, type Db } from './sqlite.ts'

interface Entry {
  db: Db
  lastUsed: number
}

/**
 * Keeps at most `maxOpen` space databases open, closing the least recently used and
 * those idle for longer than `idleMs`, so 10,000 registered spaces cost a few handles.
 */
export class SpaceDatabasePool {
  private readonly open = new Map<string, Entry>()
  private readonly timer: NodeJS.Timeout

  constructor(
    private readonly spacesDir: string,
    private readonly opts: { maxOpen: number; idleMs: number; onOpen?: (slug: string, db: Db) => void },
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

  /** The open handle of a space, opening it if needed (the file must exist unless `create`). */
  get(slug: string, opts: { create?: boolean } = {}): Db {
    const hit = this.open.get(slug)
    if (hit) {
      hit.lastUsed = Date.now()
      // Map order doubles as LRU order.
      this.open.delete(slug)
      this.open.set(slug, hit)
      return hit.db
    }
    if (!opts.create && !this.exists(slug)) throw new Error(`space database missing: ${slug}`)
    const db = openDatabase(this.file(slug))
    this.opts.onOpen?.(slug, db)
    this.open.set(slug, { db, lastUsed: Date.now() })
    while (this.open.size > this.opts.maxOpen) {
      const oldest = this.open.keys().next().value as string
      this.close(oldest)
    }
    return db
  }

  close(slug: string): void {
    const e = this.open.get(slug)
    if (!e) return
    this.open.delete(slug)
    e.db.close()
  }

  get openCount(): number {
    return this.open.size
  }

  closeIdle(now = Date.now()): void {
    for (const [slug, e] of this.open) if (now - e.lastUsed > this.opts.idleMs) this.close(slug)
  }

  closeAll(): void {
    clearInterval(this.timer)
    for (const slug of [...this.open.keys()]) this.close(slug)
  }
}
