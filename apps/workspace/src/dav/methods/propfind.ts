import { BadRequest, Forbidden, NotFound } from '@maison/errors'
import type { DavRequest } from '../request.ts'
import { depthOf, sendXml } from '../request.ts'
import { withCondition } from '../errors.ts'
import { checkPreconditions } from '../preconditions.ts'
import { collectProps, activeLock, type PropRequest } from '../props.ts'
import { clark, elements, DAV_NS, type XmlElement } from '../xml/tree.ts'
import { multistatus, propstatResponse } from '../xml/multistatus.ts'
import { pathKey, isWithin } from '../paths.ts'
import type { DavResource } from '../tree.ts'

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

/** PROPFIND (RFC 4918 §9.1), depth 0 or 1. */
export async function propfind(dr: DavRequest): Promise<void> {
  const depth = depthOf(dr, '1', ['0', '1', 'infinity'])
  if (depth === 'infinity') throw withCondition(new Forbidden('Depth: infinity is not supported; use depth 0 or 1.'), '<d:propfind-finite-depth/>')
  const request = parsePropfind(await dr.readXml())
  const target = await dr.tree.resolve(dr.ctx, dr.path)
  if (!target) throw new NotFound('No resource at this path.')
  await checkPreconditions(dr, target)
  const resources: DavResource[] = [target]
  if (depth === '1' && target.collection) resources.push(...(await dr.tree.children(dr.ctx, target)))
  // Locks are read once for the whole listing, never per member.
  const wantsLocks = request.kind === 'allprop' || (request.kind === 'prop' && request.names.includes(clark(DAV_NS, 'lockdiscovery')))
  const locks = wantsLocks ? dr.locks.coveringOrBelow(dr.path) : []
  const now = dr.ctx.now.getTime()
  const lockdiscovery = (r: DavResource) =>
    locks
      .filter((l) => l.root === pathKey(r.path) || (l.depth === 'infinity' && isWithin(r.path, l.root === '/' ? [] : l.root.slice(1).split('/'))))
      .map((l) => activeLock(l, dr.href(l.root === '/' ? [] : l.root.slice(1).split('/'), false), now))
      .join('')
  const provider = dr.tree.providerFor(dr.path)
  const answers = await collectProps(dr.ctx, provider, resources, request, lockdiscovery)
  const body = multistatus(
    resources.map((r, i) => {
      const a = answers[i]!
      const names = request.kind === 'propname'
      return propstatResponse(dr.href(r.path, r.collection), [
        { status: 200, props: [...a.found].map(([n, v]) => [n, names ? null : v] as [string, string | null]) },
        { status: 404, props: a.missing.map((n) => [n, null] as [string, string | null]) },
      ])
    }),
  )
  sendXml(dr.res, 207, body)
}
