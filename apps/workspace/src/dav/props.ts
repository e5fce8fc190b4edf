import type { DavContext, DavProvider, DavResource } from './tree.ts'
import type { DavLock } from './locks/repository.ts'
import { clark, DAV_NS } from './xml/tree.ts'
import { escapeText } from './xml/serialize.ts'

const d = (local: string) => clark(DAV_NS, local)

/** Live properties every resource has, computed by the protocol layer. */
export const CORE_PROPS = ['resourcetype', 'getetag', 'getlastmodified', 'getcontentlength', 'getcontenttype', 'creationdate', 'displayname', 'supportedlock', 'lockdiscovery'].map(d)

const CORE_SET = new Set(CORE_PROPS)

/** Whether PROPPATCH must refuse a property as protected. */
export function isProtected(name: string, provider: DavProvider | undefined): boolean {
  return CORE_SET.has(name) || (provider?.protectedProps.has(name) ?? false)
}

const SUPPORTED_LOCK =
  '<d:lockentry><d:lockscope><d:exclusive/></d:lockscope><d:locktype><d:write/></d:locktype></d:lockentry>' +
  '<d:lockentry><d:lockscope><d:shared/></d:lockscope><d:locktype><d:write/></d:locktype></d:lockentry>'

/** The `<d:activelock>` element of a lock. */
export function activeLock(l: DavLock, rootHref: string, now: number): string {
  const seconds = Math.max(0, Math.round((l.expiresAt - now) / 1000))
  return (
    `<d:activelock><d:locktype><d:write/></d:locktype><d:lockscope><d:${l.scope}/></d:lockscope>` +
    `<d:depth>${l.depth === 'infinity' ? 'infinity' : '0'}</d:depth>` +
    (l.ownerXml !== null ? `<d:owner>${l.ownerXml}</d:owner>` : '') +
    `<d:timeout>Second-${seconds}</d:timeout><d:locktoken><d:href>${escapeText(l.token)}</d:href></d:locktoken>` +
    `<d:lockroot><d:href>${escapeText(rootHref)}</d:href></d:lockroot></d:activelock>`
  )
}

/** Names of core props a resource has (collections have no content length or type). */
export function coreNames(r: DavResource): string[] {
  return CORE_PROPS.filter((n) => {
    if (n === d('getcontentlength')) return r.contentLength !== undefined
    if (n === d('getcontenttype')) return r.contentType !== undefined
    if (n === d('getetag')) return r.etag !== undefined
    if (n === d('getlastmodified')) return r.lastModified !== undefined
    if (n === d('creationdate')) return r.created !== undefined
    return true
  })
}

/** Value of one core prop, or undefined when the resource has none. */
export function coreValue(r: DavResource, name: string, locks: () => string): string | undefined {
  switch (name) {
    case d('resourcetype'):
      return r.collection ? '<d:collection/>' : ''
    case d('getetag'):
      return r.etag && escapeText(r.etag)
    case d('getlastmodified'):
      return r.lastModified?.toUTCString()
    case d('getcontentlength'):
      return r.contentLength === undefined ? undefined : String(r.contentLength)
    case d('getcontenttype'):
      return r.contentType && escapeText(r.contentType)
    case d('creationdate'):
      return r.created?.toISOString().replace(/\.\d{3}Z$/, 'Z')
    case d('displayname'):
      return r.displayName === undefined ? undefined : escapeText(r.displayName)
    case d('supportedlock'):
      return SUPPORTED_LOCK
    case d('lockdiscovery'):
      return locks()
    default:
      return undefined
  }
}

export type PropRequest = { kind: 'allprop'; include: string[] } | { kind: 'propname' } | { kind: 'prop'; names: string[] }

/** One resource's answer: found values by name, and names not found. */
export interface PropAnswer {
  found: Map<string, string>
  missing: string[]
}

/**
 * Computes the properties asked of several resources with a fixed number of provider calls:
 * one bulk live-prop call and one bulk dead-prop call.
 */
export async function collectProps(
  ctx: DavContext,
  provider: DavProvider | undefined,
  resources: DavResource[],
  request: PropRequest,
  lockdiscovery: (r: DavResource) => string,
): Promise<PropAnswer[]> {
  const liveNames = new Set<string>()
  if (request.kind === 'prop') request.names.forEach((n) => liveNames.add(n))
  else if (request.kind === 'allprop') request.include.forEach((n) => liveNames.add(n))
  else resources.forEach((r) => provider?.livePropNames(r).forEach((n) => liveNames.add(n)))
  const needDead = request.kind !== 'prop' || request.names.some((n) => !CORE_SET.has(n))
  const [live, dead] = await Promise.all([
    provider && liveNames.size ? provider.liveProps(ctx, resources, liveNames) : resources.map(() => new Map<string, string>()),
    provider && needDead ? provider.deadProps(ctx, resources) : resources.map(() => new Map<string, string>()),
  ])
  return resources.map((r, i) => {
    const found = new Map<string, string>()
    const missing: string[] = []
    const valueOf = (n: string) => (CORE_SET.has(n) ? coreValue(r, n, () => lockdiscovery(r)) : (live[i]!.get(n) ?? dead[i]!.get(n)))
    if (request.kind === 'propname') {
      for (const n of [...coreNames(r), ...(provider?.livePropNames(r) ?? []), ...dead[i]!.keys()]) found.set(n, '')
    } else {
      const names = request.kind === 'prop' ? request.names : [...coreNames(r), ...dead[i]!.keys(), ...request.include]
      for (const n of names) {
        const v = valueOf(n)
        if (v === undefined) missing.push(n)
        else found.set(n, v)
      }
    }
    return { found, missing }
  })
}
