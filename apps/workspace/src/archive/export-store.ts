import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import { randomBytes } from 'node:crypto'

export type ExportState = 'queued' | 'ready' | 'failed'

/** One export of a space, as listed to staff and to the space's admins. */
export interface ExportRecord {
  id: string
  slug: string
  state: ExportState
  requestedBy: string
  createdAt: string
  finishedAt: string | null
  /** Bytes of the archive once ready. */
  size: number | null
  /** SHA-256 (hex) of the whole archive once ready. */
  sha256: string | null
  error: string | null
}

/** Where export archives and their records live. */
export interface ExportStore {
  save(record: ExportRecord): void
  get(id: string): ExportRecord | null
  /** Exports of one space, newest first. */
  list(slug: string): ExportRecord[]
  /** Temp file the job writes to, renamed into place by `archivePath` when complete. */
  tempPath(id: string): string
  archivePath(id: string): string
  /** Removes archive and record. */
  remove(id: string): Promise<void>
  /** Every record (for expiry). */
  all(): ExportRecord[]
}

// Export ids name files and BullMQ jobs: keep them to a safe, colon-free alphabet.
const ID = /^[a-z0-9-]{1,64}-\d{14}-[a-f0-9]{8}$/

/** A fresh export id: the slug, the time and a random tail, readable in a file listing. */
export function newExportId(slug: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14)
  return `${slug}-${stamp}-${randomBytes(4).toString('hex')}`
}

/** Whether a string can be an export id (anything else is simply not found). */
export const isExportId = (id: string): boolean => ID.test(id)

/** Exports as files under DATA_DIR/exports: `{id}.tar.gz` beside `{id}.json`, written atomically. */
export class FsExportStore implements ExportStore {
  constructor(private readonly dir: string) {}

  static forDataDir(dataDir: string): FsExportStore {
    return new FsExportStore(path.join(dataDir, 'exports'))
  }

  private recordPath(id: string): string {
    return path.join(this.dir, `${id}.json`)
  }

  save(record: ExportRecord): void {
    fs.mkdirSync(this.dir, { recursive: true })
    const tmp = `${this.recordPath(record.id)}.${process.pid}.tmp`
    fs.writeFileSync(tmp, JSON.stringify(record))
    fs.renameSync(tmp, this.recordPath(record.id))
  }

  get(id: string): ExportRecord | null {
    if (!isExportId(id)) return null
    try {
      return JSON.parse(fs.readFileSync(this.recordPath(id), 'utf8')) as ExportRecord
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw e
    }
  }

  all(): ExportRecord[] {
    let names: string[]
    try {
      names = fs.readdirSync(this.dir)
    } catch {
      return []
    }
    return names.filter((n) => n.endsWith('.json')).map((n) => this.get(n.slice(0, -5))).filter((r): r is ExportRecord => r !== null)
  }

  list(slug: string): ExportRecord[] {
    return this.all().filter((r) => r.slug === slug).sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  }

  tempPath(id: string): string {
    return path.join(this.dir, `.${id}.tar.gz.part`)
  }

  archivePath(id: string): string {
    return path.join(this.dir, `${id}.tar.gz`)
  }

  async remove(id: string): Promise<void> {
    await fsp.rm(this.archivePath(id), { force: true })
    await fsp.rm(this.tempPath(id), { force: true })
    await fsp.rm(this.recordPath(id), { force: true })
  }
}
