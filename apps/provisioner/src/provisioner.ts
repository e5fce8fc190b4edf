import type { Logger } from 'pino'
import { migrate, type Db, type SpaceDatabasePool } from '@maison/db'
import type { QueueRegistry } from '@maison/queue'
import { provisionerMigrations } from '../migrations/index.ts'
import { ApplicationService } from './domain/applications.ts'
import { SpaceLifecycle } from './domain/lifecycle.ts'
import { takenNames } from './domain/names.ts'
import type { MailPort, SpaceBackend } from './domain/ports.ts'
import { Provisioning } from './domain/provisioning.ts'
import { StaffService } from './domain/staff.ts'
import { FleetStats } from './domain/stats.ts'
import { FleetUpgrade } from './domain/upgrade.ts'
import { computeUsage } from './domain/usage.ts'
import { BullStatsQueue } from './jobs/stats-jobs.ts'
import { BullUpgradeQueue } from './jobs/upgrade-jobs.ts'
import { DEFAULT_OPTIONS, type ProvisionerOptions } from './options.ts'
import { hostFleet } from './storage/host-fleet.ts'
import { SqliteImportMarks } from './storage/sqlite-imports.ts'
import { SqliteUpgradeRepository } from './storage/sqlite-upgrades.ts'
import { SqliteUsageSnapshots, spaceUsageReader } from './storage/sqlite-usage.ts'
import { buildArchives } from './archive/wire.ts'
import { BullProvisionQueue } from './jobs/queues.ts'
import { HostSpaceBackend } from './spaces/host-backend.ts'
import { SqliteApplicationRepository } from './storage/sqlite-applications.ts'
import {
  SqliteAuditLog, SqliteClosingRequests, SqliteDeletions, SqliteMailLedgerRepository, SqlitePlacements,
  SqliteRejectTemplates, SqliteTransactor,
} from './storage/sqlite-platform.ts'
import { SqliteStaffRepository } from './storage/sqlite-staff.ts'
import { SqliteStats } from './storage/sqlite-stats.ts'
import type { SpaceHost } from '../../workspace/src/spaces/host.ts'
import type { SpaceRegistry } from '../../workspace/src/spaces/registry.ts'

export { DEFAULT_OPTIONS, optionsFromConfig, type ProvisionerOptions } from './options.ts'

/** What the provisioner needs from the running workspace (all present in `startServer`'s result). */
export interface ProvisionerParts {
  platformDb: Db
  registry: SpaceRegistry
  pool: SpaceDatabasePool
  host: SpaceHost
  queues: QueueRegistry
  mail: MailPort
  outbox: { list(limit?: number): { id: number; key: string; to: string; subject: string; text: string; createdAt: string }[] }
  baseUrl: string
  /** DATA_DIR of the host (exports and the import spool live under it). */
  dataDir: string
  logger: Logger
  clock?: () => Date
  backend?: SpaceBackend
  options?: Partial<ProvisionerOptions>
}

/** Migrates the provisioner's tables and builds its services over the platform database. */
export function buildProvisioner(parts: ProvisionerParts) {
  const clock = parts.clock ?? (() => new Date())
  const options = { ...DEFAULT_OPTIONS, ...parts.options }
  const db = parts.platformDb
  migrate(db, [provisionerMigrations], clock)
  const repos = {
    apps: new SqliteApplicationRepository(db),
    staff: new SqliteStaffRepository(db),
    audit: new SqliteAuditLog(db),
    templates: new SqliteRejectTemplates(db),
    placements: new SqlitePlacements(db),
    ledger: new SqliteMailLedgerRepository(db),
    deletions: new SqliteDeletions(db),
    closing: new SqliteClosingRequests(db),
    tx: new SqliteTransactor(db),
    spaces: parts.registry,
  }
  const queue = new BullProvisionQueue(parts.queues, options.retention)
  const backend = parts.backend ?? new HostSpaceBackend({ host: parts.host, registry: parts.registry, pool: parts.pool, baseUrl: parts.baseUrl, clock })
  const names = takenNames({ get: (s) => parts.registry.get(s), list: () => parts.registry.list() }, repos.apps, repos.placements)
  const applications = new ApplicationService({
    apps: repos.apps, templates: repos.templates, audit: repos.audit, tx: repos.tx, names, mail: parts.mail, queue, clock,
    baseUrl: parts.baseUrl, thresholds: options.thresholds,
  })
  const provisioning = new Provisioning({
    apps: repos.apps, placements: repos.placements, ledger: repos.ledger, audit: repos.audit, tx: repos.tx, backend,
    mail: parts.mail, clock, baseUrl: parts.baseUrl, defaults: options.defaults, guards: options.guards,
  })
  const lifecycle = new SpaceLifecycle({
    backend, deletions: repos.deletions, closing: repos.closing, audit: repos.audit, tx: repos.tx, queue, clock, graceDays: options.graceDays,
  })
  const staff = new StaffService(repos.staff, repos.audit, clock)
  const snapshots = new SqliteUsageSnapshots(db)
  const stats = new FleetStats(new SqliteStats(db), parts.registry, snapshots, clock)
  const monotonic = () => performance.now()
  const statsQueue = new BullStatsQueue(parts.queues, options.retention)
  const readUsage = spaceUsageReader(parts.pool)
  /** Reads every space's usage into a new snapshot (the statistics job). */
  const computeFleetUsage = () => computeUsage({
    spaces: () => parts.registry.list().filter((s) => s.status !== 'deleted' && parts.pool.exists(s.slug)).map((s) => s.slug),
    read: readUsage, snapshots, clock, monotonic, concurrency: options.stats.concurrency,
    onError: (slug, err) => parts.logger.warn({ err, slug }, 'could not read the usage of a space'),
  })
  const upgrades = new FleetUpgrade({
    repo: new SqliteUpgradeRepository(db), fleet: hostFleet(parts.host, parts.registry, parts.pool, new SqliteImportMarks(db)),
    queue: new BullUpgradeQueue(parts.queues, options.retention), audit: repos.audit, clock, monotonic,
    options: { concurrency: options.upgrade.concurrency, maxFailures: options.upgrade.maxFailures },
  })
  const archive = buildArchives({
    platformDb: db, registry: parts.registry, pool: parts.pool, host: parts.host, queues: parts.queues, mail: parts.mail, backend,
    audit: repos.audit, names, baseUrl: parts.baseUrl, dataDir: parts.dataDir, clock,
  })
  return { options, clock, repos, queue, backend, applications, provisioning, lifecycle, staff, stats, statsQueue, computeFleetUsage, upgrades, archive, outbox: parts.outbox, logger: parts.logger }
}

export type Provisioner = ReturnType<typeof buildProvisioner>
