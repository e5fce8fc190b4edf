/** One row of the file list, from a PROPFIND answer. */
export interface FileEntry {
  /** Path relative to the user's DAV root, starting with '/'. */
  path: string
  name: string
  isFolder: boolean
  size: number
  modified: Date
  mime: string | null
}

export type SortKey = 'name' | 'size' | 'modified'

export interface Upload {
  id: number
  name: string
  /** Folder the file goes to. */
  folder: string
  loaded: number
  total: number
  status: 'uploading' | 'done' | 'failed'
  error: string | null
}
