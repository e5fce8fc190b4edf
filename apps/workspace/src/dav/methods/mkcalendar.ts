import { BadRequest, Forbidden, MethodNotAllowed, UnsupportedMediaType } from '@maison/errors'
import type { DavRequest } from '../request.ts'
import { withCondition } from '../errors.ts'
import { checkPreconditions } from '../preconditions.ts'
import { mkcol } from './content.ts'
import { clark, elements, DAV_NS, type XmlElement } from '../xml/tree.ts'
import { serializeFragment } from '../xml/serialize.ts'
import type { CollectionSpec } from '../tree.ts'

const CALDAV_NS = 'urn:ietf:params:xml:ns:caldav'
const RESOURCETYPE = clark(DAV_NS, 'resourcetype')

function specOf(body: XmlElement | null, root: { ns: string; local: string }, defaults: string[]): CollectionSpec {
  const found = new Map<string, XmlElement>()
  const spec: CollectionSpec = { resourceTypes: [...defaults], props: [], elements: found }
  if (!body) return spec
  if (body.ns !== root.ns || body.local !== root.local) throw new BadRequest(`The body must be a ${root.local} element.`)
  for (const set of elements(body)) {
    if (set.ns !== DAV_NS || set.local !== 'set') throw new BadRequest(`Unexpected element ${set.local} in ${root.local}.`)
    for (const prop of elements(set).filter((e) => e.ns === DAV_NS && e.local === 'prop')) {
      for (const p of elements(prop)) {
        const name = clark(p.ns, p.local)
        if (name === RESOURCETYPE) {
          spec.resourceTypes = elements(p).map((e) => clark(e.ns, e.local)).filter((n) => n !== clark(DAV_NS, 'collection'))
          continue
        }
        spec.props.push({ name, value: serializeFragment(p.children) })
        found.set(name, p)
      }
    }
  }
  return spec
}

async function create(dr: DavRequest, spec: CollectionSpec): Promise<void> {
  const provider = dr.tree.providerFor(dr.path)
  if (!provider?.makeCollectionWith || dr.path.length < 2) throw withCondition(new Forbidden('A collection of this kind cannot be created here.'), '<d:resource-must-be-null/>')
  const target = await dr.tree.resolve(dr.ctx, dr.path)
  if (target) throw withCondition(new MethodNotAllowed('Something already exists at this path.'), '<d:resource-must-be-null/>')
  await checkPreconditions(dr, null)
  dr.locks.assertWritable(dr.lockPath, dr.submitted, dr.ctx.principal.username, { member: true })
  await provider.makeCollectionWith(dr.ctx, dr.path, spec)
  dr.res.set('Cache-Control', 'no-cache').status(201).end()
}

/** MKCALENDAR (RFC 4791 §5.3.1), with an optional CALDAV:mkcalendar body of properties. */
export async function mkcalendar(dr: DavRequest): Promise<void> {
  const spec = specOf(await dr.readXml(), { ns: CALDAV_NS, local: 'mkcalendar' }, [clark(CALDAV_NS, 'calendar')])
  await create(dr, spec)
}

/** MKCOL: plain (RFC 4918), or extended with a DAV:mkcol body (RFC 5689); other bodies get 415. */
export async function mkcolAny(dr: DavRequest): Promise<void> {
  const type = dr.req.get('content-type') ?? ''
  if (!dr.hasBody() || !/xml/i.test(type)) return mkcol(dr)
  const body = await dr.readXml().catch(() => {
    throw new UnsupportedMediaType('MKCOL with a body needs a DAV:mkcol XML document.')
  })
  if (!body) return mkcol(dr)
  if (body.ns !== DAV_NS || body.local !== 'mkcol') throw new UnsupportedMediaType('MKCOL with a body needs a DAV:mkcol XML document.')
  await create(dr, specOf(body, { ns: DAV_NS, local: 'mkcol' }, []))
}
