import type { EventRecord } from '../domain/model.ts'

/** Who is looking: anyone, or an account of this space. */
export interface Viewer {
  member: boolean
}

/** Whether the event's own page may be shown (unlisted ones too: they are reachable by their link). */
export function pageVisible(event: EventRecord, viewer: Viewer, now: Date): boolean {
  // An event found in the calendar (e.g. made on a phone) is public only once an organiser publishes it in the app.
  if (event.draft || event.calendarOnly) return false
  if (event.publishAt && Date.parse(event.publishAt) > now.getTime()) return false
  if (event.visibility === 'members' && !viewer.member) return false
  return true
}

/** Whether the event appears in lists, feeds and the widget (never unlisted ones). */
export function listed(event: EventRecord, viewer: Viewer, now: Date): boolean {
  return pageVisible(event, viewer, now) && event.visibility !== 'unlisted'
}
