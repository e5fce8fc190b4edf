import { fieldError } from './input.ts'
import { checkRrule } from './rrule.ts'
import { DAY_MS, formatDate, isKnownZone, parseDate, parseTime, utcToWall, wallToUtc } from './time.ts'

/** When an event happens, resolved to UTC ms. */
export interface Schedule {
  start: number
  end: number
  timezone: string
  allDay: boolean
  rrule: string | null
}

export interface ScheduleInput {
  start?: string
  end?: string
  timezone?: string
  allDay?: boolean
  rrule?: string | null
}

const MIN = Date.UTC(1970, 0, 1)
const MAX = Date.UTC(2200, 0, 1)
const MAX_LENGTH = 366 * DAY_MS

/** The API's strings of a stored schedule: instants for timed events, inclusive dates for all-day ones. */
export function scheduleStrings(s: Schedule): Required<Omit<ScheduleInput, 'rrule'>> {
  if (!s.allDay) return { start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString(), timezone: s.timezone, allDay: false }
  return { start: formatDate(utcToWall(s.timezone, s.start)), end: formatDate(utcToWall(s.timezone, s.end) - DAY_MS), timezone: s.timezone, allDay: true }
}

/** Checks a zone name. @throws ValidationError naming `timezone` */
export function checkZone(zone: string, path = 'timezone'): string {
  if (!isKnownZone(zone)) throw fieldError(path, `unknown time zone "${zone}"; expected an IANA name such as Europe/Paris`)
  return zone
}

/**
 * Resolves what an organiser sent (over what is stored, for a PATCH) into UTC: wall times are read in the
 * event's zone, all-day events span whole days (`end` is the last day, inclusive).
 * @throws ValidationError naming the field (start, end, timezone, rrule)
 */
export function resolveSchedule(input: ScheduleInput, current: Schedule | null, defaultZone: string): Schedule {
  const timezone = checkZone(input.timezone ?? current?.timezone ?? defaultZone)
  const allDay = input.allDay ?? current?.allDay ?? false
  const base = current && (input.allDay === undefined || input.allDay === current.allDay) ? scheduleStrings({ ...current, timezone }) : null
  const startText = input.start ?? base?.start
  if (!startText) throw fieldError('start', 'required')
  let start: number
  let end: number
  if (allDay) {
    const s = parseDate(startText)
    if (s === null) throw fieldError('start', 'expected a date YYYY-MM-DD for an all-day event')
    const endText = input.end ?? (input.start !== undefined ? startText : base?.end ?? startText)
    const e = parseDate(endText)
    if (e === null) throw fieldError('end', 'expected a date YYYY-MM-DD (the last day, inclusive) for an all-day event')
    start = wallToUtc(timezone, s)
    end = wallToUtc(timezone, e + DAY_MS)
  } else {
    const s = parseTime(startText, timezone)
    if (s === null) throw fieldError('start', 'expected a date and time such as 2026-12-05T19:00 (in the event\'s time zone) or an instant with Z')
    const endText = input.end ?? (input.start !== undefined && current ? new Date(s + (current.end - current.start)).toISOString() : base?.end)
    if (!endText) throw fieldError('end', 'required for an event with a time')
    const e = parseTime(endText, timezone)
    if (e === null) throw fieldError('end', 'expected a date and time such as 2026-12-05T21:00 or an instant with Z')
    start = s
    end = e
  }
  if (start < MIN || start > MAX) throw fieldError('start', 'must be between 1970 and 2200')
  if (!(end > start)) throw fieldError('end', allDay ? 'must not be before the start' : 'must be after the start')
  if (end - start > MAX_LENGTH) throw fieldError('end', 'an event lasts at most 366 days')
  const rruleText = input.rrule !== undefined ? input.rrule : current?.rrule ?? null
  let rrule: string | null = null
  if (rruleText) {
    const check = checkRrule(rruleText, start)
    if (!check.ok) throw fieldError('rrule', check.message)
    rrule = check.value
  }
  return { start, end, timezone, allDay, rrule }
}
