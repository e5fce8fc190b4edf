import { BadRequest, NotFound } from '@maison/errors'
import { sendXml, type DavRequest } from '../request.ts'
import { checkPreconditions } from '../preconditions.ts'
import { isProtected } from '../props.ts'
import { clark, elements, DAV_NS } from '../xml/tree.ts'
import { serializeFragment } from '../xml/serialize.ts'
import { multistatus, propstatResponse } from '../xml/multistatus.ts'
import type { PropPatchOp } from '../tree.ts'

/** PROPPATCH (RFC 4918 §9.2): all instructions apply, or none. */
export async function proppatch(dr: DavRequest): Promise<void> {
  const body = await dr.readXml()
  if (!body || body.ns !== DAV_NS || body.local !== 'propertyupdate') throw new BadRequest('The PROPPATCH body must be a DAV:propertyupdate element.')
  const target = await dr.tree.resolve(dr.ctx, dr.path)
  if (!target) throw new NotFound('No resource at this path.')
  await checkPreconditions(dr, target)
  dr.locks.assertWritable(dr.lockPath, dr.submitted, dr.ctx.principal.username)
  const provider = dr.tree.providerFor(dr.path)
  const ops: PropPatchOp[] = []
  for (const instr of elements(body)) {
    if (instr.ns !== DAV_NS || (instr.local !== 'set' && instr.local !== 'remove')) throw new BadRequest(`Unexpected element ${instr.local} in propertyupdate.`)
    const prop = elements(instr).find((e) => e.ns === DAV_NS && e.local === 'prop')
    if (!prop) throw new BadRequest(`A ${instr.local} instruction needs a DAV:prop element.`)
    for (const p of elements(prop)) ops.push({ name: clark(p.ns, p.local), value: instr.local === 'set' ? serializeFragment(p.children) : null })
  }
  const refused = new Set(ops.filter((o) => isProtected(o.name, provider)).map((o) => o.name))
  const names = [...new Set(ops.map((o) => o.name))]
  if (refused.size === 0 && provider) await provider.patchDeadProps(dr.ctx, target, ops)
  const failed = refused.size > 0 || !provider
  const groups = failed
    ? [
        { status: 403, props: names.filter((n) => refused.has(n) || !provider).map((n) => [n, null] as [string, null]) },
        { status: 424, props: names.filter((n) => !refused.has(n) && provider).map((n) => [n, null] as [string, null]) },
      ]
    : [{ status: 200, props: names.map((n) => [n, null] as [string, null]) }]
  sendXml(dr.res, 207, multistatus([propstatResponse(dr.href(target.path, target.collection), groups)]))
}
