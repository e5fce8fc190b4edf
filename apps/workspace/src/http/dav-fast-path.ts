import type { IncomingMessage, ServerResponse } from 'node:http'
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
 * DAV requests (most of a host's traffic: sync clients poll) dispatched straight from the HTTP server,
 * without express's router walk: the same steps as the express route in the same order (security
 * headers, space resolution with its lease, authentication, DAV handler) and the same error answers.
 * Returns false, untouched, for anything it does not serve; with info logging on, pino-http logs every
 * answer, so DAV requests then take the express route.
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
    if (logger.isLevelEnabled('info')) return false

    // What express's app.handle and router do before a mounted handler runs.
    const req = Object.setPrototypeOf(rawReq, app.request) as Request
    const res = Object.setPrototypeOf(rawRes, app.response) as Response
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
    const next = (err?: unknown): void => {
      if (err !== undefined && err !== null) fail(err, req, res)
      else void deps.dav(req, res)
    }
    Promise.resolve(deps.authenticate(req, res, next)).catch((err: unknown) => fail(err, req, res))
    return true
  }
}
