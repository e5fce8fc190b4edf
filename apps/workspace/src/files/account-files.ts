import { ancestorPaths, newEtag, type FilesDeps } from './context.ts'
import { FileService } from './service.ts'
import { deleteFromTrash } from './trash.ts'

/** Bytes an account's own tree holds (the association folder and the trash not counted). */
export function accountUsage(deps: FilesDeps, username: string): number {
  return deps.repo.byPath(username, '')?.size ?? 0
}

/**
 * Disposes of a deleted account's files: deleted with its trash, or moved into the receiving
 * admin's `Transferred from {username}` folder (quota not applied: the admin chose it).
 */
export async function removeAccountFiles(deps: FilesDeps, username: string, mode: 'delete' | { transferTo: string }): Promise<void> {
  const { repo, store, clock } = deps
  const actor = { username, role: 'member' as const, quotaBytes: null }
  for (const item of repo.trashOf(username)) await deleteFromTrash(deps, actor, item.id)
  const root = repo.byPath(username, '')
  if (!root) return
  if (mode !== 'delete') {
    const receiver = new FileService(deps, { username: mode.transferTo, role: 'admin', quotaBytes: null })
    let name = `Transferred from ${username}`
    for (let n = 2; repo.byPath(mode.transferTo, name); n++) name = `Transferred from ${username} (${n})`
    const target = await receiver.mkdir([name])
    repo.transaction(() => {
      const now = clock().getTime()
      for (const child of repo.children(root.fileid)) {
        const rel = `${name}/${child.name}`
        store.renameSync(username, child.path, mode.transferTo, rel)
        repo.moveSubtree(child, { owner: mode.transferTo, path: rel, parent: target.node.fileid, name: child.name })
      }
      repo.touchAncestors(mode.transferTo, [...ancestorPaths(name), name], root.size, now, newEtag())
    })
  }
  await store.remove(username, '')
  repo.transaction(() => repo.deleteSubtree(root.fileid))
}
