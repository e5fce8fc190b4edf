/** One file or folder row. `owner` is a username, `_association`, or `~trash/{id}` while in the trash. */
export interface FileNode {
  fileid: number
  owner: string
  parent: number | null
  /** Relative to the owner's root; '' for the root itself. */
  path: string
  name: string
  isDir: boolean
  /** Bytes; for folders the recursive total. */
  size: number
  /** Epoch milliseconds. */
  mtime: number
  ctime: number
  /** Unquoted entity tag. */
  etag: string
  contentType: string | null
}

export type NewFileNode = Omit<FileNode, 'fileid'>

/** A folder member as large listings read it: [fileid, name, isDir (1/0), size, mtime, ctime, etag, contentType]. */
export type MemberRow = [number, string, number, number, number, number, string, string | null]

/** The node of a member row; owner and path come from its folder. */
export function memberNode(folder: FileNode, r: MemberRow): FileNode {
  return {
    fileid: r[0], owner: folder.owner, parent: folder.fileid, path: folder.path === '' ? r[1] : `${folder.path}/${r[1]}`, name: r[1],
    isDir: r[2] === 1, size: r[3], mtime: r[4], ctime: r[5], etag: r[6], contentType: r[7],
  }
}

export interface TrashItem {
  id: number
  username: string
  sourceOwner: string
  originalPath: string
  name: string
  isDir: boolean
  size: number
  deletedAt: number
}

/** Storage of file metadata, dead properties, trash entries and settings. */
export interface FileRepository {
  transaction<T>(fn: () => T): T
  /** Like `transaction`, but the commit may be shared with other writes of the same turn of the event loop. */
  groupedTransaction<T>(fn: () => T): Promise<T>
  byPath(owner: string, path: string): FileNode | undefined
  byId(fileid: number): FileNode | undefined
  children(parent: number): FileNode[]
  /** Members of a folder as compact rows, by name: one query and no object per row, for large listings. */
  memberRows(parent: number): MemberRow[]
  /** Every row at or below a path, parents before children. */
  subtree(owner: string, path: string): FileNode[]
  insert(node: NewFileNode): FileNode
  updateContent(fileid: number, c: { size: number; mtime: number; etag: string; contentType: string | null }): void
  /** Adds `sizeDelta` to each listed path of an owner and gives them a new etag and mtime. */
  touchAncestors(owner: string, paths: readonly string[], sizeDelta: number, mtime: number, etag: string): void
  deleteSubtree(fileid: number): void
  /** Re-homes a subtree: new owner, path prefix, top parent and name; fileids stay. */
  moveSubtree(node: FileNode, to: { owner: string; path: string; parent: number | null; name: string }): void
  deadProps(fileids: readonly number[]): { fileid: number; name: string; value: string }[]
  deadPropsOfChildren(parent: number): { fileid: number; name: string; value: string }[]
  /** Dead properties of a folder, its members and a few other rows (mounted roots), in one query. */
  deadPropsOfListing(parent: number, others: readonly number[]): { fileid: number; name: string; value: string }[]
  setDeadProp(fileid: number, name: string, value: string | null): void
  copyDeadProps(from: number, to: number): void
  /** Total bytes of every owner except trash. */
  spaceUsage(): number
  insertTrash(item: Omit<TrashItem, 'id'>): number
  trashOf(username: string): TrashItem[]
  trashItem(id: number): TrashItem | undefined
  trashOlderThan(deletedBefore: number): TrashItem[]
  deleteTrash(id: number): void
  getSetting(key: string): string | undefined
  setSetting(key: string, value: string): void
}
