import { Conflict, NotFound, ValidationError } from '@maison/errors'
import type { AuditLog, Clock, StaffMember } from './ports.ts'
import { authorize } from './staff.ts'
import type { FleetPort, UpgradeCounts, UpgradeQueue, UpgradeRepository, UpgradeSpace } from './upgrade-ports.ts'
import { upgradeReport, type UpgradeReport } from './upgrade-report.ts'

export interface UpgradeDeps {
  repo: UpgradeRepository
  fleet: FleetPort
  queue: UpgradeQueue
  audit: AuditLog
  clock: Clock
  /** Milliseconds from a monotonic source, to measure downtimes. */
  monotonic: () => number
  options: { concurrency: number; maxFailures: number }
  /** Lets other work (requests, lock renewals) run between two spaces. */
  pause?: () => Promise<void>
}

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve))
const message = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 2000)

/**
 * Fleet upgrade: migrates every space whose schema is behind, a few at a time (lanes), closing
 * each space only while its own migration runs, and halting once too many spaces failed.
 * Each space's outcome is a row, so a worker killed at any point resumes where it stopped.
 */
export class FleetUpgrade {
  private readonly pause: () => Promise<void>

  constructor(private readonly d: UpgradeDeps) {
    this.pause = d.pause ?? nextTick
  }

  private now(): string {
    return this.d.clock().toISOString()
  }

  /** The schema fingerprint spaces are upgraded to. */
  get schemaVersion(): string {
    return this.d.fleet.schemaVersion
  }

  /** How many spaces are behind the host's schema right now. */
  behind(): number {
    return this.d.fleet.outdated().length
  }

  /**
   * Starts an upgrade of every space behind, or returns the one already running.
   * @throws Forbidden unless operator or admin; ValidationError for a bad threshold.
   */
  async start(staff: StaffMember, input: { maxFailures?: number } = {}): Promise<{ upgrade: UpgradeReport; created: boolean }> {
    authorize(staff, 'operate')
    const maxFailures = input.maxFailures ?? this.d.options.maxFailures
    if (!Number.isInteger(maxFailures) || maxFailures < 1) {
      throw new ValidationError('maxFailures must be a whole number, 1 or more.', { errors: [{ path: 'maxFailures', message: 'A whole number, 1 or more.' }] })
    }
    const created = this.d.repo.create({
      schemaVersion: this.d.fleet.schemaVersion, maxFailures, lanes: this.d.options.concurrency, startedBy: staff.username, createdAt: this.now(),
    }, this.d.fleet.outdated())
    const upgrade = created ?? this.d.repo.running()
    if (!upgrade) throw new Conflict('Another upgrade just ended; start again.')
    if (created) {
      this.d.audit.record({ at: this.now(), staffId: staff.id, actor: staff.username, action: 'upgrade.started', target: `upgrade:${created.id}`, detail: { spaces: this.d.repo.counts(created.id).total } })
    }
    try {
      await this.d.queue.startLanes(upgrade.id, upgrade.attempt, upgrade.lanes)
    } catch {
      // The upgrade is stored: the sweep queues the lanes of a running upgrade that has none (Redis down).
    }
    return { upgrade: this.report(upgrade.id), created: !!created }
  }

  /**
   * Retries the failed spaces of an ended upgrade (and any it left untouched when it halted).
   * @throws Forbidden, NotFound; Conflict while it runs or when nothing is left to do.
   */
  async retry(staff: StaffMember, id: number): Promise<UpgradeReport> {
    authorize(staff, 'operate')
    const before = this.report(id)
    if (before.status === 'running') throw new Conflict(`Upgrade ${id} is still running.`)
    if (!before.counts.failed && !before.counts.pending) throw new Conflict(`Upgrade ${id} has no failed or remaining space to retry.`)
    if (!this.d.repo.restart(id, this.now())) throw new Conflict('Another upgrade is running; retry once it has ended.')
    const u = this.d.repo.byId(id)!
    this.d.audit.record({ at: this.now(), staffId: staff.id, actor: staff.username, action: 'upgrade.retried', target: `upgrade:${id}`, detail: { failed: before.counts.failed } })
    await this.d.queue.startLanes(id, u.attempt, u.lanes)
    return this.report(id)
  }

  /** @throws NotFound */
  report(id: number): UpgradeReport {
    const u = this.d.repo.byId(id)
    if (!u) throw new NotFound(`There is no upgrade ${id}.`)
    return upgradeReport(u, this.d.repo.counts(id), this.d.repo.downtimes(id), this.d.repo.spaces(id, 'failed'), this.d.clock())
  }

  /** Counts only: cheap enough to poll every second. @throws NotFound */
  progress(id: number): { status: string; counts: UpgradeCounts; percent: number } {
    const u = this.d.repo.byId(id)
    if (!u) throw new NotFound(`There is no upgrade ${id}.`)
    const counts = this.d.repo.counts(id)
    const handled = counts.done + counts.failed + counts.skipped
    return { status: u.status, counts, percent: counts.total ? Math.floor((handled / counts.total) * 100) : 100 }
  }

  list(limit = 20): UpgradeReport[] {
    return this.d.repo.latest(limit).map((u) => this.report(u.id))
  }

  /** Spaces of an upgrade with their outcome. @throws NotFound */
  spaces(id: number): UpgradeSpace[] {
    if (!this.d.repo.byId(id)) throw new NotFound(`There is no upgrade ${id}.`)
    return this.d.repo.spaces(id)
  }

  /**
   * One lane of an attempt: puts back what this lane left half-done, then migrates spaces
   * until none is left, the upgrade halts, or a newer attempt took over.
   */
  async runLane(id: number, attempt: number, lane: string, onProgress: (c: UpgradeCounts) => Promise<void> = async () => {}): Promise<{ handled: number }> {
    for (const s of this.d.repo.claimedBy(id, lane)) this.putBack(id, s)
    let handled = 0
    for (;;) {
      await this.pause()
      const u = this.d.repo.byId(id)
      if (!u || u.status !== 'running' || u.attempt !== attempt) break
      const c = this.d.repo.counts(id)
      if (c.pending === 0) {
        if (c.running === 0) this.d.repo.end(id, 'done', this.now(), null)
        break
      }
      if (c.failed >= u.maxFailures) {
        this.d.repo.end(id, 'halted', this.now(), `${c.failed} spaces failed (threshold ${u.maxFailures}); ${c.pending} left untouched.`)
        break
      }
      const slug = this.d.repo.claim(id, lane, this.now())
      if (!slug) continue
      this.migrateOne(id, slug)
      handled++
      await onProgress(this.d.repo.counts(id))
    }
    return { handled }
  }

  /** Reopens a space a dead lane left in maintenance and makes it pending again. */
  private putBack(id: number, s: UpgradeSpace): void {
    if (s.previousStatus && this.d.fleet.status(s.slug) === 'maintenance') this.d.fleet.setStatus(s.slug, s.previousStatus as 'active' | 'suspended')
    this.d.repo.release(id, s.slug)
  }

  /**
   * Migrates one space. Synchronous from closing to reopening on purpose: no other task of this
   * process can stretch the space's downtime.
   */
  private migrateOne(id: number, slug: string): void {
    const f = this.d.fleet
    const status = f.status(slug)
    const skip = (error: string) => this.d.repo.finish(id, slug, { state: 'skipped', error }, this.now())
    if (status === null || status === 'deleted') return skip('The space no longer exists.')
    if (status === 'importing') return skip('The space is being imported (its import migrates it).')
    if (!f.hasDatabase(slug)) return skip('The space has no database.')
    if (f.isCurrent(slug)) {
      // A lane killed between migrating the space and recording it: this upgrade did migrate it (downtime unknown).
      if (this.d.repo.previousStatus(id, slug) !== null) return this.d.repo.finish(id, slug, { state: 'done' }, this.now())
      return skip('Already up to date.')
    }
    // A space left in maintenance outside any upgrade was open before.
    const previous = status === 'maintenance' ? 'active' : status
    this.d.repo.setPreviousStatus(id, slug, previous)
    // Suspended spaces are closed anyway: they are migrated without a maintenance window.
    const closes = previous === 'active'
    f.warm(slug)
    const t0 = this.d.monotonic()
    if (closes) f.setStatus(slug, 'maintenance')
    let migrations = 0
    let error: string | null = null
    try {
      migrations = f.migrate(slug)
    } catch (err) {
      error = message(err)
    } finally {
      if (closes && f.status(slug) === 'maintenance') f.setStatus(slug, 'active')
    }
    const downtimeMs = closes ? this.d.monotonic() - t0 : undefined
    this.d.repo.finish(id, slug, error === null ? { state: 'done', migrations, downtimeMs } : { state: 'failed', downtimeMs, error }, this.now())
  }

  /**
   * Safety net for the sweep: a running upgrade with no live lane (Redis lost its jobs, or a lane
   * failed for good) gets its half-done spaces put back and a new attempt. Returns true when restarted.
   */
  async resumeIfStuck(): Promise<boolean> {
    const u = this.d.repo.running()
    if (!u || (await this.d.queue.lanesBusy(u.id, u.attempt, u.lanes))) return false
    for (const s of this.d.repo.claimed(u.id)) this.putBack(u.id, s)
    const next = this.d.repo.bumpAttempt(u.id)
    await this.d.queue.startLanes(u.id, next, u.lanes)
    return true
  }
}
