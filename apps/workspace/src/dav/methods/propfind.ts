import { BadRequest, Forbidden, NotFound } from '@maison/errors'
import type { DavRequest } from '../request.ts'
import { depthOf, sendXml } from '../request.ts'
import { withCondition } from '../errors.ts'
import { checkPreconditions } from '../preconditions.ts'
import { activeLock, providerWant, type PropRequest } from '../props.ts'
import { NO_PROPS, responseRenderer } from '../prop-render.ts'
import { clark, elements, DAV_NS, type XmlElement } from '../xml/tree.ts'
import { ROOT_DECLS, encodeSegment } from '../xml/serialize.ts'
import { XmlStream } from '../xml/stream.ts'
import { pathKey, isWithin } from '../paths.ts'
import type { DavProvider, DavResource, PropLookup } from '../tree.ts'
import type { DavLock } from '../locks/repository.ts'

/** Reads a `<d:propfind>` body (empty means allprop). @throws BadRequest */
export function parsePropfind(body: XmlElement | null): PropRequest {
  if (!body) return { kind: 'allprop', include: [] }
  if (body.ns !== DAV_NS || body.local !== 'propfind') throw new BadRequest('The PROPFIND body must be a DAV:propfind element.')
  const kids = elements(body)
  const prop = kids.find((k) => k.ns === DAV_NS && k.local === 'prop')
  if (kids.some((k) => k.ns === DAV_NS && k.local === 'propname')) return { kind: 'propname' }
  if (kids.some((k) => k.ns === DAV_NS && k.local === 'allprop')) {
    const inc = kids.find((k) => k.ns === DAV_NS && k.local === 'include')
    return { kind: 'allprop', include: inc ? elements(inc).map((e) => clark(e.ns, e.local)) : [] }
  }
  if (prop) return { kind: 'prop', names: elements(prop).map((e) => clark(e.ns, e.local)) }
  throw new BadRequest('The PROPFIND body must contain prop, allprop or propname.')
}

/**
 * lockdiscovery values for the listed resources. Locks are read once for the listing (the target's
 * and those below it, plus those of members stored elsewhere, i.e. the association mount), never per member.
 */
function lockDiscovery(dr: DavRequest, resources: readonly DavResource[]): (r: DavResource) => string {
  const keys = new Map<DavResource, string[]>()
  for (const r of resources) keys.set(r, dr.lockKeyOf(r.path))
  const byToken = new Map<string, DavLock>()
  for (const l of dr.locks.coveringOrBelow(dr.lockPath)) byToken.set(l.token, l)
  for (const key of keys.values()) {
    if (!isWithin(key, dr.lockPath)) for (const l of dr.locks.covering(key)) byToken.set(l.token, l)
  }
  const locks = [...byToken.values()].map((l) => ({ lock: l, root: l.root === '/' ? [] : l.root.slice(1).split('/') }))
  const now = dr.ctx.now.getTime()
  return (r) => {
    if (locks.length === 0) return ''
    const key = keys.get(r) ?? dr.lockKeyOf(r.path)
    const k = pathKey(key)
    return locks
      .filter(({ lock, root }) => lock.root === k || (lock.depth === 'infinity' && isWithin(key, root)))
      .map(({ lock }) => activeLock(lock, dr.hrefOfLockRoot(lock.root), now))
      .join('')
  }
}

/** Property lookups for the members of the DAV root, one provider call each. */
async function rootMemberLookups(dr: DavRequest, members: readonly DavResource[], request: PropRequest): Promise<Map<string, PropLookup>> {
  const out = new Map<string, PropLookup>()
  for (const r of members) {
    const name = r.path[0]
    if (name === undefined || out.has(name)) continue
    const p = dr.tree.providerFor(r.path)
    out.set(name, p ? await p.props(dr.ctx, members.filter((m) => m.path[0] === name), providerWant(request, false)) : NO_PROPS)
  }
  return out
}

// Module-level or unnamed: under tsx every named closure made per request costs an Object.defineProperty.
const NO_LOCKS = (_r: DavResource): string => ''
const liveNamesOf = (provider: DavProvider | undefined) => (r: DavResource): readonly string[] => provider?.livePropNames(r) ?? []

const HEAD = `<?xml version="1.0" encoding="utf-8"?>\n<d:multistatus ${ROOT_DECLS}>`
const TAIL = '</d:multistatus>\n'

/**
 * PROPFIND (RFC 4918 §9.1), depth 0 or 1. The multistatus is streamed member by member with
 * backpressure, so a 10,000-member listing is never one string in memory.
 */
export async function propfind(dr: DavRequest): Promise<void> {
  const depth = depthOf(dr, '1', ['0', '1', 'infinity'])
  if (depth === 'infinity') throw withCondition(new Forbidden('Depth: infinity is not supported; use depth 0 or 1.'), '<d:propfind-finite-depth/>')
  const request = parsePropfind(await dr.readXml())
  const target = await dr.tree.resolve(dr.ctx, dr.path)
  if (!target) throw new NotFound('No resource at this path.')
  await checkPreconditions(dr, target)
  const listing = depth === '1' && target.collection
  let members: Iterable<DavResource> = listing ? await dr.tree.children(dr.ctx, target) : []
  const wantsLocks = request.kind === 'allprop' || (request.kind === 'prop' && request.names.includes(clark(DAV_NS, 'lockdiscovery')))
  let locks = NO_LOCKS
  if (wantsLocks) {
    members = [...members]
    locks = lockDiscovery(dr, [target, ...members])
  }
  const provider = dr.tree.providerFor(dr.path)
  let lookup = provider ? await provider.props(dr.ctx, [target], providerWant(request, listing)) : NO_PROPS
  let liveNames = liveNamesOf(provider)
  if (listing && target.path.length === 0) {
    // The root's members are the providers' own collections: each answers for its own.
    const tops = [...members]
    members = tops
    const byProvider = await rootMemberLookups(dr, tops, request)
    const rootLookup = lookup
    const of = (r: DavResource) => (r.path.length === 0 ? undefined : byProvider.get(r.path[0]!))
    lookup = {
      value: (r, name) => (of(r) ?? rootLookup).value(r, name),
      deadNames: (r) => (of(r) ?? rootLookup).deadNames(r),
    }
    liveNames = (r) => (r.path.length === 0 ? provider : dr.tree.providerFor(r.path))?.livePropNames(r) ?? []
  }
  const render = responseRenderer(request, liveNames, lookup, locks)
  const own = render(target, dr.href(target.path, target.collection))
  // Depth 0 (the sync clients' poll): one small string, sent with the head in one write.
  if (!listing) {
    const answer = HEAD + own + TAIL
    if (dr.keepAnswer && request.kind === 'prop' && !wantsLocks) {
      const stillCurrent = provider?.reuseCheck?.(dr.ctx, target, request.names)
      if (stillCurrent) dr.keepAnswer(answer, stillCurrent)
    }
    return sendXml(dr.res, 207, answer)
  }
  const out = new XmlStream(dr.res, 207)
  const parentHref = dr.href(target.path, true)
  const first = out.write(HEAD + own)
  if (first) await first
  const depthOfMembers = target.path.length + 1
  for (const r of members) {
    // Members' hrefs extend the collection's: one segment to encode instead of the whole path.
    const href = r.path.length === depthOfMembers ? parentHref + encodeSegment(r.path[depthOfMembers - 1]!) + (r.collection ? '/' : '') : dr.href(r.path, r.collection)
    const wait = out.write(render(r, href))
    if (wait) await wait
  }
  const wait = out.write(TAIL)
  if (wait) await wait
  out.end()
}
