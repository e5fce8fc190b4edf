import { createClient, type WebDAVClient } from 'webdav'
import type { DavEndpoint } from '@maison/app-contract'
import { davError } from '@maison/dav-client'
import type { PictureStore } from '../domain/env.ts'

/** The association folder's `Events/` (`/Association/Events/` in every account's files), over WebDAV. */
export const PICTURE_FOLDER = 'Association/Events'

const status = (err: unknown): number | undefined => (err as { status?: number; response?: { status?: number } })?.status ?? (err as { response?: { status?: number } })?.response?.status

/** Event pictures in the association folder, reached as one account through the shared `webdav` client. */
export class DavPictureStore implements PictureStore {
  private readonly client: WebDAVClient
  private readonly base: string

  constructor(endpoint: DavEndpoint) {
    this.base = `${endpoint.url}files/${encodeURIComponent(endpoint.username)}/`
    this.client = createClient(this.base, { headers: endpoint.headers })
  }

  async put(name: string, bytes: Buffer): Promise<void> {
    try {
      if (!(await this.client.exists(PICTURE_FOLDER))) await this.client.createDirectory(PICTURE_FOLDER, { recursive: true })
      await this.client.putFileContents(`${PICTURE_FOLDER}/${name}`, bytes, { overwrite: true })
    } catch (err) {
      throw this.mapped(err, 'PUT', name)
    }
  }

  // The webdav client throws its own errors; callers get the @maison/errors family (507 → QuotaExceeded…).
  private mapped(err: unknown, method: string, name: string): unknown {
    const code = status(err)
    return code ? davError(method, `${this.base}${PICTURE_FOLDER}/${name}`, code, '') : err
  }

  async read(name: string): Promise<Buffer | null> {
    try {
      return Buffer.from((await this.client.getFileContents(`${PICTURE_FOLDER}/${name}`, { format: 'binary' })) as ArrayBuffer)
    } catch (err) {
      if (status(err) === 404) return null
      throw this.mapped(err, 'GET', name)
    }
  }

  async remove(name: string): Promise<void> {
    try {
      await this.client.deleteFile(`${PICTURE_FOLDER}/${name}`)
    } catch (err) {
      if (status(err) !== 404) throw this.mapped(err, 'DELETE', name)
    }
  }
}
