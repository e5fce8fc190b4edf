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
  byPath(owner: string, path: string): FileNode | undefined
  byId(fileid: number): FileNode | undefined
  children(parent: number): FileNode[]
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
