import fs from 'node:fs/promises'
import path from 'node:path'
import type { Db, SpaceDatabasePool } from '@maison/db'
import type { SpaceBackend } from '../domain/ports.ts'
// TODO(lead): export SpaceHost, SpaceRegistry and SpaceSettingsStore types from @maison/workspace.
import type { SpaceHost } from '../../../workspace/src/spaces/host.ts'
import type { SpaceRegistry } from '../../../workspace/src/spaces/registry.ts'
import { SpaceSettingsStore } from '../../../workspace/src/spaces/settings.ts'
import { interimAccounts, type AdminAccounts } from './interim-accounts.ts'

export interface HostBackendParts {
  host: SpaceHost
  registry: SpaceRegistry
  pool: SpaceDatabasePool
  /** Public root, for activation links. */
  baseUrl: string
  clock?: () => Date
  accounts?: AdminAccounts
  /** Creates a user's folders through the files module; plain directories until it is wired. */
  ensureFolders?: (space: { slug: string; db: Db; dir: string }, username: string, folders: readonly string[]) => Promise<void>
}

/** The embedded default: the space host in this process ('local'). Remote hosts would get an HTTP backend. */
export class HostSpaceBackend implements SpaceBackend {
  private readonly clock: () => Date
  private readonly accounts: AdminAccounts

  constructor(private readonly p: HostBackendParts) {
    this.clock = p.clock ?? (() => new Date())
    this.accounts = p.accounts ?? interimAccounts
  }

  private db(slug: string): Db {
    return this.p.pool.get(slug)
  }

  async create(space: { slug: string; name: string; quotaBytes: number; maxAccounts: number }): Promise<void> {
    await this.p.host.create(space)
  }

  async ensureAdmin(slug: string, admin: { username: string; email: string; displayName: string; language: 'en' | 'fr' }): Promise<void> {
    this.accounts.ensureAdmin(this.db(slug), admin, this.clock())
  }

  activationUrl(slug: string, secret: string): string {
    return `${this.p.baseUrl}/s/${slug}/reset/${secret}`
  }

  async ensureActivation(slug: string, username: string, secret: string): Promise<void> {
    this.accounts.ensureActivationToken(this.db(slug), username, secret, this.clock())
  }

  async ensureFolders(slug: string, username: string, folders: readonly string[]): Promise<void> {
    const dir = this.p.pool.dir(slug)
    if (this.p.ensureFolders) return this.p.ensureFolders({ slug, db: this.db(slug), dir }, username, folders)
    for (const f of folders) await fs.mkdir(path.join(dir, 'files', username, f), { recursive: true })
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
    this.p.registry.update(slug, limits)
  }

  async purge(slug: string): Promise<void> {
    this.p.pool.close(slug)
    await fs.rm(this.p.pool.dir(slug), { recursive: true, force: true })
  }
}
