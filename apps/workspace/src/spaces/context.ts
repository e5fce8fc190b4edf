import type { Config } from '@maison/config'
import type { SpaceContext, SpaceDirectory } from '@maison/app-contract'
import type { SpaceHost } from './host.ts'
import type { SpaceRegistry } from './registry.ts'

/**
 * The context of an open space: by path (`/s/{slug}`) or, when `byDomain`, on `{slug}.BASE_DOMAIN`.
 * @throws NotFound / Unavailable as SpaceHost.open does.
 */
export function buildContext(host: SpaceHost, config: Config, slug: string, byDomain: boolean): { space: SpaceContext; release(): void } {
  const { record, db, dir, release } = host.open(slug)
  const baseUrl = byDomain ? `${protocolOf(config.BASE_URL)}//${slug}.${config.BASE_DOMAIN}` : `${config.BASE_URL}/s/${slug}`
  const space = {
    slug, name: record.name, db, dir, baseUrl,
    pathPrefix: byDomain ? '' : `/s/${slug}`,
    limits: { maxAccounts: record.maxAccounts, quotaBytes: record.quotaBytes },
  }
  return { space, release }
}

// BASE_URL is fixed at boot, and every request builds a context: parse it once, not once per request.
let parsedBase: { url: string; protocol: string } | undefined

function protocolOf(baseUrl: string): string {
  if (parsedBase?.url !== baseUrl) parsedBase = { url: baseUrl, protocol: new URL(baseUrl).protocol }
  return parsedBase.protocol
}

/** Spaces as jobs see them: addressed like requests by path, links built from BASE_URL. */
export function spaceDirectory(host: SpaceHost, registry: SpaceRegistry, config: Config): SpaceDirectory {
  return {
    list: () => registry.list({ status: 'active' }).map((s) => s.slug),
    async use(slug, fn) {
      const { space, release } = buildContext(host, config, slug, false)
      try {
        return await fn(space)
      } finally {
        release()
      }
    },
  }
}
