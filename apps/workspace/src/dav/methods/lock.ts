import { PassThrough } from 'node:stream'
import { BadRequest, Conflict, MethodNotAllowed } from '@maison/errors'
import type { DavRequest } from '../request.ts'
import { depthOf, sendXml } from '../request.ts'
import { checkPreconditions } from '../preconditions.ts'
import { LockManager } from '../locks/manager.ts'
import { activeLock } from '../props.ts'
import { child, elements, DAV_NS } from '../xml/tree.ts'
import { ROOT_DECLS, serializeFragment } from '../xml/serialize.ts'
import type { DavLock } from '../locks/repository.ts'

function lockBody(dr: DavRequest, lock: DavLock): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<d:prop ${ROOT_DECLS}><d:lockdiscovery>${activeLock(lock, dr.hrefOfLockRoot(lock.root), dr.ctx.now.getTime())}</d:lockdiscovery></d:prop>\n`
}

/** LOCK: new exclusive/shared write locks (creating an empty resource when unmapped), or a refresh. */
export async function lock(dr: DavRequest): Promise<void> {
  const timeout = LockManager.parseTimeout(dr.req.get('Timeout'))
  const user = dr.ctx.principal.username
  const body = await dr.readXml()
  let target = await dr.tree.resolve(dr.ctx, dr.path)
  await checkPreconditions(dr, target)
  if (!body) {
    if (!dr.ifLists) throw new BadRequest('A lock refresh needs the lock token in an If header.')
    const refreshed = dr.locks.refresh(dr.lockPath, dr.submitted, user, timeout)
    sendXml(dr.res, 200, lockBody(dr, refreshed), { 'Lock-Token': `<${refreshed.token}>` })
    return
  }
  if (body.ns !== DAV_NS || body.local !== 'lockinfo') throw new BadRequest('The LOCK body must be a DAV:lockinfo element.')
  const scopeEl = child(body, 'lockscope')
  const scope = scopeEl && elements(scopeEl)[0]
  if (!scope || scope.ns !== DAV_NS || (scope.local !== 'exclusive' && scope.local !== 'shared')) throw new BadRequest('lockscope must be exclusive or shared.')
  const typeEl = child(body, 'locktype')
  if (!typeEl || !child(typeEl, 'write')) throw new BadRequest('Only write locks are supported.')
  const owner = child(body, 'owner')
  const depth = depthOf(dr, 'infinity', ['0', 'infinity'])
  let created = false
  if (!target) {
    const provider = dr.tree.providerFor(dr.path)
    if (!provider?.write || dr.path.length < 3) throw new MethodNotAllowed('Nothing can be locked here.')
    dr.locks.assertWritable(dr.lockPath, dr.submitted, user, { member: true })
    const empty = new PassThrough()
    empty.end()
    const parent = await dr.tree.resolve(dr.ctx, dr.path.slice(0, -1))
    if (!parent?.collection) throw new Conflict('The parent collection does not exist.')
    target = (await provider.write(dr.ctx, dr.path, empty, { length: 0 })).resource
    created = true
  }
  const l = dr.locks.lock(dr.lockPath, {
    scope: scope.local,
    depth: target.collection && depth === 'infinity' ? 'infinity' : 0,
    ownerXml: owner ? serializeFragment(owner.children) : null,
    principal: user,
    timeoutSeconds: timeout,
  })
  sendXml(dr.res, created ? 201 : 200, lockBody(dr, l), { 'Lock-Token': `<${l.token}>` })
}

/** UNLOCK with the Lock-Token header. */
export async function unlock(dr: DavRequest): Promise<void> {
  const m = /^\s*<([^>]+)>\s*$/.exec(dr.req.get('Lock-Token') ?? '')
  if (!m) throw new BadRequest('UNLOCK needs a Lock-Token header: <opaquelocktoken:…>.')
  dr.locks.unlock(dr.lockPath, m[1]!, dr.ctx.principal.username)
  dr.res.status(204).end()
}
