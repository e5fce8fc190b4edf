import type { DavResource, DavProvider, PropWant } from './tree.ts'
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

const [RESOURCETYPE, GETETAG, GETLASTMODIFIED, GETCONTENTLENGTH, GETCONTENTTYPE, CREATIONDATE, DISPLAYNAME, SUPPORTEDLOCK, LOCKDISCOVERY] = CORE_PROPS.map((_, i) => i)

/** Position of a core prop in CORE_PROPS, or -1 for any other name. */
export function coreIndex(name: string): number {
  return CORE_PROPS.indexOf(name)
}

/** Names of core props a resource has (collections have no content length or type). */
export function coreNames(r: DavResource): string[] {
  return CORE_PROPS.filter((_, i) => {
    if (i === GETCONTENTLENGTH) return r.contentLength !== undefined
    if (i === GETCONTENTTYPE) return r.contentType !== undefined
    if (i === GETETAG) return r.etag !== undefined
    if (i === GETLASTMODIFIED) return r.lastModified !== undefined
    if (i === CREATIONDATE) return r.created !== undefined
    return true
  })
}

/** Value of the core prop at `index` of CORE_PROPS, or undefined when the resource has none. */
export function coreValue(r: DavResource, index: number, locks: (r: DavResource) => string): string | undefined {
  switch (index) {
    case RESOURCETYPE:
      return r.collection ? '<d:collection/>' + (r.resourceType ?? '') : ''
    case GETETAG:
      return r.etag && escapeText(r.etag)
    case GETLASTMODIFIED:
      return r.lastModified?.toUTCString()
    case GETCONTENTLENGTH:
      return r.contentLength === undefined ? undefined : String(r.contentLength)
    case GETCONTENTTYPE:
      return r.contentType && escapeText(r.contentType)
    case CREATIONDATE:
      return r.created?.toISOString().replace(/\.\d{3}Z$/, 'Z')
    case DISPLAYNAME:
      return r.displayName === undefined ? undefined : escapeText(r.displayName)
    case SUPPORTEDLOCK:
      return SUPPORTED_LOCK
    case LOCKDISCOVERY:
      return locks(r)
    default:
      return undefined
  }
}

export type PropRequest = { kind: 'allprop'; include: string[] } | { kind: 'propname' } | { kind: 'prop'; names: string[] }

/** What a PROPFIND needs from the provider: live names asked for, and whether dead props are read. */
export function providerWant(request: PropRequest, listing: boolean): PropWant {
  if (request.kind === 'prop') return { live: new Set(request.names.filter((n) => !CORE_SET.has(n))), dead: request.names.some((n) => !CORE_SET.has(n)), listing }
  if (request.kind === 'allprop') return { live: new Set(request.include.filter((n) => !CORE_SET.has(n))), dead: true, listing }
  return { live: new Set(), dead: true, listing }
}
