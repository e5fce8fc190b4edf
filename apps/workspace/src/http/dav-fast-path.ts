import { IncomingMessage, ServerResponse } from 'node:http'
import type { ErrorRequestHandler, Express, Request, RequestHandler, Response } from 'express'
import type { Logger } from 'pino'
import type { Config } from '@maison/config'
import type { DavHandler } from '../dav/index.ts'
import type { SpaceHost } from '../spaces/host.ts'
import { buildContext } from '../spaces/context.ts'
import { slugFromHost } from './space.ts'

export interface DavFastPathDeps {
  config: Config
  logger: Logger
  host: SpaceHost
  authenticate: RequestHandler
  dav: DavHandler
  /** Headers every DAV answer carries (the precomputed security headers). */
  headers: readonly (readonly [string, string])[]
  /** The application's error handler: problem+json, or the error page for a browser. */
  onError: ErrorRequestHandler
}

// Only the plain spellings: express matches paths case-insensitively and decodes `%xx` in the slug;
// anything else (rare) takes the express route, which answers it the same way.
const BY_PATH = /^(\/s\/([^/?%]+)\/remote\.php\/(?:dav|webdav))(?=[/?]|$)/
const BY_HOST = /^\/remote\.php\/(?:dav|webdav)(?=[/?]|$)/

const noop = (): void => {}

/**
 * The level of DAV requests' access log lines (`requestLogging`): sync clients poll all day. When it is enabled,
 * DAV requests take the express route, where pino-http writes those lines.
 */
export const DAV_ACCESS_LOG_LEVEL = 'debug'

const SHAPE = Symbol('maison.expressShape')
type Shape = { [SHAPE]?: object | null }

/**
 * Request and response classes for `http.createServer`, whose objects are born with express's methods in
 * their prototype chain once the DAV fast path is built over an express app: that path then no longer
 * moves each request's objects to express's prototypes. `Object.setPrototypeOf` on a fresh request and
 * response cost ~50 µs of CPU per request in a bare node:http server (and more in ours: every later
 * property access in node's HTTP internals misses its inline caches), against ~10 µs for objects born
 * with the same chain. One pair per server, linked to the first app that serves its requests.
 */
export function expressReadyServerOptions(): { IncomingMessage: typeof IncomingMessage; ServerResponse: typeof ServerResponse } {
  class ExpressReadyRequest extends IncomingMessage {}
  class ExpressReadyResponse extends ServerResponse {}
  for (const c of [ExpressReadyRequest, ExpressReadyResponse]) (c.prototype as Shape)[SHAPE] = null
  return { IncomingMessage: ExpressReadyRequest, ServerResponse: ExpressReadyResponse as unknown as typeof ServerResponse }
}

/**
 * Gives an object express's prototype `target` (an app's request or response): nothing to do when it was
 * born from a shape already linked to that app; links a fresh shape to it once; otherwise moves the object.
 */
export function adopt(obj: object, target: object): void {
  const proto = Object.getPrototypeOf(obj) as Shape
  if (Object.prototype.hasOwnProperty.call(proto, SHAPE)) {
    if (proto[SHAPE] === target) return
    if (proto[SHAPE] === null) {
      // The shape's parent is node's own prototype, which express's prototypes extend.
      Object.setPrototypeOf(proto, target)
      proto[SHAPE] = target
      return
    }
  }
  Object.setPrototypeOf(obj, target)
}

/**
 * DAV requests (most of a host's traffic: sync clients poll) dispatched straight from the HTTP server,
 * without express's router walk: the same steps as the express route in the same order (security
 * headers, space resolution with its lease, authentication, DAV handler) and the same error answers.
 * Returns false, untouched, for anything it does not serve, and for everything while DAV_ACCESS_LOG_LEVEL is enabled.
 */
export function davFastPath(app: Express, deps: DavFastPathDeps): (req: IncomingMessage, res: ServerResponse) => boolean {
  const { config, logger, host } = deps

  function fail(err: unknown, req: Request, res: Response): void {
    try {
      deps.onError(err, req, res, noop)
    } catch (thrown) {
      logger.error({ err: thrown, url: req.originalUrl }, 'error handler failed')
      res.destroy()
    }
  }

  return (rawReq, rawRes) => {
    const url = rawReq.url ?? ''
    let slug: string | null
    let base: string
    let byDomain = false
    const hostSlug = config.BASE_DOMAIN ? slugFromHost(rawReq.headers.host, config.BASE_DOMAIN) : null
    if (hostSlug) {
      // On a space's own host name, `/s/...` is a path inside that space, never another space.
      const m = BY_HOST.exec(url)
      if (!m) return false
      slug = hostSlug
      base = m[0]
      byDomain = true
    } else {
      const m = BY_PATH.exec(url)
      if (!m) return false
      slug = m[2]!
      base = m[1]!
    }
    if (logger.isLevelEnabled(DAV_ACCESS_LOG_LEVEL)) return false

    // What express's app.handle and router do before a mounted handler runs.
    adopt(rawReq, app.request)
    adopt(rawRes, app.response)
    const req = rawReq as Request
    const res = rawRes as unknown as Response
    req.res = res
    res.req = req
    if (!res.locals) res.locals = Object.create(null) as Response['locals']
    req.originalUrl = url
    req.baseUrl = base
    for (const [k, v] of deps.headers) res.setHeader(k, v)

    try {
      const { space, release } = buildContext(host, config, slug, byDomain)
      // The database stays open for as long as the request may use it (a long upload included).
      res.once('close', release)
      req.space = space
    } catch (err) {
      fail(err, req, res)
      return true
    }
    // Unnamed closures: under tsx a named one costs an Object.defineProperty per request (esbuild's keepNames).
    const authenticated = deps.authenticate(req, res, (err?: unknown): void => {
      if (err !== undefined && err !== null) fail(err, req, res)
      else void deps.dav(req, res)
    })
    Promise.resolve(authenticated).catch((err: unknown) => fail(err, req, res))
    return true
  }
}
