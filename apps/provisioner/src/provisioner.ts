import type { Logger } from 'pino'
import { migrate, type Db, type SpaceDatabasePool } from '@maison/db'
import type { QueueRegistry } from '@maison/queue'
import { provisionerMigrations } from '../migrations/index.ts'
import { ApplicationService } from './domain/applications.ts'
import { DEFAULT_THRESHOLDS, type EligibilityThresholds } from './domain/eligibility.ts'
import { SpaceLifecycle } from './domain/lifecycle.ts'
import { takenNames } from './domain/names.ts'
import type { MailPort, SpaceBackend } from './domain/ports.ts'
import { Provisioning, type SpaceDefaults } from './domain/provisioning.ts'
import { StaffService } from './domain/staff.ts'
import { FleetStats } from './domain/stats.ts'
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

/** Settings the lead will move into @maison/config (names in the report). */
export interface ProvisionerOptions {
  thresholds: EligibilityThresholds
  defaults: SpaceDefaults
  graceDays: number
  /** Applications accepted per address and hour. */
  applyPerHour: number
  /** How often approved applications without a job are queued again. */
  sweepMs: number
  /** Applications untouched for this long are checked by the sweep. */
  sweepStaleMs: number
  provisionConcurrency: number
  /** A killed worker's jobs are taken over once their lock expires; steps are idempotent, so let them stall often. */
  lockDurationMs: number
  stalledIntervalMs: number
  maxStalledCount: number
  /** Crash-test control run only. */
  guards: boolean
}

export const DEFAULT_OPTIONS: ProvisionerOptions = {
  thresholds: DEFAULT_THRESHOLDS,
  defaults: {
    quotaBytes: 40 * 1024 ** 3,
    maxAccounts: 50,
    apps: ['files', 'events', 'members', 'visuals'],
    folders: { en: ['Documents', 'Photos', 'Shared'], fr: ['Documents', 'Photos', 'Partage'] },
    adminUsername: 'admin',
  },
  graceDays: 30,
  applyPerHour: 5,
  sweepMs: 60_000,
  sweepStaleMs: 60_000,
  provisionConcurrency: 4,
  lockDurationMs: 30_000,
  stalledIntervalMs: 30_000,
  maxStalledCount: 5,
  guards: true,
}

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
  const queue = new BullProvisionQueue(parts.queues)
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
  const stats = new FleetStats(new SqliteStats(db), parts.registry)
  return { options, clock, repos, queue, backend, applications, provisioning, lifecycle, staff, stats, outbox: parts.outbox, logger: parts.logger }
}

export type Provisioner = ReturnType<typeof buildProvisioner>
