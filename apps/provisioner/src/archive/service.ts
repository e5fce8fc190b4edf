import fs from 'node:fs'
import fsp from 'node:fs/promises'
import { NotFound } from '@maison/errors'
import type { QueueRegistry } from '@maison/queue'
import type { AuditLog, Clock, StaffMember } from '../domain/ports.ts'
import { authorize } from '../domain/staff.ts'
import { requestExport } from '../../../workspace/src/archive/export-request.ts'
import type { ExportRecord, ExportStore } from '../../../workspace/src/archive/export-store.ts'
import type { AppArchiveSource } from './app-archives.ts'
import { writeSpace, type ExportStep } from './exporter.ts'
import { importSpace, type ImportDeps, type ImportResult } from './importer.ts'
import type { SpaceStore } from './ports.ts'
import { TarGzWriter } from './tar-writer.ts'

/** Days an export stays downloadable. */
export const EXPORT_DAYS = 7

export interface ArchiveDeps extends Omit<ImportDeps, 'apps'> {
  spaces: SpaceStore
  store: ExportStore
  queues: QueueRegistry
  audit: AuditLog
  apps: AppArchiveSource
  clock: Clock
}

/** Export of a space into one archive, its download, its expiry, and import of an archive into a new space. */
export class SpaceArchives {
  constructor(private readonly d: ArchiveDeps) {}

  private log(staff: StaffMember | null, action: string, slug: string, detail: Record<string, unknown>): void {
    this.d.audit.record({ at: this.d.clock().toISOString(), staffId: staff?.id ?? null, actor: staff?.username ?? 'system', action, target: `space:${slug}`, detail })
  }

  /** Queues an export. @throws Forbidden, NotFound */
  async requestExport(staff: StaffMember, slug: string): Promise<ExportRecord> {
    authorize(staff, 'operate')
    if (!this.d.spaces.exists(slug)) throw new NotFound(`There is no space "${slug}".`)
    const record = await requestExport({ queues: this.d.queues, store: this.d.store, clock: this.d.clock }, slug, `staff:${staff.username}`)
    this.log(staff, 'space.export_requested', slug, { export: record.id })
    return record
  }

  /** @throws NotFound */
  listExports(slug: string): ExportRecord[] {
    if (!this.d.spaces.exists(slug)) throw new NotFound(`There is no space "${slug}".`)
    return this.d.store.list(slug)
  }

  /** The record and, once ready, the archive's path. @throws NotFound */
  download(id: string): { record: ExportRecord; file: string | null } {
    const record = this.d.store.get(id)
    if (!record) throw new NotFound('There is no such export (exports are kept 7 days).')
    const file = this.d.store.archivePath(id)
    return { record, file: record.state === 'ready' && fs.existsSync(file) ? file : null }
  }

  /**
   * Writes the archive of a queued export: to a temp name, renamed into place when complete, so a
   * crashed run leaves no half archive to download. Running it again after success does nothing.
   */
  async runExport(id: string, progress: (step: ExportStep, files: number) => Promise<void> | void = () => undefined): Promise<ExportRecord> {
    const record = this.d.store.get(id)
    if (!record) throw new NotFound(`There is no export ${id}.`)
    if (record.state === 'ready' && fs.existsSync(this.d.store.archivePath(id))) return record
    const tmp = this.d.store.tempPath(id)
    await fsp.rm(tmp, { force: true })
    const writer = new TarGzWriter(tmp, this.d.clock)
    const apps = await this.d.apps()
    let name = record.slug
    try {
      await this.d.spaces.use(record.slug, async (space) => {
        name = space.name
        // Progress is best effort: a Redis hiccup while reporting must not fail the export.
        await writeSpace(space, writer, { apps, clock: this.d.clock, progress: (step, files) => void Promise.resolve(progress(step, files)).catch(() => undefined) })
      })
      const { size, sha256 } = await writer.finish({ slug: record.slug, name })
      await fsp.rename(tmp, this.d.store.archivePath(id))
      const done: ExportRecord = { ...record, state: 'ready', finishedAt: this.d.clock().toISOString(), size, sha256, error: null }
      this.d.store.save(done)
      this.log(null, 'space.exported', record.slug, { export: id, size })
      return done
    } catch (err) {
      writer.abort(err as Error)
      await fsp.rm(tmp, { force: true })
      throw err
    }
  }

  /** Marks an export that will not be retried any more. */
  failExport(id: string, error: string): void {
    const record = this.d.store.get(id)
    if (record && record.state !== 'ready') this.d.store.save({ ...record, state: 'failed', error: error.slice(0, 2000), finishedAt: this.d.clock().toISOString() })
  }

  /** Removes exports older than EXPORT_DAYS; returns how many went. */
  async expire(): Promise<number> {
    const cutoff = new Date(this.d.clock().getTime() - EXPORT_DAYS * 86400_000).toISOString()
    let n = 0
    for (const r of this.d.store.all()) {
      if (r.createdAt >= cutoff) continue
      await this.d.store.remove(r.id)
      n++
    }
    return n
  }

  /** Imports an uploaded archive into a new space. @throws Forbidden, Conflict, ValidationError */
  async importArchive(staff: StaffMember, slug: string, file: string): Promise<ImportResult> {
    authorize(staff, 'operate')
    const result = await importSpace({ ...this.d, apps: await this.d.apps() }, slug, file)
    this.log(staff, 'space.imported', slug, { from: result.sourceSlug, files: result.files, accounts: result.accounts.length })
    return result
  }
}
