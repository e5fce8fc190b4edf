import { Conflict, LimitReached, NotFound } from '@maison/errors'
import type { Language } from './fields.ts'
import { mails } from './mails.ts'
import type {
  Application, ApplicationRepository, AuditLog, Clock, HostLoad, MailLedgerRepository, MailPort,
  PlacementRepository, SpaceBackend, Transactor,
} from './ports.ts'
import { newToken } from './secrets.ts'

/** In order; a retried job starts again at the step it recorded last. */
export const PROVISION_STEPS = ['reserve', 'place', 'create', 'admin', 'welcome', 'folders', 'apps', 'limits', 'done'] as const
export type ProvisionStep = (typeof PROVISION_STEPS)[number]

export interface SpaceDefaults {
  quotaBytes: number
  maxAccounts: number
  apps: readonly string[]
  folders: Record<Language, readonly string[]>
  adminUsername: string
}

export interface ProvisioningDeps {
  apps: ApplicationRepository
  placements: PlacementRepository
  ledger: MailLedgerRepository
  audit: AuditLog
  tx: Transactor
  backend: SpaceBackend
  mail: MailPort
  clock: Clock
  baseUrl: string
  defaults: SpaceDefaults
  /** Test switch for the crash test's control run: without guards, retries repeat side effects. */
  guards?: boolean
}

/** The host with the most free room among enabled hosts, or null when all are full. */
export function chooseHost(loads: readonly HostLoad[]): HostLoad | null {
  const open = loads.filter((h) => h.enabled && h.used < h.capacity)
  open.sort((a, b) => (b.capacity - b.used) / b.capacity - (a.capacity - a.used) / a.capacity || a.id.localeCompare(b.id))
  return open[0] ?? null
}

/**
 * The steps that turn an approved application into a ready space. Each is idempotent, so
 * running a step again after a crash finishes the work without doing it twice.
 */
export class Provisioning {
  constructor(private readonly d: ProvisioningDeps) {}

  private now(): string {
    return this.d.clock().toISOString()
  }

  /**
   * Loads the application and marks it as being provisioned.
   * @throws NotFound; Conflict when it was never approved (input that can never succeed).
   */
  begin(id: number): Application {
    const app = this.d.apps.byId(id)
    if (!app) throw new NotFound(`There is no application ${id}.`)
    if (app.status === 'approved' || app.status === 'failed') this.d.apps.transition(id, [app.status], 'provisioning', { lastError: null }, this.now())
    else if (app.status !== 'provisioning' && app.status !== 'ready') throw new Conflict(`Application ${id} is ${app.status}, not approved.`)
    return this.d.apps.byId(id)!
  }

  /** Runs one step. @throws Conflict / LimitReached for what retrying can't fix. */
  async run(step: ProvisionStep, app: Application): Promise<void> {
    const d = this.d
    switch (step) {
      case 'reserve': {
        const holder = d.placements.reserve(app.slug, app.id, this.now())
        if (holder.applicationId !== app.id) throw new Conflict(`The name "${app.slug}" is reserved by application ${holder.applicationId}.`)
        return
      }
      case 'place': {
        d.tx.run(() => {
          if (d.placements.get(app.slug)?.hostId) return
          const host = chooseHost(d.placements.hostLoads())
          if (!host) throw new LimitReached('Every workspace host is full; add a host or raise a capacity.')
          d.placements.assignIfUnplaced(app.slug, host.id, this.now())
        })
        return
      }
      case 'create':
        return d.backend.create({ slug: app.slug, name: app.organisation, quotaBytes: d.defaults.quotaBytes, maxAccounts: d.defaults.maxAccounts })
      case 'admin':
        return d.backend.ensureAdmin(app.slug, { username: d.defaults.adminUsername, email: app.contactEmail, displayName: app.contactName, language: app.language })
      case 'welcome':
        return this.welcome(app)
      case 'folders':
        return d.backend.ensureFolders(app.slug, d.defaults.adminUsername, d.defaults.folders[app.language])
      case 'apps':
        return d.backend.enableApps(app.slug, d.defaults.apps)
      case 'limits':
        return d.backend.setLimits(app.slug, { quotaBytes: d.defaults.quotaBytes, maxAccounts: d.defaults.maxAccounts })
      case 'done':
        d.tx.run(() => {
          if (d.apps.transition(app.id, ['provisioning', 'approved', 'failed'], 'ready', { readyAt: this.now(), lastError: null }, this.now())) {
            d.audit.record({ at: this.now(), staffId: null, actor: 'provisioner', action: 'space.ready', target: `space:${app.slug}`, detail: { application: app.id } })
          }
        })
    }
  }

  /**
   * The welcome mail with the activation link, decided once: the ledger row holds the link's
   * secret, so a retry re-uses it instead of minting and mailing another.
   */
  private async welcome(app: Application): Promise<void> {
    const d = this.d
    const key = `welcome:${app.slug}`
    const user = d.defaults.adminUsername
    let entry = d.guards === false ? null : d.ledger.get(key)
    if (!entry) {
      const secret = newToken()
      const msg = mails.welcome(app.language, {
        key, to: app.contactEmail, organisation: app.organisation, spaceUrl: `${d.baseUrl}/s/${app.slug}/`,
        activationUrl: d.backend.activationUrl(app.slug, secret), username: user,
      })
      if (d.guards === false) {
        await d.backend.ensureActivation(app.slug, user, secret)
        await d.mail.enqueue({ ...msg, key: `${key}:${secret}` })
        return
      }
      // Of two runs racing here, one row wins and both go on with its secret.
      d.tx.run(() => d.ledger.insertIfAbsent({ key, to: msg.to, subject: msg.subject, text: msg.text, secret }, this.now()))
      entry = d.ledger.get(key)!
    }
    // Decided first, recorded in the space second: a crash in between leaves nothing unmailed behind.
    await d.backend.ensureActivation(app.slug, user, entry.secret!)
    if (!entry.enqueuedAt) {
      // The mail job id derives from the key, and the mail ledger skips sent keys: enqueueing twice sends once.
      await d.mail.enqueue({ key, to: entry.to, subject: entry.subject, text: entry.text })
      d.ledger.markEnqueued(key, this.now())
    }
  }

  /**
   * Queues again the once-only mails recorded as queued but never sent (Redis lost their jobs). Safe to
   * repeat: the job id derives from the key, and the mail queue skips keys already sent.
   */
  async requeueUnsentMails(since: Date, before: Date): Promise<number> {
    const lost = this.d.ledger.enqueuedUnsent(since.toISOString(), before.toISOString())
    for (const m of lost) await this.d.mail.enqueue({ key: m.key, to: m.to, subject: m.subject, text: m.text })
    return lost.length
  }

  /** Records a failure the queue will not retry; the console shows it with a retry button. */
  fail(id: number, error: string): void {
    this.d.tx.run(() => {
      if (this.d.apps.transition(id, ['approved', 'provisioning'], 'failed', { lastError: error.slice(0, 2000) }, this.now())) {
        this.d.audit.record({ at: this.now(), staffId: null, actor: 'provisioner', action: 'space.provisioning_failed', target: `application:${id}`, detail: { error } })
      }
    })
  }

  /** Records a transient error on the application without changing its status. */
  noteError(id: number, error: string): void {
    const app = this.d.apps.byId(id)
    if (app?.status === 'provisioning') this.d.apps.transition(id, ['provisioning'], 'provisioning', { lastError: error.slice(0, 2000) }, this.now())
  }
}
