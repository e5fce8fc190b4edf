import type { DavEndpoint } from '@maison/app-contract'
import { davError } from './errors.ts'
import { parseMultistatus, xmlEscape, type DavResponse } from './multistatus.ts'

/** A stored calendar object as read from the server. */
export interface CalendarObjectData {
  href: string
  etag: string
  data: string
}

export interface PutOptions {
  /** Only replace this version (an ETag as the server gave it). */
  ifMatch?: string
  /** Only create: fail with DavConflict when something is there already. */
  createOnly?: boolean
}

export interface SyncChanges {
  /** Hrefs (paths) of objects added or changed since the token, with their ETags. */
  changed: { href: string; etag: string | null }[]
  /** Hrefs of objects removed since the token. */
  removed: string[]
  token: string
}

/** Anything the client calls `fetch` with; tests may pass a counting wrapper. */
export type FetchLike = typeof fetch

const MULTIGET_BATCH = 100

/**
 * A small CalDAV client bound to one `DavEndpoint` (its URL and short-lived Authorization).
 * Paths are relative to the endpoint's `/remote.php/dav/` root (e.g. `calendars/ada/association/x.ics`)
 * or absolute paths as the server returns them in hrefs. Failures throw @maison/errors classes.
 */
export class CalDavClient {
  constructor(private readonly endpoint: DavEndpoint, private readonly fetchImpl: FetchLike = fetch) {}

  /** The absolute URL of a relative path or a server href. */
  url(path: string): string {
    return new URL(path, this.endpoint.url).href
  }

  /** The server-absolute path of a relative path (the form hrefs come in). */
  hrefOf(path: string): string {
    return new URL(this.url(path)).pathname
  }

  private async request(method: string, path: string, init: { body?: string; headers?: Record<string, string> } = {}): Promise<Response> {
    const url = this.url(path)
    const res = await this.fetchImpl(url, { method, body: init.body, headers: { ...this.endpoint.headers, ...init.headers } })
    if (res.status >= 400) throw davError(method, url, res.status, await res.text())
    return res
  }

  /**
   * Creates or replaces an object; answers its new ETag (null if the server sent none).
   * @throws DavConflict on a failed precondition; DavForbidden; DavInsufficientStorage
   */
  async put(path: string, ics: string, opts: PutOptions = {}): Promise<{ etag: string | null; created: boolean }> {
    const headers: Record<string, string> = { 'content-type': 'text/calendar; charset=utf-8' }
    if (opts.ifMatch) headers['if-match'] = opts.ifMatch
    if (opts.createOnly) headers['if-none-match'] = '*'
    const res = await this.request('PUT', path, { body: ics, headers })
    await res.arrayBuffer()
    return { etag: res.headers.get('etag'), created: res.status === 201 }
  }

  /** Reads one object, or null when it is not there. */
  async get(path: string): Promise<CalendarObjectData | null> {
    const url = this.url(path)
    const res = await this.fetchImpl(url, { headers: this.endpoint.headers })
    if (res.status === 404) {
      await res.arrayBuffer()
      return null
    }
    const text = await res.text()
    if (res.status >= 400) throw davError('GET', url, res.status, text)
    return { href: new URL(url).pathname, etag: res.headers.get('etag') ?? '', data: text }
  }

  /**
   * Deletes an object; with `ifMatch`, only that version. Deleting what is already gone is a no-op.
   * @throws DavConflict when the object changed since `ifMatch`
   */
  async delete(path: string, opts: { ifMatch?: string } = {}): Promise<void> {
    const url = this.url(path)
    const res = await this.fetchImpl(url, { method: 'DELETE', headers: { ...this.endpoint.headers, ...(opts.ifMatch ? { 'if-match': opts.ifMatch } : {}) } })
    const text = await res.text()
    if (res.status === 404 && !opts.ifMatch) return
    if (res.status >= 400) throw davError('DELETE', url, res.status, text)
  }

  /** calendar-multiget (RFC 4791 §7.9) of the given object hrefs; objects that are gone are left out. */
  async multiget(collection: string, hrefs: readonly string[]): Promise<CalendarObjectData[]> {
    const out: CalendarObjectData[] = []
    for (let i = 0; i < hrefs.length; i += MULTIGET_BATCH) {
      const batch = hrefs.slice(i, i + MULTIGET_BATCH)
      const body =
        '<?xml version="1.0" encoding="utf-8"?>\n<c:calendar-multiget xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">' +
        '<d:prop><d:getetag/><c:calendar-data/></d:prop>' +
        batch.map((h) => `<d:href>${xmlEscape(this.hrefOf(h))}</d:href>`).join('') +
        '</c:calendar-multiget>'
      const res = await this.request('REPORT', collection, { body, headers: { 'content-type': 'application/xml; charset=utf-8', depth: '1' } })
      const ms = parseMultistatus(await res.text())
      for (const r of ms.responses) if (r.status < 300 && r.calendarData !== null) out.push({ href: r.href, etag: r.etag ?? '', data: r.calendarData })
    }
    return out
  }

  /**
   * sync-collection (RFC 6578): what changed in `collection` since `token` (null: everything there now).
   * @throws DavForbidden with precondition `valid-sync-token` when the token is no longer valid
   */
  async syncCollection(collection: string, token: string | null): Promise<SyncChanges> {
    const body =
      '<?xml version="1.0" encoding="utf-8"?>\n<d:sync-collection xmlns:d="DAV:">' +
      `<d:sync-token>${token ? xmlEscape(token) : ''}</d:sync-token><d:sync-level>1</d:sync-level>` +
      '<d:prop><d:getetag/></d:prop></d:sync-collection>'
    const res = await this.request('REPORT', collection, { body, headers: { 'content-type': 'application/xml; charset=utf-8', depth: '1' } })
    const ms = parseMultistatus(await res.text())
    if (!ms.syncToken) throw davError('REPORT', this.url(collection), 502, 'no sync-token in the answer')
    const self = this.hrefOf(collection)
    const objects = ms.responses.filter((r: DavResponse) => r.href !== self && decodeURIComponent(r.href) !== decodeURIComponent(self))
    return {
      changed: objects.filter((r) => r.status < 300).map((r) => ({ href: r.href, etag: r.etag })),
      removed: objects.filter((r) => r.status === 404).map((r) => r.href),
      token: ms.syncToken,
    }
  }
}
