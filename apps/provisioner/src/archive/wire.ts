import path from 'node:path'
import type { Db, SpaceDatabasePool } from '@maison/db'
import type { QueueRegistry } from '@maison/queue'
import { checkSlug, type TakenNames } from '../domain/slug-check.ts'
import type { AuditLog, Clock, MailPort, SpaceBackend } from '../domain/ports.ts'
import { FsExportStore } from '../../../workspace/src/archive/export-store.ts'
import type { SpaceHost } from '../../../workspace/src/spaces/host.ts'
import type { SpaceRegistry } from '../../../workspace/src/spaces/registry.ts'
import { installedAppArchives, type AppArchiveSource } from './app-archives.ts'
import { HostSpaceStore } from './host-spaces.ts'
import { SqliteImportMarks } from '../storage/sqlite-imports.ts'
import { SpaceArchives } from './service.ts'

export interface ArchiveParts {
  platformDb: Db
  registry: SpaceRegistry
  pool: SpaceDatabasePool
  host: SpaceHost
  queues: QueueRegistry
  mail: MailPort
  backend: SpaceBackend
  audit: AuditLog
  names: TakenNames
  baseUrl: string
  clock: Clock
  /** DATA_DIR: exports and the import spool live under it. */
  dataDir: string
  apps?: AppArchiveSource
}

/** Builds the export/import service of the embedded host, and where imports are spooled. */
export function buildArchives(p: ArchiveParts): { archives: SpaceArchives; spaces: HostSpaceStore; tmpDir: string } {
  const dataDir = p.dataDir
  const spaces = new HostSpaceStore({
    host: p.host, registry: p.registry, pool: p.pool, platformDb: p.platformDb, marks: new SqliteImportMarks(p.platformDb), baseUrl: p.baseUrl, clock: p.clock,
  })
  const archives = new SpaceArchives({
    spaces,
    store: FsExportStore.forDataDir(dataDir),
    queues: p.queues,
    audit: p.audit,
    apps: p.apps ?? installedAppArchives(),
    mail: p.mail,
    activation: { ensure: (slug, user, secret) => p.backend.ensureActivation(slug, user, secret), url: (slug, secret) => p.backend.activationUrl(slug, secret) },
    nameProblem: (slug) => {
      const v = checkSlug(slug, p.names)
      return v.available ? null : { reason: v.reason, message: v.message }
    },
    baseUrl: p.baseUrl,
    clock: p.clock,
  })
  return { archives, spaces, tmpDir: path.join(dataDir, 'imports') }
}
