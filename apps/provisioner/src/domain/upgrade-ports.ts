/** What a fleet upgrade needs from storage, the spaces and the queue. */

export type UpgradeStatus = 'running' | 'halted' | 'done'
export type UpgradeSpaceState = 'pending' | 'running' | 'done' | 'failed' | 'skipped'

export interface Upgrade {
  id: number
  status: UpgradeStatus
  schemaVersion: string
  maxFailures: number
  /** Jobs migrating spaces side by side: the bound on concurrency across every worker process. */
  lanes: number
  attempt: number
  startedBy: string
  createdAt: string
  attemptStartedAt: string
  elapsedMs: number
  finishedAt: string | null
  haltReason: string | null
}

export interface UpgradeSpace {
  slug: string
  state: UpgradeSpaceState
  lane: string | null
  previousStatus: string | null
  migrations: number | null
  downtimeMs: number | null
  error: string | null
  startedAt: string | null
  finishedAt: string | null
}

export type UpgradeCounts = Record<UpgradeSpaceState, number> & { total: number }

export interface UpgradeRepository {
  /** Creates a running upgrade over these spaces; null when one is running already. */
  create(u: Pick<Upgrade, 'schemaVersion' | 'maxFailures' | 'lanes' | 'startedBy' | 'createdAt'>, slugs: readonly string[]): Upgrade | null
  byId(id: number): Upgrade | null
  running(): Upgrade | null
  latest(limit: number): Upgrade[]
  counts(id: number): UpgradeCounts
  /** Takes the next pending space for a lane, atomically; null when none is left. */
  claim(id: number, lane: string, at: string): string | null
  /** Spaces a lane had claimed but not finished (its worker died). */
  claimedBy(id: number, lane: string): UpgradeSpace[]
  /** Every claimed, unfinished space, whichever lane. */
  claimed(id: number): UpgradeSpace[]
  release(id: number, slug: string): void
  setPreviousStatus(id: number, slug: string, status: string): void
  /** The status a space had when this upgrade began migrating it; null while it has not. */
  previousStatus(id: number, slug: string): string | null
  finish(id: number, slug: string, r: { state: 'done' | 'failed' | 'skipped'; migrations?: number; downtimeMs?: number; error?: string }, at: string): void
  /** Moves the upgrade out of 'running' if it still is; false when another lane did first. */
  end(id: number, status: 'halted' | 'done', at: string, haltReason: string | null): boolean
  /** Failed spaces back to pending and a new attempt; false unless the upgrade had ended. */
  restart(id: number, at: string): boolean
  /** A new attempt of a running upgrade (its lanes were lost); returns the attempt number. */
  bumpAttempt(id: number): number
  spaces(id: number, state?: UpgradeSpaceState): UpgradeSpace[]
  /** Measured downtimes (ms) of an upgrade's spaces. */
  downtimes(id: number): number[]
}

/** The fleet's spaces as an upgrade sees them (the space host and its registry). */
export interface FleetPort {
  readonly schemaVersion: string
  /** Spaces whose schema is behind (deleted ones excepted). */
  outdated(): string[]
  /** The space's status, or null when it no longer exists. */
  status(slug: string): string | null
  isCurrent(slug: string): boolean
  hasDatabase(slug: string): boolean
  /** Opens the space's database ahead, so opening it is not part of its downtime. */
  warm(slug: string): void
  setStatus(slug: string, status: 'active' | 'suspended' | 'maintenance'): void
  /** Applies the pending migrations of one space, synchronously. Returns how many ran. */
  migrate(slug: string): number
}

export interface UpgradeQueue {
  /** Queues the lanes of an attempt; deterministic ids, so queuing twice adds nothing. */
  startLanes(id: number, attempt: number, lanes: number): Promise<void>
  /** True while any lane job of this attempt is waiting, active or delayed. */
  lanesBusy(id: number, attempt: number, lanes: number): Promise<boolean>
}
