import type { Router } from 'express'
import type { Processor } from 'bullmq'
import type { Logger } from 'pino'
import type { Config } from '@maison/config'
import type { Db, Migration } from '@maison/db'
import type { QueueRegistry } from '@maison/queue'
import type { MailMessage } from '@maison/mail'
import type { AppError, FieldError } from '@maison/errors'

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
  email: string | null
  language: string | null
  /** Per-account storage quota in bytes; null means only the space's quota applies. */
  quotaBytes: number | null
  /**
   * How the request authenticated: a browser session, an app password, the account password over Basic,
   * or an internal token an app got from `AppServices.dav`.
   */
  via: 'session' | 'app-password' | 'password' | 'internal'
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
  /** Queues many e-mails in one round trip (reminder runs, messages); each `key` is honoured as by `sendMail`. */
  sendMails(msgs: readonly MailMessage[]): Promise<void>
  clock: () => Date
  /** The active spaces of this host, for jobs that work across spaces. */
  spaces: SpaceDirectory
  /** The space's own DAV tree, for the shared DAV clients (files, calendars). */
  dav: DavAccess
  /** The space's look, for pages an app renders itself (public pages, e-mails). */
  appearance(space: SpaceContext): SpaceLook
  /** Other apps' APIs in the same space (events asks visuals for a poster, members for a card). */
  appApi: AppApiAccess
  /**
   * An error's message and field errors in a reader's language, for pages an app renders itself (public forms);
   * API answers are translated by the workspace's error handler already.
   */
  errorText(err: AppError, language: 'en' | 'fr'): { detail: string; errors: FieldError[] }
}

/**
 * Where and how an app calls another app's HTTP API (`/apps/{appId}/api/`) of the same space as one account
 * (DESIGN.md: apps talk to each other through small published functions, never each other's tables). The
 * token is valid under that one app's API of that one space only, for a few minutes.
 */
export interface AppApiAccess {
  /** Whether the app is installed on this host and enabled in the space (its API answers 404 otherwise). */
  enabled(space: SpaceContext, appId: string): boolean
  /**
   * An endpoint of `appId`'s API acting as `username`.
   * @throws NotFound when the host has no such app or the space no such active account.
   */
  as(space: SpaceContext, appId: string, username: string): AppApiEndpoint
  /** The same, acting as one of the space's active admins, for background work with no person behind it. */
  asAdmin(space: SpaceContext, appId: string): AppApiEndpoint
}

/** An internal URL of one app's API in a space and the headers that authenticate a client on it. */
export interface AppApiEndpoint {
  /** Absolute URL ending with `/apps/{appId}/api/`. */
  url: string
  /** Includes `Authorization`; valid for a few minutes, so ask for a new endpoint per unit of work. */
  headers: Record<string, string>
  /** The account the endpoint acts as. */
  username: string
}

/** The colours and logo the admins chose for their space. */
export interface SpaceLook {
  colors: { primary: string; background: string }
  /** Path of the logo on this request's host (e.g. /s/demo/logo), or null. */
  logoUrl: string | null
}

/**
 * Where and how an app reaches a space's `/remote.php/dav/` (DESIGN.md: apps reach files and calendars
 * only through DAV clients, never the workspace's tables, so an app could run against another server).
 */
export interface DavAccess {
  /**
   * An endpoint acting as `username`, authorised by a short-lived internal token.
   * @throws NotFound when the space has no such active account.
   */
  as(space: SpaceContext, username: string): DavEndpoint
  /** An endpoint acting as one of the space's active admins, for background work with no person behind it. */
  asAdmin(space: SpaceContext): DavEndpoint
}

/** An internal URL of a space's DAV root and the headers that authenticate a client on it. */
export interface DavEndpoint {
  /** Absolute URL ending with `/remote.php/dav/`. */
  url: string
  /** Includes `Authorization`; valid for a few minutes, so ask for a new endpoint per unit of work. */
  headers: Record<string, string>
  /** The account the endpoint acts as. */
  username: string
}

/** One file of an app's part of a space export; `path` is relative to the app's folder in the archive. */
export interface ArchiveEntry {
  path: string
  content: Buffer
}

/** How an app's data leaves a space and enters another (export / import of a whole space). */
export interface AppArchive {
  /** The app's data of one space as files (JSON, CSV, vCard…), for the export archive. */
  export(space: SpaceContext): Promise<ArchiveEntry[]>
  /** Restores what `export` wrote, into a new space whose migrations already ran. */
  import(space: SpaceContext, entries: readonly ArchiveEntry[]): Promise<void>
}

/** One card of an app's read-only address book (served over CardDAV by the workspace). */
export interface AddressBookCard {
  /** Stable id; the card's resource name is `{uid}.vcf`. */
  uid: string
  /** Quoted entity tag; changes when the card changes. */
  etag: string
  /** vCard 3.0 or 4.0 text. */
  vcard: string
  lastModified: Date
}

/**
 * A read-only address book an app publishes to members' phones, served at
 * `/remote.php/dav/addressbooks/users/{user}/{uri}/`.
 */
export interface AppAddressBook {
  /** URL segment, e.g. 'members'. */
  uri: string
  displayName: { en: string; fr: string }
  /** Whether this account sees the book at all. */
  canRead(space: SpaceContext, principal: Principal): boolean
  /** Changes whenever any card is added, changed or removed (getctag, sync-token). */
  ctag(space: SpaceContext): string
  /** Every card, or those with the given uids (missing ones are left out). */
  cards(space: SpaceContext, uids?: readonly string[]): AddressBookCard[]
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
  /** The app's part of a space export and import. */
  archive?: AppArchive
  /** Read-only address books the workspace serves over CardDAV. */
  addressBooks?: readonly AppAddressBook[]
}
