import { createClient, type FileStat } from 'webdav'
import { NotFound, PayloadTooLarge, ValidationError } from '@maison/errors'
import type { DavEndpoint } from '@maison/app-contract'
import { lookup } from 'mime-types'

/**
 * Reads one file of a person's files (e.g. a logo picked in Files), refusing folders and files over `maxBytes`.
 * @throws NotFound, ValidationError (a folder), PayloadTooLarge
 */
export async function readPersonFile(endpoint: DavEndpoint, filePath: string, maxBytes: number): Promise<{ bytes: Buffer; mime: string }> {
  const client = createClient(`${endpoint.url}files/${encodeURIComponent(endpoint.username)}/`, { headers: endpoint.headers })
  let stat: FileStat
  try {
    stat = (await client.stat(filePath)) as FileStat
  } catch (err) {
    throw new NotFound(`There is no file ${filePath} in your files.`, { cause: err, errors: [{ path: 'path', message: 'no such file' }] })
  }
  if (stat.type === 'directory') throw new ValidationError(`${filePath} is a folder; pick an image file.`, { errors: [{ path: 'path', message: 'expected a file' }] })
  if (stat.size > maxBytes) throw new PayloadTooLarge(`${filePath} is ${(stat.size / 1e6).toFixed(1)} MB; the limit is ${maxBytes / 1e6} MB.`, { errors: [{ path: 'path', message: 'file too large' }] })
  const bytes = Buffer.from((await client.getFileContents(filePath, { format: 'binary' })) as ArrayBuffer)
  const mime = (stat.mime?.split(';')[0] || lookup(filePath) || 'application/octet-stream').toLowerCase()
  return { bytes, mime }
}
