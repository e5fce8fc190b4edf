import fsp from 'node:fs/promises'
import type { SpaceContext } from '@maison/app-contract'
import type { Db, SpaceDatabasePool } from '@maison/db'
import { NotFound } from '@maison/errors'
import type { SpaceHost, SpaceRegistry } from '@maison/workspace'
import type { ImportMarks, NewImportedSpace, SpaceStore } from './ports.ts'

/** The spaces of the host in this process, for export and import. */
export class HostSpaceStore implements SpaceStore {
  constructor(private readonly p: {
    host: SpaceHost; registry: SpaceRegistry; pool: SpaceDatabasePool; platformDb: Db; marks: ImportMarks; baseUrl: string; clock: () => Date
  }) {}

  async use<T>(slug: string, fn: (space: SpaceContext) => Promise<T>): Promise<T> {
    const record = this.p.registry.get(slug)
    if (!record || !this.p.pool.exists(slug)) throw new NotFound(`There is no space "${slug}".`)
    const lease = this.p.pool.lease(slug)
    try {
      return await fn({
        slug, name: record.name, db: lease.db, dir: this.p.pool.dir(slug), baseUrl: `${this.p.baseUrl}/s/${slug}`, pathPrefix: `/s/${slug}`,
        limits: { maxAccounts: record.maxAccounts, quotaBytes: record.quotaBytes },
      })
    } finally {
      lease.release()
    }
  }

  exists(slug: string): boolean {
    return this.p.registry.get(slug) !== null
  }

  async create(space: NewImportedSpace): Promise<void> {
    const at = this.p.clock().toISOString()
    // Row and mark together: a provisioning or another import of the same name gets Conflict, never this space.
    // Closed ('maintenance': 503) until open(); the host's create then only finishes it (folders, migrations).
    this.p.platformDb.transaction(() => {
      this.p.registry.insertNew({ ...space, status: 'maintenance', schemaVersion: '', createdAt: at })
      this.p.marks.add(space.slug, at)
    })()
    await this.p.host.create(space)
  }

  touch(slug: string): void {
    this.p.marks.touch(slug, this.p.clock().toISOString())
  }

  open(slug: string): void {
    this.p.platformDb.transaction(() => {
      if (!this.p.marks.has(slug)) return
      this.p.registry.update(slug, { status: 'active' })
      this.p.marks.remove(slug)
    })()
  }

  async discard(slug: string): Promise<void> {
    if (!this.p.marks.has(slug)) return
    this.p.pool.close(slug)
    await fsp.rm(this.p.pool.dir(slug), { recursive: true, force: true })
    this.p.platformDb.transaction(() => {
      this.p.registry.remove(slug)
      this.p.marks.remove(slug)
    })()
  }

  async discardStale(before: Date): Promise<string[]> {
    const slugs = this.p.marks.staleSince(before.toISOString())
    for (const slug of slugs) await this.discard(slug)
    return slugs
  }
}
