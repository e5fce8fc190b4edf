import * as caldav from './caldav.ts'
import type { CalendarInfo, EventDraft, Occurrence, Scope } from './caldavTypes.ts'
import { newEventIcs, parseInstances } from './caldavIcs.ts'
import { editAll, editFollowing, editOnly, removeFollowing, removeOnly, type Shown } from './caldavSeries.ts'
import { joinExport, splitImport } from './caldavTransfer.ts'

const newUid = (): string => crypto.randomUUID()

/** The occurrences of the visible calendars between start and end. */
export async function occurrences(calendars: CalendarInfo[], start: Date, end: Date): Promise<Occurrence[]> {
  const lists = await Promise.all(calendars.map(async (calendar) => {
    const objects = await caldav.expandedRange(calendar, start, end)
    return objects.flatMap((o) => parseInstances(o.ics).map((i) => ({ ...i, calendarId: calendar.id, href: o.href, etag: o.etag })))
  }))
  return lists.flat()
}

/** Creates an event in `calendar`. */
export async function createEvent(calendar: CalendarInfo, draft: EventDraft): Promise<void> {
  const uid = newUid()
  await caldav.putObject(caldav.objectHref(calendar, uid), newEventIcs(draft, uid, new Date()), null)
}

/** Saves an edit of `occurrence` for the occurrences `scope` covers; every write is conditional on the ETag read. */
export async function updateEvent(calendar: CalendarInfo, occurrence: Occurrence, shown: Shown, draft: EventDraft, scope: Scope): Promise<void> {
  const stored = await caldav.getObject(occurrence.href)
  const now = new Date()
  if (scope === 'only' && occurrence.recurrenceId) {
    await caldav.putObject(stored.href, editOnly(stored.ics, draft, occurrence.recurrenceId, now), stored.etag)
    return
  }
  if (scope === 'following' && occurrence.recurrenceId) {
    const uid = newUid()
    const { old, next } = editFollowing(stored.ics, draft, shown, uid, now)
    // The new series first: should the second write fail, no occurrence has vanished.
    if (next) await caldav.putObject(caldav.objectHref(calendar, uid), next, null)
    await caldav.putObject(stored.href, old, stored.etag)
    return
  }
  await caldav.putObject(stored.href, editAll(stored.ics, draft, shown, now), stored.etag)
}

/** Deletes the occurrences of `occurrence` that `scope` covers. */
export async function deleteEvent(occurrence: Occurrence, scope: Scope): Promise<void> {
  const stored = await caldav.getObject(occurrence.href)
  if (occurrence.recurrenceId && scope === 'only') return caldav.putObject(stored.href, removeOnly(stored.ics, occurrence.recurrenceId), stored.etag)
  if (occurrence.recurrenceId && scope === 'following') {
    const rest = removeFollowing(stored.ics, occurrence.recurrenceId)
    if (rest) return caldav.putObject(stored.href, rest, stored.etag)
  }
  await caldav.deleteObject(stored.href, stored.etag)
}

/** Imports an .ics file into `calendar`; events whose UID is already there are skipped. */
export async function importIcs(calendar: CalendarInfo, ics: string): Promise<{ imported: number; skipped: number }> {
  let imported = 0
  let skipped = 0
  for (const item of splitImport(ics, newUid)) {
    try {
      await caldav.putObject(caldav.objectHref(calendar, item.uid), item.ics, null)
      imported++
    } catch (error) {
      const status = (error as { response?: { status?: number } }).response?.status
      if (status === 412) skipped++
      else throw error
    }
  }
  return { imported, skipped }
}

/** The whole calendar as one .ics text. */
export async function exportIcs(calendar: CalendarInfo): Promise<string> {
  return joinExport((await caldav.allObjects(calendar)).map((o) => o.ics))
}
