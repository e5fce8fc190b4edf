import fs from 'node:fs'
import path from 'node:path'
import { ancestorPaths, joinPath, newEtag, type FilesDeps } from './context.ts'
import { FileService, contentTypeOf } from './service.ts'
import type { Actor } from './context.ts'
import { LocalContentStore } from './content-store.ts'

/**
 * Creates `count` small files in a folder of the actor's tree, in one transaction, for benchmarks
 * and tests of large listings. Returns the folder's view path.
 */
export async function bulkCreateFiles(deps: FilesDeps & { store: LocalContentStore }, actor: Actor, folder: string[], count: number, bytes = 16): Promise<string[]> {
  const svc = new FileService(deps, actor)
  if (!(await svc.stat(folder))) await svc.mkdir(folder)
  const dir = await svc.require(folder)
  const loc = svc.locate(folder)
  const abs = deps.store.absolute(loc.owner, loc.rel)
  const content = Buffer.alloc(bytes, 97)
  const now = deps.clock().getTime()
  const names = Array.from({ length: count }, (_, i) => `file-${String(i).padStart(6, '0')}.txt`)
  for (const name of names) fs.writeFileSync(path.join(abs, name), content)
  deps.repo.transaction(() => {
    for (const name of names) {
      const st = fs.statSync(path.join(abs, name))
      deps.repo.insert({
        owner: loc.owner, parent: dir.node.fileid, path: joinPath(loc.rel, name), name, isDir: false, size: st.size,
        mtime: Math.floor(st.mtimeMs), ctime: now, etag: newEtag(), contentType: contentTypeOf(name),
      })
    }
    deps.repo.touchAncestors(loc.owner, [...ancestorPaths(loc.rel), loc.rel], count * bytes, now, newEtag())
  })
  return folder
}
