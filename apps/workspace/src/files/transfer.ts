import { Forbidden, PreconditionFailed, QuotaExceeded } from '@maison/errors'
import type { FileNode } from './repository.ts'
import { ancestorPaths, newEtag, type FilesDeps } from './context.ts'
import type { FileService, Location } from './service.ts'

const within = (inner: readonly string[], outer: readonly string[]) => outer.length <= inner.length && outer.every((s, i) => inner[i] === s)

/**
 * Moves an item into the actor's trash (content and metadata). Synchronous: call inside a transaction.
 * Returns the trash id.
 */
export function trashSync(deps: FilesDeps, username: string, loc: Location, node: FileNode): number {
  const { repo, store, clock } = deps
  const now = clock().getTime()
  const id = repo.insertTrash({ username, sourceOwner: loc.owner, originalPath: loc.rel, name: node.name, isDir: node.isDir, size: node.size, deletedAt: now })
  const trashOwner = `~trash/${username}/${id}`
  store.renameSync(loc.owner, loc.rel, trashOwner, '')
  repo.moveSubtree(node, { owner: trashOwner, path: '', parent: null, name: node.name })
  repo.touchAncestors(loc.owner, ancestorPaths(loc.rel), -node.size, now, newEtag())
  return id
}

/**
 * Deletes through the trash: the item stays restorable for the retention period.
 * @throws NotFound when nothing is there, Forbidden for roots and read-only places.
 */
export async function removeEntry(deps: FilesDeps, svc: FileService, segments: readonly string[]): Promise<number> {
  const loc = svc.writableLocation(segments)
  const entry = await svc.require(segments)
  return deps.repo.transaction(() => trashSync(deps, svc.actor.username, loc, entry.node))
}

interface Prepared {
  src: FileNode
  srcLoc: Location
  destLoc: Location
  parent: FileNode
  existing: FileNode | undefined
}

async function prepare(svc: FileService, from: readonly string[], to: readonly string[], overwrite: boolean): Promise<Prepared> {
  const src = (await svc.require(from)).node
  const srcLoc = svc.locate(from)
  if (within(to, from)) throw new Forbidden('The destination lies inside the source.')
  if (within(from, to)) throw new Forbidden('The destination contains the source.')
  const destLoc = svc.writableLocation(to)
  const parent = await svc.parentOf(destLoc)
  const existing = await svc.heal(destLoc)
  if (existing && !overwrite) throw new PreconditionFailed('The destination exists and Overwrite is F.')
  return { src, srcLoc, destLoc, parent, existing }
}

/**
 * Copies a file or folder (folder members too unless depth 0); copies get new fileids and etags.
 * @throws PreconditionFailed when the destination exists without overwrite, QuotaExceeded over quota.
 */
export async function copyEntry(deps: FilesDeps, svc: FileService, from: readonly string[], to: readonly string[], opts: { depth: 0 | 'infinity'; overwrite: boolean }): Promise<{ created: boolean }> {
  const { repo, store, clock } = deps
  const p = await prepare(svc, from, to, opts.overwrite)
  const shallow = opts.depth === 0 && p.src.isDir
  const bytes = shallow ? 0 : p.src.size
  const freed = p.existing && p.existing.owner === p.destLoc.owner ? p.existing.size : 0
  if (bytes - freed > svc.bytesAllowed(p.destLoc.owner)) throw new QuotaExceeded('Not enough storage left for this copy.')
  const rows = shallow ? [p.src] : repo.subtree(p.srcLoc.owner, p.srcLoc.rel)
  const tmp = await store.stageCopy(p.srcLoc.owner, p.srcLoc.rel, shallow)
  try {
    repo.transaction(() => {
      if (p.existing) trashSync(deps, svc.actor.username, p.destLoc, p.existing)
      store.commitSync(tmp, p.destLoc.owner, p.destLoc.rel)
      const now = clock().getTime()
      const ids = new Map<number, number>()
      for (const r of rows) {
        const rel = r.fileid === p.src.fileid ? p.destLoc.rel : p.destLoc.rel + r.path.slice(p.srcLoc.rel.length)
        const parent = r.fileid === p.src.fileid ? p.parent.fileid : ids.get(r.parent!)!
        const name = r.fileid === p.src.fileid ? to.at(-1)! : r.name
        const size = shallow ? 0 : r.size
        const copy = repo.insert({ ...r, owner: p.destLoc.owner, path: rel, parent, name, size, ctime: now, etag: newEtag() })
        ids.set(r.fileid, copy.fileid)
        repo.copyDeadProps(r.fileid, copy.fileid)
      }
      repo.touchAncestors(p.destLoc.owner, ancestorPaths(p.destLoc.rel), bytes, now, newEtag())
    })
  } catch (e) {
    await store.discard(tmp)
    throw e
  }
  return { created: !p.existing }
}

/**
 * Moves or renames; the fileid, etag and dead properties follow.
 * @throws PreconditionFailed when the destination exists without overwrite, QuotaExceeded when crossing into a full tree.
 */
export async function moveEntry(deps: FilesDeps, svc: FileService, from: readonly string[], to: readonly string[], opts: { overwrite: boolean }): Promise<{ created: boolean }> {
  const { repo, store, clock } = deps
  svc.writableLocation(from)
  const p = await prepare(svc, from, to, opts.overwrite)
  if (p.srcLoc.owner !== p.destLoc.owner && p.src.size > svc.bytesAllowed(p.destLoc.owner)) {
    throw new QuotaExceeded('Not enough storage left in the destination for this move.')
  }
  repo.transaction(() => {
    if (p.existing) trashSync(deps, svc.actor.username, p.destLoc, p.existing)
    const now = clock().getTime()
    store.renameSync(p.srcLoc.owner, p.srcLoc.rel, p.destLoc.owner, p.destLoc.rel)
    repo.touchAncestors(p.srcLoc.owner, ancestorPaths(p.srcLoc.rel), -p.src.size, now, newEtag())
    repo.moveSubtree(p.src, { owner: p.destLoc.owner, path: p.destLoc.rel, parent: p.parent.fileid, name: to.at(-1)! })
    repo.touchAncestors(p.destLoc.owner, ancestorPaths(p.destLoc.rel), p.src.size, now, newEtag())
  })
  return { created: !p.existing }
}
