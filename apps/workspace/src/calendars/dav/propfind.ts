import { Forbidden, NotFound } from '@maison/errors'
import type { DavRequest } from '../../dav/request.ts'
import { depthOf } from '../../dav/request.ts'
import { withCondition } from '../../dav/errors.ts'
import { checkPreconditions } from '../../dav/preconditions.ts'
import { parsePropfind } from '../../dav/methods/propfind.ts'
import { providerWant } from '../../dav/props.ts'
import { ROOT_DECLS } from '../../dav/xml/serialize.ts'
import { XmlStream } from '../../dav/xml/stream.ts'
import { calendarRenderer } from './render.ts'

const HEAD = `<?xml version="1.0" encoding="utf-8"?>\n<d:multistatus ${ROOT_DECLS}>`

/** PROPFIND on the calendars tree, depth 0 or 1, streamed like the core's. */
export async function calendarPropfind(dr: DavRequest): Promise<void> {
  const depth = depthOf(dr, '1', ['0', '1', 'infinity'])
  if (depth === 'infinity') throw withCondition(new Forbidden('Depth: infinity is not supported; use depth 0 or 1.'), '<d:propfind-finite-depth/>')
  const request = parsePropfind(await dr.readXml())
  const target = await dr.tree.resolve(dr.ctx, dr.path)
  if (!target) throw new NotFound('No resource at this path.')
  await checkPreconditions(dr, target)
  const listing = depth === '1' && target.collection
  const members = listing ? await dr.tree.children(dr.ctx, target) : []
  const provider = dr.tree.providerFor(dr.path)!
  const lookup = await provider.props(dr.ctx, [target], providerWant(request, listing))
  const render = calendarRenderer(request, (r) => provider.livePropNames(r), lookup)
  const out = new XmlStream(dr.res, 207)
  let wait = out.write(HEAD + render(target, dr.href(target.path, target.collection)))
  if (wait) await wait
  for (const r of members) {
    wait = out.write(render(r, dr.href(r.path, r.collection)))
    if (wait) await wait
  }
  wait = out.write('</d:multistatus>\n')
  if (wait) await wait
  out.end()
}
