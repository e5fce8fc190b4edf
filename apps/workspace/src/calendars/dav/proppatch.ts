import { BadRequest, NotFound } from '@maison/errors'
import { sendXml, type DavRequest } from '../../dav/request.ts'
import { checkPreconditions } from '../../dav/preconditions.ts'
import { clark, elements, DAV_NS } from '../../dav/xml/tree.ts'
import { serializeFragment } from '../../dav/xml/serialize.ts'
import { multistatus, propstatResponse } from '../../dav/xml/multistatus.ts'
import { patchCalendar } from '../calendars.ts'
import type { CalendarsDavProvider } from './provider.ts'
import type { CalResource } from './resources.ts'
import { PROTECTED } from './cal-props.ts'
import { patchOf, type PropInstruction } from './patch.ts'

/**
 * PROPPATCH on the calendars tree: displayname, calendar-description, calendar-color, calendar-order,
 * calendar-timezone and dead properties of a calendar, all or nothing (RFC 4918 §9.2).
 */
export async function calendarProppatch(dr: DavRequest): Promise<void> {
  const body = await dr.readXml()
  if (!body || body.ns !== DAV_NS || body.local !== 'propertyupdate') throw new BadRequest('The PROPPATCH body must be a DAV:propertyupdate element.')
  const target = (await dr.tree.resolve(dr.ctx, dr.path)) as CalResource | null
  if (!target) throw new NotFound('No resource at this path.')
  await checkPreconditions(dr, target)
  const instructions: PropInstruction[] = []
  for (const instr of elements(body)) {
    if (instr.ns !== DAV_NS || (instr.local !== 'set' && instr.local !== 'remove')) throw new BadRequest(`Unexpected element ${instr.local} in propertyupdate.`)
    const prop = elements(instr).find((e) => e.ns === DAV_NS && e.local === 'prop')
    if (!prop) throw new BadRequest(`A ${instr.local} instruction needs a DAV:prop element.`)
    for (const p of elements(prop)) {
      const set = instr.local === 'set'
      instructions.push({ op: { name: clark(p.ns, p.local), value: set ? serializeFragment(p.children) : null }, element: set ? p : null })
    }
  }
  const names = [...new Set(instructions.map((i) => i.op.name))]
  let refused = new Set(names.filter((n) => PROTECTED.has(n) || target.kind !== 'calendar'))
  let failure = 403
  if (refused.size === 0) {
    const { patch, refused: more } = patchOf(instructions, false)
    refused = new Set(more)
    if (refused.size === 0) {
      try {
        const provider = dr.tree.providerFor(dr.path) as CalendarsDavProvider
        patchCalendar(provider.deps(dr.ctx), target.view!, patch)
      } catch (err) {
        // A refused value fails the whole update; the multistatus says which status, the names are all of them.
        const status = (err as { status?: number }).status
        if (status !== 403 && status !== 400) throw err
        failure = status === 400 ? 409 : 403
        refused = new Set(names)
      }
    }
  }
  const groups = refused.size > 0
    ? [
        { status: failure, props: names.filter((n) => refused.has(n)).map((n) => [n, null] as [string, null]) },
        { status: 424, props: names.filter((n) => !refused.has(n)).map((n) => [n, null] as [string, null]) },
      ]
    : [{ status: 200, props: names.map((n) => [n, null] as [string, null]) }]
  sendXml(dr.res, 207, multistatus([propstatResponse(dr.href(target.path, target.collection), groups)]))
}
