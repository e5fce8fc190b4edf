import { lookup } from 'mime-types'
import { Conflict, Forbidden, MethodNotAllowed, NotFound, QuotaExceeded } from '@maison/errors'
import { memberNode, type FileNode, type MemberRow } from './repository.ts'
import { canWriteAssociation } from './association.ts'
import type { ContentStat } from './content-store.ts'
import { ASSOCIATION_NAME, ASSOCIATION_OWNER, ancestorPaths, joinPath, newEtag, parentPath, type Actor, type FilesDeps } from './context.ts'

/** A file or folder as one account sees it. */
export interface FileEntry {
  node: FileNode
  /** Path in the account's view, e.g. ['Association', 'minutes.pdf']. */
  segments: string[]
  /** Shown name ('Association' for the shared folder's root). */
  name: string
  writable: boolean
  /** The association folder's root, mounted in the account's root. */
  mount: boolean
}

export interface Location {
  owner: string
  rel: string
}

/** Content type by extension, as Nextcloud does. */
export function contentTypeOf(name: string): string {
  return lookup(name) || 'application/octet-stream'
}

/** Reads and writes files in one account's view (its own tree plus /Association). */
export class FileService {
  constructor(
    private readonly deps: FilesDeps,
    readonly actor: Actor,
  ) {}

  /** Maps a view path to storage. */
  locate(segments: readonly string[]): Location {
    if (segments[0] === ASSOCIATION_NAME) return { owner: ASSOCIATION_OWNER, rel: segments.slice(1).join('/') }
    return { owner: this.actor.username, rel: segments.join('/') }
  }

  /** Whether the actor may change things at this view path. */
  canWrite(segments: readonly string[]): boolean {
    if (segments[0] !== ASSOCIATION_NAME) return true
    // Read once per service (one request), so listing the association folder stays one query.
    this.associationWritable ??= canWriteAssociation(this.deps.repo, this.actor)
    return this.associationWritable
  }

  private associationWritable: boolean | undefined

  /**
   * @throws Forbidden when the actor may not write at this view path.
   */
  assertWritable(segments: readonly string[]): void {
    if (!this.canWrite(segments)) throw new Forbidden('You may not change the association folder.')
  }

  /** The entry at a view path, reconciled with the disk, or null. */
  async stat(segments: readonly string[]): Promise<FileEntry | null> {
    const loc = this.locate(segments)
    const node = loc.rel === '' ? await this.ensureRoot(loc.owner) : await this.heal(loc)
    return node ? this.entry(node, segments) : null
  }

  /**
   * Members of a folder entry: one query for the rows, one readdir to catch drift. Entries are
   * built as the result is iterated, so a large listing never holds them all at once.
   */
  async members(parent: FileEntry): Promise<Iterable<FileEntry>> {
    const { repo, store } = this.deps
    const loc = this.locate(parent.segments)
    const folder = parent.node
    let rows = repo.memberRows(folder.fileid)
    const onDisk = await store.list(loc.owner, loc.rel)
    let drift = onDisk.length !== rows.length
    if (!drift) {
      const present = new Set(onDisk)
      drift = rows.some((r) => !present.has(r[1]))
    }
    if (drift) {
      const known = new Set(rows.map((r) => r[1]))
      for (const name of onDisk) if (!known.has(name)) await this.heal({ owner: loc.owner, rel: joinPath(loc.rel, name) })
      const present = new Set(onDisk)
      for (const r of rows) if (!present.has(r[1])) await this.heal({ owner: loc.owner, rel: joinPath(loc.rel, r[1]) })
      rows = repo.memberRows(folder.fileid)
    }
    const mount = parent.segments.length === 0 && loc.owner !== ASSOCIATION_OWNER ? this.entry(await this.ensureRoot(ASSOCIATION_OWNER), [ASSOCIATION_NAME]) : null
    const entry = (r: MemberRow) => this.entry(memberNode(folder, r), [...parent.segments, r[1]])
    return {
      *[Symbol.iterator]() {
        for (const r of rows) yield entry(r)
        if (mount) yield mount
      },
    }
  }

  /** Members of a folder entry (see `members`), as an array. */
  async list(parent: FileEntry): Promise<FileEntry[]> {
    return [...(await this.members(parent))]
  }

  /** Bytes used and available for the actor's own tree (the tighter of account and space limits). */
  quota(): { used: number; available: number } {
    const { repo, spaceQuotaBytes } = this.deps
    const used = repo.byPath(this.actor.username, '')?.size ?? 0
    const spaceLeft = Math.max(0, spaceQuotaBytes - repo.spaceUsage())
    const ownLeft = this.actor.quotaBytes === null ? Infinity : Math.max(0, this.actor.quotaBytes - used)
    return { used, available: Math.min(spaceLeft, ownLeft) }
  }

  /** How many more bytes may land in this owner's tree. */
  bytesAllowed(owner: string): number {
    const { repo, spaceQuotaBytes } = this.deps
    const spaceLeft = spaceQuotaBytes - repo.spaceUsage()
    if (owner !== this.actor.username || this.actor.quotaBytes === null) return spaceLeft
    return Math.min(spaceLeft, this.actor.quotaBytes - (repo.byPath(owner, '')?.size ?? 0))
  }

  /**
   * Stores a body at a view path, atomically (temp file, fsync with FILES_FSYNC, rename, one transaction).
   * `known`: the row the caller just read at this path (null: none), saving a lookup; the transaction reads it again.
   * @throws Conflict when the parent folder is missing, MethodNotAllowed on a folder, QuotaExceeded over quota.
   */
  async put(
    segments: readonly string[], body: AsyncIterable<Buffer>, info: { length?: number; mtimeMs?: number; known?: FileNode | null },
  ): Promise<{ created: boolean; entry: FileEntry }> {
    const { repo, store, clock } = this.deps
    const loc = this.writableLocation(segments)
    const parent = await this.parentOf(loc)
    const existing = info.known === undefined ? repo.byPath(loc.owner, loc.rel) : (info.known ?? undefined)
    if (existing?.isDir) throw new MethodNotAllowed('A folder is here; PUT cannot replace it.')
    const allowed = this.bytesAllowed(loc.owner) + (existing?.size ?? 0)
    if (info.length !== undefined && info.length > allowed) throw new QuotaExceeded('Not enough storage left for this file.')
    const { tmp, size } = await store.receive(body, Math.max(0, allowed), info.length)
    try {
      const node = await repo.groupedTransaction(() => {
        const current = repo.byPath(loc.owner, loc.rel)
        if (size - (current?.size ?? 0) > this.bytesAllowed(loc.owner)) throw new QuotaExceeded('Not enough storage left for this file.')
        const st = store.placeSync(tmp, loc.owner, loc.rel, info.mtimeMs)
        const etag = newEtag()
        const content = { size: st.size, mtime: st.mtimeMs, etag, contentType: contentTypeOf(segments.at(-1)!) }
        repo.touchAncestors(loc.owner, ancestorPaths(loc.rel), st.size - (current?.size ?? 0), clock().getTime(), newEtag())
        if (current) {
          repo.updateContent(current.fileid, content)
          return { ...current, ...content }
        }
        const name = segments.at(-1)!
        return repo.insert({ owner: loc.owner, parent: parent.fileid, path: loc.rel, name, isDir: false, ctime: clock().getTime(), ...content })
      })
      // The answer waits for the directory fsync, done after the transaction so that neither the
      // event loop nor the database's write lock waits for the disk.
      await store.flushFolder(loc.owner, parentPath(loc.rel))
      return { created: !existing, entry: this.entry(node, segments) }
    } catch (e) {
      await store.discard(tmp)
      throw e
    }
  }

  /**
   * Creates a folder.
   * @throws Conflict when the parent is missing, MethodNotAllowed when something is already there.
   */
  async mkdir(segments: readonly string[]): Promise<FileEntry> {
    const { repo, store, clock } = this.deps
    const loc = this.writableLocation(segments)
    const parent = await this.parentOf(loc)
    if (await this.heal(loc)) throw new MethodNotAllowed('Something already exists at this path.')
    await store.mkdir(loc.owner, loc.rel)
    const now = clock().getTime()
    const node = repo.transaction(() => {
      repo.touchAncestors(loc.owner, ancestorPaths(loc.rel), 0, now, newEtag())
      return repo.insert({ owner: loc.owner, parent: parent.fileid, path: loc.rel, name: segments.at(-1)!, isDir: true, size: 0, mtime: now, ctime: now, etag: newEtag(), contentType: null })
    })
    return this.entry(node, segments)
  }

  /**
   * Resolves a view path that may be written, refusing roots and the mount point.
   * @throws Forbidden for roots, the association mount, or a read-only association folder.
   */
  writableLocation(segments: readonly string[]): Location {
    if (segments.length === 0) throw new Forbidden('Your root folder cannot be replaced or removed.')
    if (segments.length === 1 && segments[0] === ASSOCIATION_NAME) throw new Forbidden('The association folder cannot be replaced, moved or removed.')
    this.assertWritable(segments)
    return this.locate(segments)
  }

  /**
   * The folder that will hold a location.
   * @throws Conflict when it is missing or not a folder.
   */
  async parentOf(loc: Location): Promise<FileNode> {
    const rel = parentPath(loc.rel)
    const parent = rel === '' ? await this.ensureRoot(loc.owner) : await this.heal({ owner: loc.owner, rel })
    if (!parent || !parent.isDir) throw new Conflict('The parent folder does not exist.')
    return parent
  }

  /** Builds the view entry of a row. */
  entry(node: FileNode, segments: readonly string[]): FileEntry {
    const mount = segments.length === 1 && segments[0] === ASSOCIATION_NAME
    return { node, segments: [...segments], name: mount ? ASSOCIATION_NAME : node.name, writable: this.canWrite(segments), mount }
  }

  /** The root row of an owner, creating folder and row on first use. */
  async ensureRoot(owner: string): Promise<FileNode> {
    const { repo, store, clock } = this.deps
    const hit = repo.byPath(owner, '')
    if (hit) return hit
    await store.mkdir(owner, '')
    const now = clock().getTime()
    return repo.transaction(
      () => repo.byPath(owner, '') ?? repo.insert({ owner, parent: null, path: '', name: '', isDir: true, size: 0, mtime: now, ctime: now, etag: newEtag(), contentType: null }),
    )
  }

  /**
   * A check that `stat` would still return this entry's row unchanged, given the same row in the database:
   * the disk still agrees with it (nothing to heal).
   */
  diskCheck(e: FileEntry): () => boolean {
    const loc = this.locate(e.segments)
    if (loc.rel === '') return ALWAYS
    const { store } = this.deps
    const row = e.node
    return () => diskAgrees(row, store.stat(loc.owner, loc.rel))
  }

  /**
   * The row at a location after reconciling it with the disk: a crash between rename and commit
   * leaves the file right and the row stale, so the disk wins.
   */
  async heal(loc: Location): Promise<FileNode | undefined> {
    const { repo, store, clock } = this.deps
    const row = repo.byPath(loc.owner, loc.rel)
    const disk = store.stat(loc.owner, loc.rel)
    if (row && diskAgrees(row, disk)) return row
    if (!row && !disk) return undefined
    const parent = loc.rel === '' ? undefined : repo.byPath(loc.owner, parentPath(loc.rel))
    return repo.transaction(() => {
      const ancestors = ancestorPaths(loc.rel)
      if (row && (!disk || row.isDir !== disk.isDir)) {
        repo.deleteSubtree(row.fileid)
        repo.touchAncestors(loc.owner, ancestors, -row.size, clock().getTime(), newEtag())
        if (!disk) return undefined
      }
      if (row && disk && row.isDir === disk.isDir) {
        const content = { size: disk.size, mtime: disk.mtimeMs, etag: newEtag(), contentType: row.contentType }
        repo.updateContent(row.fileid, content)
        repo.touchAncestors(loc.owner, ancestors, disk.size - row.size, clock().getTime(), newEtag())
        return { ...row, ...content }
      }
      if (!parent?.isDir || !disk) return undefined
      const name = loc.rel.slice(loc.rel.lastIndexOf('/') + 1)
      repo.touchAncestors(loc.owner, ancestors, disk.size, clock().getTime(), newEtag())
      return repo.insert({
        owner: loc.owner, parent: parent.fileid, path: loc.rel, name, isDir: disk.isDir, size: disk.size, mtime: disk.mtimeMs,
        ctime: disk.mtimeMs, etag: newEtag(), contentType: disk.isDir ? null : contentTypeOf(name),
      })
    })
  }

  /**
   * The entry at a view path.
   * @throws NotFound when nothing is there.
   */
  async require(segments: readonly string[]): Promise<FileEntry> {
    const e = await this.stat(segments)
    if (!e) throw new NotFound('No file or folder at this path.')
    return e
  }
}

const ALWAYS = (): boolean => true

/** Whether the disk holds what a row says: the same kind, and for a file the same size and modification time. */
function diskAgrees(row: FileNode, disk: ContentStat | null): boolean {
  return disk !== null && row.isDir === disk.isDir && (row.isDir || (row.size === disk.size && row.mtime === disk.mtimeMs))
}
