import type { RequestHandler } from 'express'
import type { Config } from '@maison/config'
import type { SpaceHost } from '../spaces/host.ts'
import { buildContext } from '../spaces/context.ts'

/** The space a host name designates when BASE_DOMAIN is set (`{slug}.{BASE_DOMAIN}`), else null. */
export function slugFromHost(hostHeader: string | undefined, baseDomain: string | undefined): string | null {
  if (!baseDomain || !hostHeader) return null
  const host = hostHeader.toLowerCase()
  const suffix = `.${baseDomain.toLowerCase()}`
  if (!host.endsWith(suffix)) return null
  const slug = host.slice(0, -suffix.length)
  return /^[a-z0-9-]+$/.test(slug) ? slug : null
}


/**
 * Resolves `/s/:space/...` to exactly one space before anything else runs; an unknown,
 * suspended or upgrading space stops here.
 */
export function resolveSpaceFromPath(host: SpaceHost, config: Config): RequestHandler {
  return (req, res, next) => {
    const { space, release } = buildContext(host, config, String(req.params.space), false)
    // The database stays open for as long as the request may use it (a long upload included).
    res.once('close', release)
    req.space = space
    next()
  }
}

/** Same for `{slug}.{BASE_DOMAIN}` hosts; requests to other hosts pass through untouched. */
export function resolveSpaceFromHost(host: SpaceHost, config: Config): RequestHandler {
  return (req, res, next) => {
    const slug = slugFromHost(req.get('host'), config.BASE_DOMAIN)
    if (!slug) return next('router')
    const { space, release } = buildContext(host, config, slug, true)
    res.once('close', release)
    req.space = space
    next()
  }
}
