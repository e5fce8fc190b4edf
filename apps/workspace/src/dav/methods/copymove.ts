import { BadRequest, Forbidden, NotFound, MethodNotAllowed } from '@maison/errors'
import type { DavRequest } from '../request.ts'
import { depthOf } from '../request.ts'
import { withStatus } from '../errors.ts'
import { checkPreconditions } from '../preconditions.ts'

/** COPY and MOVE within one provider of this space (RFC 4918 §9.8, §9.9). */
export async function copyOrMove(dr: DavRequest): Promise<void> {
  const move = dr.req.method === 'MOVE'
  const destHeader = dr.req.get('Destination')
  if (!destHeader) throw new BadRequest('The Destination header is required.')
  const dest = dr.pathOfUrl(destHeader)
  if (!dest) throw withStatus(new Forbidden('The Destination is on another space or server.'), 502)
  const overwriteRaw = (dr.req.get('Overwrite') ?? 'T').toUpperCase()
  if (overwriteRaw !== 'T' && overwriteRaw !== 'F') throw new BadRequest('Overwrite must be T or F.')
  const depth = depthOf(dr, 'infinity', move ? ['infinity'] : ['0', 'infinity'])
  const provider = dr.tree.providerFor(dr.path)
  if (!provider || dr.tree.providerFor(dest) !== provider) throw withStatus(new Forbidden('The Destination is in another collection tree.'), 502)
  if (!(move ? provider.move : provider.copy)) throw new MethodNotAllowed(`${dr.req.method} is not supported here.`)
  const target = await dr.tree.resolve(dr.ctx, dr.path)
  if (!target) throw new NotFound('No resource at this path.')
  if (dest.join('/') === dr.path.join('/')) throw new Forbidden('Source and Destination are the same.')
  await checkPreconditions(dr, target)
  const user = dr.ctx.principal.username
  if (move) dr.locks.assertWritable(dr.lockPath, dr.submitted, user, { deep: true, member: true })
  dr.locks.assertWritable(dr.lockKeyOf(dest), dr.submitted, user, { deep: true, member: true })
  const opts = { overwrite: overwriteRaw === 'T' }
  const { created } = move
    ? await provider.move!(dr.ctx, target, dest, opts)
    : await provider.copy!(dr.ctx, target, dest, { ...opts, depth: depth === '0' ? 0 : 'infinity' })
  if (move) dr.locks.forget(dr.lockPath)
  dr.res.status(created ? 201 : 204).end()
}
