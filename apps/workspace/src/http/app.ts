import path from 'node:path'
import type { IncomingMessage, ServerResponse } from 'node:http'
import express, { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express'
import helmet from 'helmet'
import { pinoHttp } from 'pino-http'
import type { Logger } from 'pino'
import type { Config } from '@maison/config'
import type { AppDefinition, AppServices } from '@maison/app-contract'
import { NotFound, type MessageCatalogue } from '@maison/errors'
import type { ShellUser } from '@maison/ui-shell'
import type { SpaceHost } from '../spaces/host.ts'
import type { SpaceRegistry } from '../spaces/registry.ts'
import { enabledApps } from '../spaces/app-api-access.ts'
import { createSpaceArchiveRouter } from '../archive/router.ts'
import { renderErrorPage } from '../pages/index.ts'
import { problemHandler } from './errors.ts'
import { resolveSpaceFromHost, resolveSpaceFromPath, slugFromHost } from './space.ts'
import { createPagesRouter } from './pages/router.ts'
import { createSpaceSettingsRouter } from './space-settings/router.ts'
import { pickLanguage } from './language.ts'
import { DAV_ACCESS_LOG_LEVEL, davFastPath } from './dav-fast-path.ts'
import { davHandlerOf } from '../dav/index.ts'

/** The parts of the workspace built in their own modules, handed to the HTTP assembly. */
export interface WorkspaceModules {
  authenticate: RequestHandler
  requireAccount: RequestHandler
  requireAdmin: RequestHandler
  sessionInfo: (req: Request, res: Response) => { requestToken: string }
  currentUser: (req: Request) => ShellUser | null
  accountsRouter: Router
  ocsRouter: Router
  davRouter: Router
  filesApiRouter: Router
  publicFilesRouter: Router
  usage: (space: NonNullable<Request['space']>) => { accounts: number; bytes: number }
}

export interface HttpDeps {
  config: Config
  logger: Logger
  host: SpaceHost
  registry: SpaceRegistry
  apps: readonly AppDefinition[]
  services: AppServices
  modules: WorkspaceModules
  /** Extra platform-level routers (provisioner, staff console), mounted before the spaces. */
  platformRouters?: Router[]
  uiDist: string
  /** The French of the messages errors carry (see server.ts). */
  messages: MessageCatalogue
}

// `/s/{space}/remote.php/...`, or `/remote.php/...` on a space's own host name.
const DAV_URL = /^(?:\/s\/[^/]+)?\/remote\.php\/(?:dav|webdav)(?:[/?]|$)/

const helmetMiddleware = helmet({
  // The Vue bundles use inline styles (@nextcloud/vue); scripts come only from our own origin.
  contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:', 'blob:'] } },
  crossOriginEmbedderPolicy: false,
})

// What still matters on a DAV answer: a file opened in a browser must not run scripts, be sniffed
// into HTML, be framed or embedded by another site; HSTS keeps clients on https.
const DAV_HEADERS = new Set([
  'content-security-policy', 'x-content-type-options', 'x-frame-options', 'cross-origin-resource-policy',
  'strict-transport-security', 'referrer-policy',
])

/** Helmet's headers, computed once: the policy has no per-request part (no nonces). */
function helmetHeaders(): [string, string][] {
  const headers: [string, string][] = []
  const res = { setHeader: (k: string, v: string) => headers.push([k, v]), removeHeader: () => {} }
  helmetMiddleware({} as Request, res as unknown as Response, () => {})
  return headers
}

/** The security headers of a DAV answer, precomputed. */
export function davSecurityHeaders(): [string, string][] {
  return helmetHeaders().filter(([k]) => DAV_HEADERS.has(k.toLowerCase()))
}

/** Helmet for pages and APIs; for DAV (thousands of requests a minute from sync clients), only its headers that matter there, precomputed. */
export function securityHeaders(): RequestHandler {
  const dav = davSecurityHeaders()
  return (req, res, next) => {
    if (!DAV_URL.test(req.url)) return helmetMiddleware(req, res, next)
    for (const [k, v] of dav) res.setHeader(k, v)
    next()
  }
}

const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'requesttoken'] as const

// The serialized request is fresh per log line, but its headers object is the live request's: copy that.
function withoutCredentials(req: { headers?: Record<string, unknown> }): unknown {
  const headers = req.headers
  if (!headers || !CREDENTIAL_HEADERS.some((h) => h in headers)) return req
  const copy = { ...headers }
  for (const h of CREDENTIAL_HEADERS) if (h in copy) copy[h] = '[redacted]'
  req.headers = copy
  return req
}

/**
 * pino-http logs every answer (failed ones too): at info level, except DAV requests, at debug. Sync clients poll
 * every few seconds to minutes per member and device, so at info a host's log would be mostly polls, and logging
 * them cost four times the CPU of answering a GET or a poll (`cpu.ts`, one process: 1,000 against 260 µs and 617
 * against 167). With debug off pino-http would log nothing yet still build a child logger and listeners per
 * request, so DAV requests skip it then (and take the lean path, `davFastPath`); server errors are still logged
 * once by the error handlers. Credentials never reach the log.
 */
export function requestLogging(logger: Logger): RequestHandler {
  const httpLogger = pinoHttp({
    logger, autoLogging: { ignore: (req) => req.url === '/healthz' }, quietReqLogger: true,
    serializers: { req: withoutCredentials },
    // Called once the answer is sent, when a mounted router may have shortened `url`: express keeps the original.
    customLogLevel: (req) => (DAV_URL.test((req as Request).originalUrl ?? req.url ?? '') ? DAV_ACCESS_LOG_LEVEL : 'info'),
  })
  return (req, res, next) => (DAV_URL.test(req.url) && !logger.isLevelEnabled(DAV_ACCESS_LOG_LEVEL) ? next() : httpLogger(req, res, next))
}

/** The apps an admin enabled for this space (all default-enabled apps until they choose). */
export function enabledAppsOf(apps: readonly AppDefinition[], req: Request): AppDefinition[] {
  return enabledApps(apps, req.space!)
}

function spaceRouter(deps: HttpDeps): Router {
  const { modules: m, apps, services } = deps
  const r = Router()
  r.use(m.authenticate)
  // DAV and file bodies are streamed: no body parser runs before these.
  r.use('/remote.php/dav', m.davRouter)
  r.use('/remote.php/webdav', m.davRouter)
  // DAV clients given the bare space URL discover from there.
  r.all('/', (req, res, next) => (req.method === 'PROPFIND' ? res.redirect(301, `${req.space!.pathPrefix}/remote.php/dav/`) : next()))
  r.all(['/.well-known/caldav', '/.well-known/carddav'], (req, res) => res.redirect(301, `${req.space!.pathPrefix}/remote.php/dav/`))
  r.use('/ocs/v2.php', m.ocsRouter)
  r.use('/ocs/v1.php', m.ocsRouter)
  r.use(createSpaceSettingsRouter({ registry: deps.registry, requireAccount: m.requireAccount, requireAdmin: m.requireAdmin, usage: m.usage }))
  r.use('/api/v1', m.filesApiRouter)
  r.use('/api/v1', m.accountsRouter)
  r.use('/api/v1', createSpaceArchiveRouter({ queues: services.queues, dataDir: deps.config.DATA_DIR, clock: services.clock, requireAdmin: m.requireAdmin }))
  r.use('/p', m.publicFilesRouter)
  for (const app of apps) {
    const enabled: RequestHandler = (req, _res, next) =>
      enabledAppsOf(apps, req).some((a) => a.id === app.id) ? next() : next(new NotFound('This app is not enabled in this space.'))
    if (app.routes) {
      const router = Router()
      app.routes(router, services)
      r.use(`/apps/${app.id}/api`, enabled, m.requireAccount, router)
    }
    if (app.publicRoutes) {
      const router = Router()
      app.publicRoutes(router, services)
      r.use('/p', enabled, router)
    }
  }
  // An API path no app answered is an API miss, not a page of the shell.
  r.use('/apps/:app/api', (req, _res, next) => next(new NotFound(`Nothing here: ${req.method} ${req.originalUrl.split('?')[0]}`)))
  r.use(createPagesRouter({
    registry: deps.registry, apps, enabledApps: (req) => enabledAppsOf(apps, req), sessionInfo: m.sessionInfo, currentUser: m.currentUser,
  }))
  r.use((req, _res, next) => next(new NotFound(`Nothing here: ${req.method} ${req.originalUrl.split('?')[0]}`)))
  return r
}

/**
 * DAV requests (most of a host's traffic: sync clients poll) straight to their space, ahead of the platform's
 * routes and the pages, which never answer DAV paths. The same middlewares as in `spaceRouter`, in the same order.
 */
function davByPath(deps: HttpDeps): Router {
  const { config, modules: m } = deps
  const davPaths = ['/remote.php/dav', '/remote.php/webdav']
  const r = Router()
  if (config.BASE_DOMAIN) {
    // On a space's own host name, `/s/...` is a path inside that space, never another space.
    r.use(davPaths, resolveSpaceFromHost(deps.host, config), m.authenticate, m.davRouter)
    r.use((req, _res, next) => (slugFromHost(req.get('host'), config.BASE_DOMAIN) ? next('router') : next()))
  }
  r.use(davPaths.map((p) => `/s/:space${p}`), resolveSpaceFromPath(deps.host, config), m.authenticate, m.davRouter)
  return r
}

/** Builds the whole HTTP application of the host: platform routes, then every space. */
export function createHttpApp(deps: HttpDeps): express.Express {
  const { config, logger } = deps
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', config.TRUST_PROXY)
  app.use(requestLogging(logger))
  app.use(securityHeaders())
  app.use(davByPath(deps))
  app.use('/assets', express.static(path.resolve(deps.uiDist), { immutable: true, maxAge: '365d', index: false, fallthrough: false }))
  app.get('/healthz', (_req, res) => res.json({ status: 'ok' }))
  if (deps.platformRouters?.length) {
    // The control plane answers on the platform's own host only, never on {space}.BASE_DOMAIN.
    const platform = Router()
    platform.use((req, _res, next) => (slugFromHost(req.get('host'), config.BASE_DOMAIN) ? next('router') : next()))
    for (const r of deps.platformRouters) platform.use(r)
    app.use(platform)
  }

  const spaces = spaceRouter(deps)
  if (config.BASE_DOMAIN) {
    const byHost = Router()
    byHost.use(resolveSpaceFromHost(deps.host, config), spaces)
    app.use(byHost)
  }
  app.use('/s/:space', resolveSpaceFromPath(deps.host, config), spaces)
  app.use((req, _res, next) => next(new NotFound(`Nothing here: ${req.method} ${req.originalUrl.split('?')[0]}`)))
  app.use(errorHandler(deps))
  return app
}

/** The host's one error handler: problem+json for APIs and DAV clients, the error page for people. */
function errorHandler(deps: HttpDeps): ErrorRequestHandler {
  return problemHandler(deps.logger, (err, req, detail) => {
    const record = req.space ? deps.registry.get(req.space.slug) : null
    return renderErrorPage({
      status: err.status,
      title: err.status === 404 ? 'Page not found' : err.status === 503 ? 'Temporarily unavailable' : 'Something went wrong',
      message: detail,
      language: pickLanguage(req),
      space: req.space && record ? { name: record.name, pathPrefix: req.space.pathPrefix } : undefined,
    })
  }, { catalogue: deps.messages, languageOf: pickLanguage })
}

/**
 * The `request` listener of the host's HTTP server: DAV requests through the lean path (`davFastPath`),
 * everything else, and DAV when that path declines, through the express application.
 */
export function createRequestListener(deps: HttpDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const app = createHttpApp(deps)
  const dav = davHandlerOf(deps.modules.davRouter)
  if (!dav) return app
  const fast = davFastPath(app, {
    config: deps.config, logger: deps.logger, host: deps.host, authenticate: deps.modules.authenticate, dav,
    headers: davSecurityHeaders(), onError: errorHandler(deps),
  })
  return (req, res) => {
    if (!fast(req, res)) app(req, res)
  }
}
