import axios from '@nextcloud/axios'
import { spacePath } from '@maison/ui-shell'
import type { CalendarInfo, StoredObject } from './caldavTypes.ts'

const CALDAV = 'urn:ietf:params:xml:ns:caldav'

/** The calendars the logged-in account sees (association, own, shared). */
export async function listCalendars(): Promise<CalendarInfo[]> {
  return (await axios.get(spacePath('/api/v1/calendars'))).data.calendars
}

/** Creates a personal calendar. */
export async function createCalendar(displayName: string, color: string): Promise<CalendarInfo> {
  return (await axios.post(spacePath('/api/v1/calendars'), { displayName, color })).data
}

// The API answers absolute URLs; requests go to the path so they stay on this origin and session.
const pathOf = (url: string): string => new URL(url, window.location.origin).pathname

const utcStamp = (d: Date): string => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')

function queryBody(range: { start: Date; end: Date } | null): string {
  const span = range ? `start="${utcStamp(range.start)}" end="${utcStamp(range.end)}"` : ''
  return `<?xml version="1.0" encoding="utf-8"?>
<c:calendar-query xmlns:d="DAV:" xmlns:c="${CALDAV}">
  <d:prop><d:getetag/><c:calendar-data>${range ? `<c:expand ${span}/>` : ''}</c:calendar-data></d:prop>
  <c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT">${range ? `<c:time-range ${span}/>` : ''}</c:comp-filter></c:comp-filter></c:filter>
</c:calendar-query>`
}

function parseMultistatus(xml: string): StoredObject[] {
  const doc = new DOMParser().parseFromString(xml, 'application/xml')
  return [...doc.getElementsByTagNameNS('DAV:', 'response')].flatMap((r) => {
    const href = r.getElementsByTagNameNS('DAV:', 'href')[0]?.textContent ?? ''
    const etag = r.getElementsByTagNameNS('DAV:', 'getetag')[0]?.textContent ?? ''
    const ics = r.getElementsByTagNameNS(CALDAV, 'calendar-data')[0]?.textContent ?? ''
    return href && ics ? [{ href, etag, ics }] : []
  })
}

async function report(calendar: CalendarInfo, range: { start: Date; end: Date } | null): Promise<StoredObject[]> {
  const answer = await axios.request<string>({
    method: 'REPORT',
    url: pathOf(calendar.davUrl),
    data: queryBody(range),
    headers: { Depth: '1', 'Content-Type': 'application/xml; charset=utf-8' },
    responseType: 'text',
  })
  return parseMultistatus(answer.data)
}

/** The events of a calendar overlapping the range, expanded by the server into occurrences (times in UTC). */
export async function expandedRange(calendar: CalendarInfo, start: Date, end: Date): Promise<StoredObject[]> {
  return report(calendar, { start, end })
}

/** Every event object of a calendar as stored (for export). */
export async function allObjects(calendar: CalendarInfo): Promise<StoredObject[]> {
  return report(calendar, null)
}

/** One stored object with its ETag. */
export async function getObject(href: string): Promise<StoredObject> {
  const answer = await axios.get<string>(href, { responseType: 'text', headers: { Accept: 'text/calendar' } })
  return { href, etag: String(answer.headers.etag ?? ''), ics: answer.data }
}

/**
 * Writes an object: with `etag` only if nobody changed it since (If-Match), without one only if the
 * resource does not exist yet (If-None-Match: *). A lost race answers 412.
 */
export async function putObject(href: string, ics: string, etag: string | null): Promise<void> {
  await axios.put(href, ics, {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8', ...(etag ? { 'If-Match': etag } : { 'If-None-Match': '*' }) },
  })
}

/** Deletes an object if it is still the version the user saw. */
export async function deleteObject(href: string, etag: string): Promise<void> {
  await axios.delete(href, { headers: etag ? { 'If-Match': etag } : {} })
}

/** The path for a new object of `calendar` named after its UID. */
export function objectHref(calendar: CalendarInfo, uid: string): string {
  const base = pathOf(calendar.davUrl)
  return `${base.endsWith('/') ? base : `${base}/`}${encodeURIComponent(uid.replace(/[^A-Za-z0-9@._-]/g, '_'))}.ics`
}
