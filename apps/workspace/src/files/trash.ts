import { Forbidden, NotFound, QuotaExceeded } from '@maison/errors'
import type { TrashItem } from './repository.ts'
import { ASSOCIATION_NAME, ASSOCIATION_OWNER, ancestorPaths, newEtag, type Actor, type FilesDeps } from './context.ts'
import { FileService } from './service.ts'

/** A trash entry as the JSON API shows it. */
export interface TrashView {
  id: number
  name: string
  /** Path in the account's view, e.g. "/Association/minutes.pdf". */
  originalPath: string
  deletedAt: string
  size: number
  isFolder: boolean
}

const viewSegments = (owner: string, rel: string): string[] => {
  const parts = rel === '' ? [] : rel.split('/')
  return owner === ASSOCIATION_OWNER ? [ASSOCIATION_NAME, ...parts] : parts
}

const present = (t: TrashItem): TrashView => ({
  id: t.id, name: t.name, originalPath: '/' + viewSegments(t.sourceOwner, t.originalPath).join('/'),
  deletedAt: new Date(t.deletedAt).toISOString(), size: t.size, isFolder: t.isDir,
})

/** The actor's trash, newest first. */
export function listTrash(deps: FilesDeps, actor: Actor): TrashView[] {
  return deps.repo.trashOf(actor.username).map(present)
}

function own(deps: FilesDeps, actor: Actor, id: number): TrashItem {
  const item = deps.repo.trashItem(id)
  if (!item || item.username !== actor.username) throw new NotFound('No such item in your trash.')
  return item
}

function restoredName(name: string, n: number): string {
  const suffix = n === 1 ? ' (restored)' : ` (restored ${n})`
  const dot = name.lastIndexOf('.')
  return dot > 0 ? `${name.slice(0, dot)}${suffix}${name.slice(dot)}` : `${name}${suffix}`
}

/**
 * Puts an item back at its original path (recreating missing folders), or as "name (restored)" if taken.
 * Returns the restored path in the actor's view.
 * @throws NotFound, Forbidden (read-only association folder), QuotaExceeded.
 */
export async function restoreFromTrash(deps: FilesDeps, actor: Actor, id: number): Promise<string> {
  const { repo, store, clock } = deps
  const item = own(deps, actor, id)
  const svc = new FileService(deps, actor)
  const original = viewSegments(item.sourceOwner, item.originalPath)
  if (!svc.canWrite(original)) throw new Forbidden('You may no longer write where this item was.')
  for (let i = 1; i < original.length; i++) {
    const folder = original.slice(0, i)
    if (folder.length === 1 && folder[0] === ASSOCIATION_NAME) continue
    const e = await svc.stat(folder)
    if (!e) await svc.mkdir(folder)
    else if (!e.node.isDir) throw new Forbidden(`"${folder.join('/')}" is a file now; the item cannot go back there.`)
  }
  let target = original
  for (let n = 1; await svc.stat(target); n++) target = [...original.slice(0, -1), restoredName(item.name, n)]
  const loc = svc.locate(target)
  // Trash does not count towards usage, so restoring adds the bytes back.
  if (item.size > svc.bytesAllowed(loc.owner)) throw new QuotaExceeded('Not enough storage left to restore this item.')
  const parent = await svc.parentOf(loc)
  const trashOwner = `~trash/${item.username}/${item.id}`
  repo.transaction(() => {
    const top = repo.byPath(trashOwner, '')
    if (!top) throw new NotFound('The trashed content is missing.')
    store.renameSync(trashOwner, '', loc.owner, loc.rel)
    repo.moveSubtree(top, { owner: loc.owner, path: loc.rel, parent: parent.fileid, name: target.at(-1)! })
    repo.touchAncestors(loc.owner, ancestorPaths(loc.rel), top.size, clock().getTime(), newEtag())
    repo.deleteTrash(item.id)
  })
  return '/' + target.join('/')
}

async function destroy(deps: FilesDeps, item: TrashItem): Promise<void> {
  const trashOwner = `~trash/${item.username}/${item.id}`
  deps.repo.transaction(() => {
    const top = deps.repo.byPath(trashOwner, '')
    if (top) deps.repo.deleteSubtree(top.fileid)
    deps.repo.deleteTrash(item.id)
  })
  await deps.store.remove(trashOwner, '')
}

/** Deletes one trash item for good. @throws NotFound */
export async function deleteFromTrash(deps: FilesDeps, actor: Actor, id: number): Promise<void> {
  await destroy(deps, own(deps, actor, id))
}

/** Deletes the actor's whole trash for good; returns how many items went. */
export async function emptyTrash(deps: FilesDeps, actor: Actor): Promise<number> {
  const items = deps.repo.trashOf(actor.username)
  for (const item of items) await destroy(deps, item)
  return items.length
}

/** Deletes every trash item older than the retention period; returns how many went. */
export async function purgeExpiredTrash(deps: FilesDeps, now: Date, retentionDays: number): Promise<number> {
  const items = deps.repo.trashOlderThan(now.getTime() - retentionDays * 86_400_000)
  for (const item of items) await destroy(deps, item)
  return items.length
}
