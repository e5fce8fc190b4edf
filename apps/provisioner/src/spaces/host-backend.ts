import fs from 'node:fs/promises'
import path from 'node:path'
import type { Db, SpaceDatabasePool } from '@maison/db'
import type { SpaceBackend } from '../domain/ports.ts'
import type { SpaceHost, SpaceRegistry } from '@maison/workspace'
// Values by path: the package's entry point loads the whole server.
import { SpaceSettingsStore } from '../../../workspace/src/spaces/settings.ts'
import { activationPath, ensurePendingAccount, prepareActivation } from '../../../workspace/src/accounts/index.ts'

export interface HostBackendParts {
  host: SpaceHost
  registry: SpaceRegistry
  pool: SpaceDatabasePool
  /** Public root, for activation links. */
  baseUrl: string
  clock?: () => Date
  /** Creates a user's folders through the files module; plain directories until it is wired. */
  ensureFolders?: (space: { slug: string; db: Db; dir: string }, username: string, folders: readonly string[]) => Promise<void>
}

/** The embedded default: the space host in this process ('local'). Remote hosts would get an HTTP backend. */
export class HostSpaceBackend implements SpaceBackend {
  private readonly clock: () => Date

  constructor(private readonly p: HostBackendParts) {
    this.clock = p.clock ?? (() => new Date())
  }

  private spaceUrl(slug: string): string {
    return `${this.p.baseUrl}/s/${slug}`
  }

  private db(slug: string): Db {
    return this.p.pool.get(slug)
  }

  async create(space: { slug: string; name: string; quotaBytes: number; maxAccounts: number }): Promise<void> {
    await this.p.host.create(space)
  }

  async ensureAdmin(slug: string, admin: { username: string; email: string; displayName: string; language: 'en' | 'fr' }): Promise<void> {
    ensurePendingAccount(this.db(slug), { ...admin, role: 'admin' }, this.clock)
  }

  activationUrl(slug: string, secret: string): string {
    return `${this.spaceUrl(slug)}${activationPath(secret)}`
  }

  async ensureActivation(slug: string, username: string, secret: string): Promise<void> {
    // The secret comes from the provisioner's mail ledger, so a retry records the same token, not a second one.
    prepareActivation(this.db(slug), { account: username, spaceBaseUrl: this.spaceUrl(slug), token: secret }, this.clock)
  }

  async ensureFolders(slug: string, username: string, folders: readonly string[]): Promise<void> {
    const dir = this.p.pool.dir(slug)
    if (this.p.ensureFolders) return this.p.ensureFolders({ slug, db: this.db(slug), dir }, username, folders)
    const home = path.join(dir, 'files', username)
    await fs.mkdir(home, { recursive: true })
    // One level each: recursive calls in parallel would each try to create `home` again.
    await Promise.all(folders.map((f) => fs.mkdir(path.join(home, f)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err
    })))
  }

  async enableApps(slug: string, appIds: readonly string[]): Promise<void> {
    const settings = new SpaceSettingsStore(this.db(slug))
    if (settings.get<string[] | null>('enabledApps', null) === null) settings.set('enabledApps', appIds)
  }

  get(slug: string) {
    const r = this.p.registry.get(slug)
    return r ? { name: r.name, status: r.status, quotaBytes: r.quotaBytes, maxAccounts: r.maxAccounts, createdAt: r.createdAt } : null
  }

  setStatus(slug: string, status: 'active' | 'suspended' | 'deleted'): void {
    this.p.registry.update(slug, { status })
  }

  setLimits(slug: string, limits: { quotaBytes?: number; maxAccounts?: number }): void {
    const r = this.p.registry.get(slug)
    // Provisioning sets the limits creation already wrote: skip the platform-database write when nothing changes.
    if (r && (limits.quotaBytes ?? r.quotaBytes) === r.quotaBytes && (limits.maxAccounts ?? r.maxAccounts) === r.maxAccounts) return
    this.p.registry.update(slug, limits)
  }

  async purge(slug: string): Promise<void> {
    this.p.pool.close(slug)
    await fs.rm(this.p.pool.dir(slug), { recursive: true, force: true })
  }
}
