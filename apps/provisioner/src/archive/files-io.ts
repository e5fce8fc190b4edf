import type { Readable } from 'node:stream'
import type { SpaceContext } from '@maison/app-contract'
import { ASSOCIATION_NAME, ASSOCIATION_OWNER, FileService, filesDepsFor, LocalContentStore, SqliteFileRepository, type Actor, type FilesDeps } from '../../../workspace/src/files/index.ts'
import type { ArchiveSink } from './tar-writer.ts'

/** Archive folder of file contents: `files/{owner}/…`, owner being a username or `_association`. */
export const FILES_DIR = 'files'
const SMALL_FILE_BYTES = 256 * 1024

/**
 * Writes every file and folder of these owners, byte for byte with its mtime. The trash is left out:
 * it is not part of what the association keeps.
 */
export async function exportFiles(space: SpaceContext, owners: readonly string[], sink: ArchiveSink, onFile?: () => void): Promise<number> {
  const repo = SqliteFileRepository.for(space.db)
  const store = new LocalContentStore(space.dir)
  let files = 0
  for (const owner of owners) {
    const rows = repo.subtree(owner, '')
    if (!rows.length) continue
    await sink.addDirectory(`${FILES_DIR}/${owner}`, rows[0]!.mtime)
    for (const node of rows) {
      if (node.path === '') continue
      const at = `${FILES_DIR}/${owner}/${node.path}`
      if (node.isDir) {
        await sink.addDirectory(at, node.mtime)
        continue
      }
      // Size from the disk, not the row: the disk is what gets streamed (and wins on drift).
      const st = await store.stat(owner, node.path)
      if (!st || st.isDir) continue
      // Small files in one read: a stream costs several thread-pool round trips per file.
      if (st.size <= SMALL_FILE_BYTES) await sink.addBuffer(at, store.readSmallSync(owner, node.path, { start: 0, end: st.size - 1 }, Buffer.allocUnsafe(st.size)), st.mtimeMs)
      else await sink.addStream(at, store.openRead(owner, node.path), st.size, st.mtimeMs)
      files++
      onFile?.()
    }
  }
  return files
}

/** Places archive entries under `files/` into a new space through the files module (quota and metadata kept right). */
export class FilesImporter {
  private readonly services = new Map<string, FileService>()
  private readonly deps: FilesDeps
  // Folders are made one at a time: files written in parallel may share a missing parent.
  private folders: Promise<void> = Promise.resolve()

  constructor(space: SpaceContext, private readonly adminUsername: string, clock: () => Date) {
    this.deps = filesDepsFor(space, clock)
  }

  /** The service and view path of an archive path `files/{owner}/{rel}`; null for the owner's root. */
  private locate(path: string): { service: FileService; segments: string[] } | null {
    const [, owner, ...rest] = path.split('/')
    if (!owner || rest.length === 0) return null
    const association = owner === ASSOCIATION_OWNER
    const actor: Actor = association ? { username: this.adminUsername, role: 'admin', quotaBytes: null } : { username: owner, role: 'member', quotaBytes: null }
    // Keyed by owner: the admin writes its own tree as itself and the association folder as an admin.
    let service = this.services.get(owner)
    if (!service) this.services.set(owner, (service = new FileService(this.deps, actor)))
    return { service, segments: association ? [ASSOCIATION_NAME, ...rest] : rest }
  }

  /** Creates a folder (and any missing parent). */
  async directory(path: string): Promise<void> {
    const at = this.locate(path)
    if (!at) {
      const owner = path.split('/')[1]!
      await new FileService(this.deps, { username: owner, role: 'member', quotaBytes: null }).ensureRoot(owner)
      return
    }
    await (this.folders = this.folders.then(() => this.mkdirs(at.service, at.segments)))
  }

  private async mkdirs(service: FileService, segments: readonly string[]): Promise<void> {
    const start = segments[0] === ASSOCIATION_NAME ? 2 : 1
    for (let i = start; i <= segments.length; i++) {
      const part = segments.slice(0, i)
      if (!(await service.stat(part))) await service.mkdir(part)
    }
  }

  /** Stores a file with its bytes and mtime. @throws QuotaExceeded when the space's limit is too small */
  async file(path: string, body: Readable, size: number, mtime: number): Promise<void> {
    const at = this.locate(path)
    if (!at) return
    await (this.folders = this.folders.then(() => this.mkdirs(at.service, at.segments.slice(0, -1))))
    await at.service.put(at.segments, body as AsyncIterable<Buffer>, { length: size, mtimeMs: mtime })
  }
}
