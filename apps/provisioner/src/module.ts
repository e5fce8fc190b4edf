import type { Router } from 'express'
import type { Logger } from 'pino'
import type { Redis } from 'ioredis'
import type { Config } from '@maison/config'
import type { Db, SpaceDatabasePool } from '@maison/db'
import type { MailPort } from './domain/ports.ts'
import type { QueueRegistry } from '@maison/queue'
import { createPlatformRouters } from './http/platform.ts'
import { startProvisionWorkers } from './jobs/workers.ts'
import { buildProvisioner, optionsFromConfig, type Provisioner, type ProvisionerOptions, type ProvisionerParts } from './provisioner.ts'
import type { SpaceHost } from '../../workspace/src/spaces/host.ts'
import type { SpaceRegistry } from '../../workspace/src/spaces/registry.ts'

export interface ProvisionerModule {
  provisioner: Provisioner
  /** For `createHttpApp({ platformRouters })`. */
  routers: Router[]
  /** Starts the workers and the sweep (ROLE worker/all); returns a stop function. */
  startWorkers(): Promise<() => void>
}

/**
 * Everything the server needs from the provisioner, from what `startServer` already holds:
 * one call, then `routers` into the HTTP app and `startWorkers()` where background jobs start.
 */
export function createProvisionerModule(deps: {
  config: Config
  logger: Logger
  parts: { platformDb: Db; registry: SpaceRegistry; pool: SpaceDatabasePool; host: SpaceHost }
  queues: QueueRegistry
  redis: Redis
  mail: MailPort
  outbox: ProvisionerParts['outbox']
  clock?: () => Date
  options?: Partial<ProvisionerOptions>
}): ProvisionerModule {
  const provisioner = buildProvisioner({
    ...deps.parts, queues: deps.queues, mail: deps.mail, outbox: deps.outbox, baseUrl: deps.config.BASE_URL, dataDir: deps.config.DATA_DIR,
    logger: deps.logger, clock: deps.clock,
    options: { ...optionsFromConfig(deps.config), ...deps.options },
  })
  return {
    provisioner,
    routers: createPlatformRouters(provisioner, {
      redis: deps.redis, keyPrefix: deps.config.QUEUE_PREFIX, secureCookies: deps.config.BASE_URL.startsWith('https:'),
    }),
    startWorkers: () => startProvisionWorkers(provisioner),
  }
}
