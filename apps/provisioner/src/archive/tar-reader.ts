import fs from 'node:fs'
import type { Readable } from 'node:stream'
import { createGunzip } from 'node:zlib'
import tar from 'tar-stream'
import { ValidationError } from '@maison/errors'

export interface ArchiveItem {
  /** Without a trailing slash. */
  path: string
  type: 'file' | 'directory' | 'other'
  size: number
  mtime: number
  body: Readable
}

const bad = (message: string) => new ValidationError(message, { errors: [{ path: '(body)', message }] })

/**
 * Walks a `.tar.gz` entry by entry; `fn` must consume or ignore `body` before returning (unread bytes are skipped).
 * @throws ValidationError when the file is not a readable gzip'd tar.
 */
export async function readArchive(file: string, fn: (item: ArchiveItem) => Promise<void>): Promise<void> {
  const extract = tar.extract()
  const gunzip = createGunzip()
  const source = fs.createReadStream(file)
  const failed = new Promise<never>((_resolve, reject) => {
    const fail = (err: Error) => reject(bad(`The body is not a readable .tar.gz archive (${err.message}).`))
    source.on('error', reject)
    gunzip.on('error', fail)
    extract.on('error', fail)
  })
  failed.catch(() => undefined)
  source.pipe(gunzip).pipe(extract)
  const walk = (async () => {
    // A failure of ours must not leave the iterator waiting on a half-read stream.
    for await (const entry of extract) {
      const h = entry.header
      const type = h.type === 'file' || h.type === 'contiguous-file' ? 'file' : h.type === 'directory' ? 'directory' : 'other'
      await fn({ path: h.name.replace(/\/+$/, ''), type, size: h.size ?? 0, mtime: h.mtime?.getTime() ?? 0, body: entry as unknown as Readable })
      entry.resume()
    }
  })()
  try {
    await Promise.race([walk, failed])
  } finally {
    source.destroy()
    extract.destroy()
  }
}
