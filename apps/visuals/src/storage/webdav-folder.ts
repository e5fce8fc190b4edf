import { createClient, type WebDAVClient } from 'webdav'
import { AppError, Forbidden, QuotaExceeded } from '@maison/errors'
import type { DavEndpoint } from '@maison/app-contract'
import type { VisualsFolder } from '../domain/save-to-files.ts'

/** A folder of a person's files, through the shared `webdav` client on the space's DAV endpoint. */
export class WebdavVisualsFolder implements VisualsFolder {
  private readonly client: WebDAVClient
  readonly path: string

  constructor(endpoint: DavEndpoint, folder = 'Visuals') {
    this.client = createClient(`${endpoint.url}files/${encodeURIComponent(endpoint.username)}/`, { headers: endpoint.headers })
    this.path = `/${folder}`
  }

  async ensure(): Promise<void> {
    try {
      if (await this.client.exists(this.path)) return
      await this.client.createDirectory(this.path)
    } catch (err) {
      // Two saves at once may both try to create the folder; the loser sees 405.
      if (status(err) === 405) return
      throw mapDavError(err, this.path)
    }
  }

  async exists(name: string): Promise<boolean> {
    try {
      return await this.client.exists(`${this.path}/${name}`)
    } catch (err) {
      throw mapDavError(err, this.path)
    }
  }

  async write(name: string, bytes: Buffer, mime: string): Promise<void> {
    try {
      const ok = await this.client.putFileContents(`${this.path}/${name}`, bytes, { overwrite: false, contentLength: bytes.length, headers: { 'Content-Type': mime } })
      if (!ok) throw new AppError(`The file ${name} was not written.`)
    } catch (err) {
      throw mapDavError(err, `${this.path}/${name}`)
    }
  }
}

function status(err: unknown): number | undefined {
  const e = err as { status?: number; response?: { status?: number } }
  return e?.status ?? e?.response?.status
}

function mapDavError(err: unknown, where: string): Error {
  if (err instanceof AppError) return err
  const s = status(err)
  if (s === 507) return new QuotaExceeded('Your files are full: free some space, then save again.', { cause: err })
  if (s === 403) return new Forbidden(`You may not write in ${where}.`, { cause: err })
  return new AppError(`Saving to your files failed (${s ?? 'no answer'} on ${where}).`, { cause: err })
}
