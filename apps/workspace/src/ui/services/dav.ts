import { createClient, type FileStat, type WebDAVClient } from 'webdav'
import { getRequestToken } from '@nextcloud/auth'
import { shellState } from '@maison/ui-shell'
import type { FileEntry } from '../types/files.ts'

let client: WebDAVClient | undefined

/** Path of the user's DAV root on this host, e.g. /s/demo/remote.php/dav/files/alice */
export function davRoot(): string {
  const state = shellState()
  return `${state.space.pathPrefix}/remote.php/dav/files/${encodeURIComponent(state.user?.username ?? '')}`
}

/** URL of one file, each segment percent-encoded (used for downloads and uploads). */
export function davUrl(path: string): string {
  return davRoot() + path.split('/').map(encodeURIComponent).join('/')
}

function dav(): WebDAVClient {
  client ??= createClient(`${window.location.origin}${davRoot()}`, {
    headers: { requesttoken: getRequestToken() ?? '' },
    withCredentials: true,
  })
  return client
}

function toEntry(stat: FileStat): FileEntry {
  return {
    path: stat.filename,
    name: stat.basename,
    isFolder: stat.type === 'directory',
    size: stat.size,
    modified: new Date(stat.lastmod),
    mime: stat.mime ?? null,
  }
}

/** The children of a folder (PROPFIND depth 1). */
export async function listFolder(path: string): Promise<FileEntry[]> {
  const stats = (await dav().getDirectoryContents(path)) as FileStat[]
  return stats.map(toEntry)
}

/** Creates one folder; fails with 405 when it already exists. */
export async function createFolder(path: string): Promise<void> {
  await dav().createDirectory(path)
}

/** Renames or moves without overwriting: an existing target answers 412. */
export async function move(from: string, to: string): Promise<void> {
  await dav().moveFile(from, to, { overwrite: false })
}

/** Deletes (the server moves the item to the trash). */
export async function remove(path: string): Promise<void> {
  await dav().deleteFile(path)
}

/** An HTTP status from a failed DAV call, 0 for network errors. */
export function davStatus(error: unknown): number {
  const e = error as { status?: number; response?: { status?: number } }
  return e?.status ?? e?.response?.status ?? 0
}

/**
 * Uploads one file with progress. XMLHttpRequest rather than the webdav client: the client runs on
 * fetch, which reports no upload progress.
 */
export function uploadFile(path: string, file: File, onProgress: (loaded: number, total: number) => void): { done: Promise<void>; abort: () => void } {
  const xhr = new XMLHttpRequest()
  const done = new Promise<void>((resolve, reject) => {
    xhr.open('PUT', davUrl(path))
    xhr.withCredentials = true
    xhr.setRequestHeader('requesttoken', getRequestToken() ?? '')
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream')
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size)
    xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(Object.assign(new Error(`upload failed: ${xhr.status}`), { status: xhr.status })))
    xhr.onerror = () => reject(Object.assign(new Error('network error'), { status: 0 }))
    xhr.onabort = () => reject(Object.assign(new Error('aborted'), { status: -1 }))
    xhr.send(file)
  })
  return { done, abort: () => xhr.abort() }
}
