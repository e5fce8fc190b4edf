import http from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { AddressInfo } from 'node:net'
import { errorTextWith, loadMessageCatalogue, toProblem, Unavailable } from '@maison/errors'
import type { Router } from 'express'
import type { Redis } from 'ioredis'
import { pino, type Logger } from 'pino'
import type { Config } from '@maison/config'
import type { AppServices } from '@maison/app-contract'
import { QueueRegistry, createRedis } from '@maison/queue'
import { MailService, OutboxMailer, SmtpMailer } from '@maison/mail'
import { errorMessageFiles, loadApps } from './apps/catalog.ts'
import { openSpaceHost, type SpaceHostParts } from './spaces/boot.ts'
import { spaceDirectory } from './spaces/context.ts'
import { davAccess } from './spaces/dav-access.ts'
import { appApiAccess } from './spaces/app-api-access.ts'
import { spaceLook } from './spaces/appearance.ts'
import { InternalTokens, loadInternalKey } from './auth/internalTokens.ts'
import { createRequestListener } from './http/app.ts'
import { expressReadyServerOptions } from './http/dav-fast-path.ts'
import { setFilesFsync } from './files/index.ts'
import { forkWebWorkers, isWebWorker, reportWebReady } from './cluster.ts'
import { SqliteMailLedger, SqliteOutbox } from './platform/mail-store.ts'
import { buildModules, cleanSpaceOnOpen, spaceMigrationSets, spaceInitializers, startBackgroundJobs, type NewSpaceInput, createSpaceWithAdmin } from './modules.ts'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

/** A control plane mounted on the host (the provisioner): platform routes and its workers. */
export interface PlatformModule {
  routers: Router[]
  startWorkers(): Promise<() => void>
}

export type PlatformFactory = (ctx: {
  config: Config
  logger: Logger
  parts: SpaceHostParts
  queues: QueueRegistry
  redis: Redis
  mail: MailService
  outbox: SqliteOutbox
  clock: () => Date
}) => PlatformModule

export interface RunningServer {
  url: string
  config: Config
  logger: Logger
  parts: SpaceHostParts
  queues: QueueRegistry
  outbox: SqliteOutbox
  /** What the apps get (DAV access, spaces, mail…), for tests and tools that act like an app. */
  services: AppServices
  /** Creates a space with its first admin; idempotent. */
  createSpace(input: NewSpaceInput): Promise<void>
  close(): Promise<void>
}

/** Above this many outdated spaces, boot leaves the upgrade to the fleet-upgrade job. */
const BOOT_UPGRADE_MAX = 50

/** The Redis the host uses: REDIS_URL, or the one `npm start` runs on REDIS_PORT. */
export const redisUrlOf = (config: Config): string => config.REDIS_URL ?? `redis://127.0.0.1:${config.REDIS_PORT}`

export interface StartOptions {
  logger?: Logger
  clock?: () => Date
  platform?: PlatformFactory
}

/**
 * Boots the workspace host: HTTP (ROLE web/all) and background workers (ROLE worker/all). With ROLE=all
 * and WEB_CONCURRENCY > 1 this process forks that many web workers (they re-run the entry script and
 * land here as web workers) and keeps only the background work.
 */
export async function startServer(baseConfig: Config, opts: StartOptions = {}): Promise<RunningServer> {
  if (baseConfig.ROLE !== 'all' || baseConfig.WEB_CONCURRENCY <= 1) return startProcess(baseConfig, opts)
  if (isWebWorker()) {
    const server = await startProcess(Object.freeze({ ...baseConfig, ROLE: 'web' as const }), opts)
    reportWebReady(server.url, () => server.close())
    return server
  }
  const logger = opts.logger ?? pino({ level: baseConfig.LOG_LEVEL })
  const web = await forkWebWorkers(baseConfig.WEB_CONCURRENCY, logger)
  let config: Config = Object.freeze({ ...baseConfig, ROLE: 'worker' as const })
  if (config.PORT === 0 && config.BASE_URL.endsWith(':0')) {
    config = Object.freeze({ ...config, PORT: Number(new URL(web.url).port), BASE_URL: web.url })
  }
  try {
    const inner = await startProcess(config, { ...opts, logger })
    logger.info({ webWorkers: baseConfig.WEB_CONCURRENCY, url: web.url }, 'web workers serving')
    return {
      ...inner,
      config: Object.freeze({ ...config, ROLE: 'all' as const }),
      async close() {
        await web.close()
        await inner.close()
      },
    }
  } catch (err) {
    await web.close()
    throw err
  }
}

async function startProcess(baseConfig: Config, opts: StartOptions): Promise<RunningServer> {
  // Listen first: with PORT=0 the real address is only known now, and links in mails need it.
  let server: http.Server | null = null
  let config = baseConfig
  if (config.ROLE !== 'worker') {
    // Requests are born with express's prototypes: moving each one there costs more than a DAV poll's work.
    server = http.createServer({ maxHeaderSize: 32 * 1024, ...expressReadyServerOptions() })
    // The port is open before the app is built: a request arriving meanwhile (a web worker replaced while the others
    // serve gets connections as soon as it listens) is told to come back instead of waiting forever.
    server.on('request', answerStarting)
    // Large uploads stream for a long time; only idle sockets should time out.
    server.requestTimeout = 0
    server.headersTimeout = 60_000
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject)
      server!.listen(config.PORT, config.HOST, () => resolve())
    })
    const { port } = server.address() as AddressInfo
    if (config.PORT === 0 && config.BASE_URL.endsWith(':0')) {
      config = Object.freeze({ ...config, PORT: port, BASE_URL: config.BASE_URL.replace(/:0$/, `:${port}`) })
    }
  }
  const logger = opts.logger ?? pino({ level: config.LOG_LEVEL })
  const clock = opts.clock ?? (() => new Date())
  setFilesFsync(config.FILES_FSYNC)
  const apps = await loadApps(path.join(repoRoot, 'apps'))
  const parts = openSpaceHost(config, { workspace: spaceMigrationSets(), apps }, spaceInitializers(clock), clock, cleanSpaceOnOpen(logger), {
    onCheckpointError: (file, message) => logger.warn({ file, err: message }, 'background checkpoint failed (SQLite checkpoints this database itself past its bound)'),
  })
  const redisUrl = redisUrlOf(config)
  const queues = new QueueRegistry(redisUrl, config.QUEUE_PREFIX, (err, source) => logger.warn({ err: err.message, source }, 'Redis connection error (reconnecting)'))
  const redis = createRedis(redisUrl)
  const outbox = new SqliteOutbox(parts.platformDb)
  const mailer = config.SMTP_URL
    ? new SmtpMailer(config.SMTP_URL, config.MAIL_FROM)
    : new OutboxMailer(outbox, (m) => logger.info({ to: m.to, subject: m.subject, text: m.text }, 'mail kept in the outbox (no SMTP_URL)'))
  const mail = new MailService(queues, mailer, new SqliteMailLedger(parts.platformDb), clock)
  const internalTokens = new InternalTokens(loadInternalKey(config.DATA_DIR), clock)
  const messages = loadMessageCatalogue(errorMessageFiles(repoRoot))
  const services: AppServices = {
    config, logger, queues, sendMail: (m) => mail.enqueue(m), sendMails: (ms) => mail.enqueueMany(ms), clock, spaces: spaceDirectory(parts.host, parts.registry, config),
    dav: davAccess(config, internalTokens, clock),
    appApi: appApiAccess(config, internalTokens, clock, apps),
    appearance: spaceLook,
    errorText: errorTextWith(messages),
  }

  if (config.ROLE !== 'web') {
    // A small host upgrades at boot; a fleet is upgraded in batches by the provisioner's job (POST /api/v1/upgrades)
    // rather than blocking the start for minutes. Until then its outdated spaces answer 503.
    const outdated = parts.host.outdatedCount()
    if (outdated > BOOT_UPGRADE_MAX) logger.warn({ spaces: outdated }, 'space databases behind the code: start a fleet upgrade (staff console → Upgrades)')
    else if (outdated > 0) logger.info({ spaces: parts.host.upgradeOutdated().length }, 'space databases upgraded')
  }

  const modules = buildModules({ config, logger, redis, services, parts, apps, internalTokens, messages })
  const platform = opts.platform?.({ config, logger, parts, queues, redis, mail, outbox, clock })
  if (server) {
    server.off('request', answerStarting)
    server.on('request', createRequestListener({ config, logger, host: parts.host, registry: parts.registry, apps, services, modules, uiDist: path.join(repoRoot, 'dist/ui'), platformRouters: platform?.routers, messages }))
  }
  if (config.ROLE !== 'web') {
    mail.startWorker(config.MAIL_CONCURRENCY)
    await startBackgroundJobs({ config, logger, queues, parts, apps, services })
  }
  const stopPlatform = config.ROLE !== 'web' ? await platform?.startWorkers() : undefined

  return {
    url: config.BASE_URL, config, logger, parts, queues, outbox, services,
    createSpace: (input) => createSpaceWithAdmin(parts, config, input, clock),
    async close() {
      if (server) {
        server.closeAllConnections()
        await new Promise<void>((resolve) => server!.close(() => resolve()))
      }
      stopPlatform?.()
      await queues.close()
      redis.disconnect()
      await parts.checkpoints?.stop()
      parts.close()
    },
  }
}

const STARTING = JSON.stringify(toProblem(new Unavailable('Maison is starting; try again in a moment.')))

function answerStarting(_req: http.IncomingMessage, res: http.ServerResponse): void {
  // A fresh connection next time, which the host may hand to a process that is ready.
  res.writeHead(503, { 'Content-Type': 'application/problem+json', 'Retry-After': '1', Connection: 'close' })
  res.end(STARTING)
}
