/**
 * Wires the workspace's modules (accounts, auth, OCS, DAV, files, shares) into the pieces the
 * HTTP assembly and the server need. The only file that knows every module.
 */
import type { Request } from 'express'
import type { Redis } from 'ioredis'
import type { Logger } from 'pino'
import type { Config } from '@maison/config'
import type { MigrationSet } from '@maison/db'
import type { AppDefinition, AppServices, SpaceContext } from '@maison/app-contract'
import type { QueueRegistry } from '@maison/queue'
import type { ShellUser } from '@maison/ui-shell'
import type { MessageCatalogue } from '@maison/errors'
import { workspaceMigrations } from '../migrations/workspace/index.ts'
import { filesMigrations } from '../migrations/files/index.ts'
import { sharesMigrations } from '../migrations/shares/index.ts'
import { calendarsMigrations } from '../migrations/calendars/index.ts'
import { CalendarsDavProvider, PrincipalsDavProvider, calendarDepsFor, ensureAssociationCalendar, createCalendarsApiRouter, createCalendarFeedRouter } from './calendars/index.ts'
import { purgeTrash } from './calendars/calendars.ts'
import { accountsMigrations, createAccountsRouter, countAccounts, ensureAccount, type AccountFilesHooks } from './accounts/index.ts'
import { getAccount } from './accounts/domain/accounts.ts'
import { accountsEnv } from './auth/deps.ts'
import type { InternalTokens } from './auth/internalTokens.ts'
import { createAddressBooksProvider } from './contacts/index.ts'
import { createAuthMiddleware, requireAccount, requireAdmin, sessionInfo } from './auth/index.ts'
import { createOcsRouter } from './ocs/index.ts'
import { createDavRouter } from './dav/index.ts'
import { FilesDavProvider, filesDepsFor, purgeExpiredTrash, LocalContentStore, type Actor } from './files/index.ts'
import { accountUsage, removeAccountFiles } from './files/account-files.ts'
import { SqliteShareRepository } from './shares/repository.ts'
import { createSharesApiRouter, createSharesPublicRouter } from './shares/router.ts'
import { hashPassword, verifyPassword } from './accounts/domain/passwords.ts'
import { createFilesApiRouter } from './http/files-api/router.ts'
import type { WorkspaceModules } from './http/app.ts'
import { pickLanguage } from './http/language.ts'
import type { SpaceHostParts } from './spaces/boot.ts'
import type { SpaceInitializer } from './spaces/host.ts'

/** Every schema of a space database that the workspace itself owns (apps add theirs). */
export function spaceMigrationSets(): MigrationSet[] {
  return [workspaceMigrations, accountsMigrations, filesMigrations, sharesMigrations, calendarsMigrations]
}

/** Steps that complete every new space (and re-run harmlessly on an existing one). */
export function spaceInitializers(clock: () => Date = () => new Date()): SpaceInitializer[] {
  return [
    ({ record, db, dir }) => {
      const ctx = { slug: record.slug, name: record.name, db, dir, baseUrl: '', pathPrefix: '', limits: { maxAccounts: record.maxAccounts, quotaBytes: record.quotaBytes } }
      ensureAssociationCalendar(calendarDepsFor(ctx, clock), record.name)
    },
  ]
}

/** Uploads interrupted by a crash are removed when a space is next opened; running ones are spared. */
export function cleanSpaceOnOpen(logger: Logger): (slug: string, dir: string) => void {
  return (slug, dir) => {
    new LocalContentStore(dir).cleanTemp(10 * 60_000).catch((err) => logger.warn({ err, slug }, 'cleaning interrupted uploads failed'))
  }
}

export interface NewSpaceInput {
  slug: string
  name: string
  admin: { username: string; password: string; email?: string }
  quotaBytes?: number
  maxAccounts?: number
}

/** Creates a space and its first admin; running it again changes nothing. */
export async function createSpaceWithAdmin(parts: SpaceHostParts, config: Config, input: NewSpaceInput, clock: () => Date): Promise<void> {
  await parts.host.create({
    slug: input.slug, name: input.name,
    quotaBytes: input.quotaBytes ?? config.SPACE_QUOTA, maxAccounts: input.maxAccounts ?? config.SPACE_MAX_ACCOUNTS,
  })
  const lease = parts.pool.lease(input.slug)
  try {
    await ensureAccount(lease.db, { ...input.admin, role: 'admin' }, clock)
  } finally {
    lease.release()
  }
}

const actorOf = (req: Request): Actor => {
  const p = req.principal!
  return { username: p.username, role: p.role, quotaBytes: p.quotaBytes }
}

export interface ModuleContext {
  config: Config
  logger: Logger
  redis: Redis
  services: AppServices
  parts: SpaceHostParts
  apps: readonly AppDefinition[]
  internalTokens: InternalTokens
  /** The French of error messages (DAV answers name the error in the client's language). */
  messages: MessageCatalogue
}

export function buildModules(ctx: ModuleContext): WorkspaceModules {
  const { config, logger, redis, services, parts } = ctx
  const clock = services.clock
  const filesHooks: AccountFilesHooks = {
    usage: (space, username) => accountUsage(filesDepsFor(space, clock), username),
    removeUserFiles: (space, username, mode) => removeAccountFiles(filesDepsFor(space, clock), username, mode),
  }
  const spaceName = (space: SpaceContext) => parts.registry.get(space.slug)?.name ?? space.slug
  const accountsDeps = { config, redis, sendMail: services.sendMail, clock, logger, files: filesHooks, spaceName, internalTokens: ctx.internalTokens }
  const sharesFor = (req: Request) => ({
    shares: new SqliteShareRepository(req.space!.db), files: filesDepsFor(req.space!, clock).repo,
    hasher: { hash: hashPassword, verify: verifyPassword }, clock,
  })
  const sharesHttp = {
    sharesFor, actorOf, requireAccount,
    storeFor: (req: Request) => filesDepsFor(req.space!, clock).store,
    spaceName: (req: Request) => spaceName(req.space!),
  }
  return {
    authenticate: createAuthMiddleware({ config, redis, clock, logger, internalTokens: ctx.internalTokens }),
    requireAccount,
    requireAdmin,
    sessionInfo: (req) => sessionInfo(req),
    currentUser: (req): ShellUser | null => {
      if (!req.principal) return null
      const a = getAccount(accountsEnv(req.space!.db, clock), req.principal.accountId)
      return { username: a.username, displayName: a.displayName, role: a.role, email: a.email, language: a.language }
    },
    accountsRouter: createAccountsRouter(accountsDeps),
    ocsRouter: createOcsRouter(accountsDeps),
    davRouter: createDavRouter({ providers: [new FilesDavProvider(), new CalendarsDavProvider(), new PrincipalsDavProvider(), createAddressBooksProvider(ctx.apps)], clock,
      translate: (message, req) => ctx.messages.translate(message, pickLanguage(req)) }),
    filesApiRouter: (() => {
      const files = createFilesApiRouter({ filesFor: (req) => filesDepsFor(req.space!, clock), actorOf, requireAccount, requireAdmin })
      files.use(createSharesApiRouter(sharesHttp))
      files.use(createCalendarsApiRouter({ calendarsFor: (req) => calendarDepsFor(req.space!, clock), requireAccount }))
      return files
    })(),
    publicFilesRouter: (() => {
      const pub = createSharesPublicRouter({ ...sharesHttp, children: (req, node) => filesDepsFor(req.space!, clock).repo.children(node.fileid) })
      pub.use(createCalendarFeedRouter({ calendarsFor: (req) => calendarDepsFor(req.space!, clock) }))
      return pub
    })(),
    usage: (space) => ({ accounts: countAccounts(space.db), bytes: filesDepsFor(space, clock).repo.spaceUsage() }),
  }
}

export const TRASH_QUEUE = 'files-maintenance'

/** Recurring work of the host: the nightly trash purge over every space (not at boot: 10,000 spaces are a lot to open at once). */
export async function startBackgroundJobs(ctx: {
  config: Config
  logger: Logger
  queues: QueueRegistry
  parts: SpaceHostParts
  apps: readonly AppDefinition[]
  services: AppServices
}): Promise<void> {
  const { config, logger, queues, services } = ctx
  await queues.queue(TRASH_QUEUE).upsertJobScheduler('trash-purge', { pattern: '17 3 * * *' }, { name: 'purge' })
  queues.worker(TRASH_QUEUE, async () => {
    let purged = 0
    for (const slug of services.spaces.list()) {
      purged += await services.spaces.use(slug, async (space) => {
        purgeTrash(calendarDepsFor(space, services.clock))
        return purgeExpiredTrash(filesDepsFor(space, services.clock), services.clock(), config.TRASH_RETENTION_DAYS)
      })
    }
    logger.info({ purged }, 'expired trash purged')
    return { purged }
  }, { concurrency: 1 })
  for (const app of ctx.apps) {
    for (const job of app.jobs?.(services) ?? []) queues.worker(job.queue, job.process, { concurrency: job.concurrency ?? 2 })
  }
  for (const app of ctx.apps) await app.start?.(services)
}
