import type { EventDraft } from './caldavTypes.ts'
import type { DraftProblem } from './caldavValidation.ts'
import { browserZone, isKnownZone, isWall, nextDay, shiftWall, wallDiff } from './caldavTime.ts'

/** Why the form cannot be saved, or '' when it can. */
export function draftProblem(d: EventDraft): DraftProblem {
  if (d.title.trim() === '') return 'title'
  if (d.title.length > 255) return 'title-length'
  if (!isWall(d.start, d.allDay) || !isWall(d.end, d.allDay)) return 'times'
  if (d.allDay ? wallDiff(d.start, d.end) < 0 : wallDiff(d.start, d.end) <= 0) return 'order'
  if (!d.allDay && !isKnownZone(d.timezone)) return 'zone'
  return ''
}

/** A new event's form: the selected slot, or the next hour when opened from the button. */
export function newDraft(slot: { start: Date; end: Date; allDay: boolean } | null, now: Date): EventDraft {
  const timezone = browserZone()
  const local = (d: Date): string => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16)
  const base = { title: '', timezone, location: '', description: '', repeat: 'none' as const, reminder: null }
  if (slot?.allDay) return { ...base, allDay: true, start: local(slot.start).slice(0, 10), end: nextDay(local(slot.end).slice(0, 10), -1) }
  if (slot) return { ...base, allDay: false, start: local(slot.start), end: local(slot.end) }
  const start = shiftWall(`${local(now).slice(0, 13)}:00`, 3_600_000)
  return { ...base, allDay: false, start, end: shiftWall(start, 3_600_000) }
}
