import type { DavEndpoint } from '@maison/app-contract'
import { CalDavClient, DavForbidden, type FetchLike } from '@maison/dav-client'
import { InvalidSyncToken, type CalendarChanges, type EventCalendar, type StoredObject } from '../domain/calendar.ts'

/** The last path segment of an href, decoded (`abc.ics`). */
function nameOf(href: string): string {
  return decodeURIComponent(href.replace(/\/+$/, '').split('/').pop() ?? '')
}

/** The association calendar (`calendars/{user}/association/`, the same collection for every account) over CalDAV. */
export class CalDavEventCalendar implements EventCalendar {
  private readonly client: CalDavClient
  private readonly collection: string

  constructor(endpoint: DavEndpoint, fetchImpl?: FetchLike) {
    this.client = new CalDavClient(endpoint, fetchImpl)
    this.collection = `calendars/${encodeURIComponent(endpoint.username)}/association/`
  }

  private path(name: string): string {
    return `${this.collection}${encodeURIComponent(name)}`
  }

  async read(name: string): Promise<StoredObject | null> {
    const o = await this.client.get(this.path(name))
    return o ? { name, etag: o.etag, ics: o.data } : null
  }

  private async etagAfterWrite(name: string, etag: string | null): Promise<string> {
    return etag ?? (await this.read(name))?.etag ?? ''
  }

  async create(name: string, ics: string): Promise<string> {
    const { etag } = await this.client.put(this.path(name), ics, { createOnly: true })
    return this.etagAfterWrite(name, etag)
  }

  async replace(name: string, ics: string, etag: string): Promise<string> {
    const res = await this.client.put(this.path(name), ics, { ifMatch: etag })
    return this.etagAfterWrite(name, res.etag)
  }

  async remove(name: string, etag?: string): Promise<void> {
    await this.client.delete(this.path(name), { ifMatch: etag })
  }

  async changes(token: string | null): Promise<CalendarChanges> {
    try {
      const c = await this.client.syncCollection(this.collection, token)
      return { changed: c.changed.map((x) => ({ name: nameOf(x.href), etag: x.etag })), removed: c.removed.map(nameOf), token: c.token }
    } catch (err) {
      if (token && err instanceof DavForbidden && err.precondition === 'valid-sync-token') throw new InvalidSyncToken(err.message)
      throw err
    }
  }

  async fetch(names: readonly string[]): Promise<StoredObject[]> {
    const objects = await this.client.multiget(this.collection, names.map((n) => this.path(n)))
    return objects.map((o) => ({ name: nameOf(o.href), etag: o.etag, ics: o.data }))
  }
}
