import fsp from 'node:fs/promises'
import { createHash } from 'node:crypto'
import { migrate, stampTemplateLedger, type Db, type MigrationSet, type SpaceDatabasePool } from '@maison/db'
import { Conflict, NotFound, Unavailable } from '@maison/errors'
import { assertSlug } from './slug.ts'
import type { SpaceRecord, SpaceRegistry } from './registry.ts'
import { SpaceTemplate } from './template.ts'

export interface NewSpace {
  slug: string
  name: string
  quotaBytes: number
  maxAccounts: number
}

export interface OpenSpace {
  record: SpaceRecord
  db: Db
  dir: string
}

/** An open space whose database stays open until `release()` (call it when the request or job ends). */
export interface LeasedSpace extends OpenSpace {
  release(): void
}

/** Steps that complete a space after its database exists; each must be idempotent. */
export type SpaceInitializer = (space: OpenSpace) => Promise<void> | void

/** Fingerprint of a list of migration sets: changes whenever a migration is appended. */
export function schemaFingerprint(sets: readonly MigrationSet[]): string {
  const parts = sets.map((s) => `${s.scope}:${Math.max(0, ...s.migrations.map((m) => m.id))}`).sort()
  return createHash('sha1').update(parts.join(',')).digest('hex').slice(0, 16)
}

/**
 * The spaces this host serves: creates them, opens their databases (lazily, through the pool)
 * and upgrades their schema. Never migrates on a request: a space whose schema is behind
 * answers 503 until `upgrade` has run.
 */
export class SpaceHost {
  readonly schemaVersion: string
  private readonly template: SpaceTemplate | null

  /** With `templateDir`, new spaces start as a copy of a pre-migrated database kept there (one per schema version). */
  constructor(
    private readonly registry: SpaceRegistry,
    private readonly pool: SpaceDatabasePool,
    private readonly migrationSets: readonly MigrationSet[],
    private readonly initializers: readonly SpaceInitializer[],
    private readonly clock: () => Date,
    opts: { templateDir?: string } = {},
  ) {
    this.schemaVersion = schemaFingerprint(migrationSets)
    this.template = opts.templateDir ? new SpaceTemplate(opts.templateDir, this.schemaVersion, migrationSets) : null
  }

  /**
   * Resolves an active space for a request.
   * @throws NotFound when no such space exists; Unavailable when suspended or being upgraded.
   */
  open(slug: string): LeasedSpace {
    const record = this.registry.get(slug)
    if (!record || record.status === 'deleted') throw new NotFound('There is no space with this name.')
    if (record.status === 'suspended') throw new Unavailable('This space is suspended.')
    if (record.status === 'maintenance' || record.schemaVersion !== this.schemaVersion) {
      throw new Unavailable('This space is being upgraded; try again in a minute.', { headers: { 'Retry-After': '30' } })
    }
    const lease = this.pool.lease(slug)
    return { record, db: lease.db, dir: this.pool.dir(slug), release: lease.release }
  }

  get(slug: string): SpaceRecord | null {
    return this.registry.get(slug)
  }

  /**
   * Creates a space, or finishes creating it after an interruption; running it twice changes nothing.
   * @throws ValidationError for a bad slug; Conflict when the slug belongs to a deleted space.
   */
  async create(input: NewSpace): Promise<SpaceRecord> {
    assertSlug(input.slug)
    this.registry.insertIfAbsent({
      ...input, status: 'active', schemaVersion: '', createdAt: this.clock().toISOString(),
    })
    const record = this.registry.get(input.slug)!
    if (record.status === 'deleted') throw new Conflict('A deleted space still holds this name.')
    // Off the event loop: creating a directory is a journaled write, and other jobs can run meanwhile.
    await fsp.mkdir(this.pool.dir(input.slug), { recursive: true })
    // The database appears whole or not at all; what the template leaves pending (values of its own) migrate runs below.
    if (this.template && !this.pool.exists(input.slug)) await this.template.copyTo(this.pool.file(input.slug))
    const lease = this.pool.lease(input.slug, { create: true })
    try {
      this.applyMigrations(input.slug, lease.db, true)
      for (const init of this.initializers) await init({ record, db: lease.db, dir: this.pool.dir(input.slug) })
    } finally {
      lease.release()
    }
    return this.registry.get(input.slug)!
  }

  /** Applies pending migrations of one space; the space answers 503 only while this runs. */
  upgrade(slug: string): number {
    const db = this.pool.get(slug)
    return this.applyMigrations(slug, db)
  }

  /** How many spaces have a schema behind this code. */
  outdatedCount(): number {
    return this.registry.outdated(this.schemaVersion).length
  }

  /** Upgrades every space whose schema is behind. Returns the slugs upgraded. */
  upgradeOutdated(): string[] {
    const slugs = this.registry.outdated(this.schemaVersion).filter((s) => this.pool.exists(s))
    for (const slug of slugs) this.upgrade(slug)
    return slugs
  }

  private applyMigrations(slug: string, db: Db, creating = false): number {
    const applied = migrate(db, this.migrationSets, this.clock)
    if (creating) stampTemplateLedger(db, this.clock())
    this.registry.update(slug, { schemaVersion: this.schemaVersion })
    return applied
  }
}
