import type { Router } from 'express'
import type { Processor } from 'bullmq'
import type { Logger } from 'pino'
import type { Config } from '@maison/config'
import type { Db, Migration } from '@maison/db'
import type { QueueRegistry } from '@maison/queue'
import type { MailMessage } from '@maison/mail'

/** The space a request was resolved to. Set before any route runs; never changes within a request. */
export interface SpaceContext {
  slug: string
  /** The association's name, as shown to people. */
  name: string
  /** The space's own database (space.sqlite). */
  db: Db
  /** DATA_DIR/spaces/{slug} */
  dir: string
  /** Absolute URL of the space root, e.g. http://127.0.0.1:8080/s/demo */
  baseUrl: string
  /** URL path prefix under which the space is served on this request: "/s/demo", or "" on {slug}.BASE_DOMAIN. */
  pathPrefix: string
  /** Limits set for this space (platform registry). */
  limits: { maxAccounts: number; quotaBytes: number }
}

export type Role = 'admin' | 'member'

/** The authenticated account behind a request. */
export interface Principal {
  accountId: number
  username: string
  displayName: string
  role: Role
  language: string | null
  /** Per-account storage quota in bytes; null means only the space's quota applies. */
  quotaBytes: number | null
  /** How the request authenticated: a browser session, an app password, or the account password over Basic. */
  via: 'session' | 'app-password' | 'password'
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      space?: SpaceContext
      principal?: Principal
    }
  }
}

/** Services the workspace hands to every app. Apps create no connections of their own. */
export interface AppServices {
  config: Config
  logger: Logger
  queues: QueueRegistry
  /** Queues an e-mail; `msg.key` makes a retry of the same intent a no-op. */
  sendMail(msg: MailMessage): Promise<void>
  clock: () => Date
  /** The active spaces of this host, for jobs that work across spaces. */
  spaces: SpaceDirectory
}

/** Reaches spaces outside a request (jobs, schedulers). */
export interface SpaceDirectory {
  /** Slugs of the active spaces. */
  list(): string[]
  /**
   * Runs `fn` with one active space, whose database stays open until `fn` settles.
   * @throws NotFound / Unavailable (suspended, upgrading) from @maison/errors.
   */
  use<T>(slug: string, fn: (space: SpaceContext) => Promise<T> | T): Promise<T>
}

export interface JobDefinition {
  queue: string
  process: Processor
  concurrency?: number
}

/** What an app package exports (default export of `apps/{app}/src/index.ts`). */
export interface AppDefinition {
  id: string
  name: { en: string; fr: string }
  /** Inline SVG markup (24×24 viewBox) shown in the shell's top bar. */
  icon: string
  /** Position in the top bar; lower first. */
  order: number
  defaultEnabled: boolean
  /** Migrations applied to each space database, in the scope named after the app id. */
  migrations: readonly Migration[]
  /** Authenticated routes, mounted at /s/{space}/apps/{id}/api/ (session + CSRF, or app password). */
  routes?: (router: Router, services: AppServices) => void
  /** Public routes, mounted at /s/{space}/p/ (no account needed). */
  publicRoutes?: (router: Router, services: AppServices) => void
  /** Workers to run in worker processes, given the services. */
  jobs?: (services: AppServices) => readonly JobDefinition[]
  /** Called once in worker processes after the workers start (e.g. to register job schedulers). */
  start?: (services: AppServices) => Promise<void>
  /** The app has a Vue UI at apps/{dir}/src/ui/main.ts, served in the shell at /s/{space}/apps/{id}/. */
  ui?: boolean
}
