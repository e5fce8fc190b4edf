import ICAL from 'ical.js'
import { invalidData } from './errors.ts'
import { DAY, readTime, splitDuration, type SplitDuration, type TimeValue } from './values.ts'

type Component = InstanceType<typeof ICAL.Component>
type Recur = InstanceType<typeof ICAL.Recur>
type Time = InstanceType<typeof ICAL.Time>
type Period = InstanceType<typeof ICAL.Period>

export type ComponentType = 'VEVENT' | 'VTODO' | 'VJOURNAL'

/**
 * Which row of the RFC 4791 §9.9 tables decides whether an instance overlaps a time range.
 * `span` covers VEVENT (and dated VJOURNAL); the `todo-*` rows follow the VTODO table.
 */
export type OverlapRule =
  | 'span' | 'todo-duration' | 'todo-due' | 'todo-start' | 'todo-due-only'
  | 'todo-created-completed' | 'todo-completed' | 'todo-created' | 'always' | 'never'

export interface RDate {
  wall: number
  utc: number
  /** A PERIOD value carries its own end. */
  endUtc: number | null
}

/** Everything about one component's times, resolved once per calendar time zone. */
export interface Timing {
  comp: Component
  kind: ComponentType
  rule: OverlapRule
  start: TimeValue | null
  /** Instance end relative to its start (DTEND, DUE or DURATION). */
  length: SplitDuration
  /** An empty VEVENT without DTEND matches a range starting at it (RFC 4791 §9.9 rows 3 and 4). */
  closedWhenEmpty: boolean
  /** For the VTODO rows without DTSTART: the fixed span. */
  fixed: { start: number; end: number } | null
  recurrenceId: number | null
  rrule: Recur | null
  rdates: RDate[]
  exdates: Set<number>
  /** EXDATEs given as DATE for a DATE-TIME start: exclude by local day. */
  exdateDays: Set<number>
}

function time(comp: Component, name: string, tz: string): TimeValue | null {
  const prop = comp.getFirstProperty(name)
  return prop ? readTime(prop, tz) : null
}

function duration(comp: Component): SplitDuration | null {
  const prop = comp.getFirstProperty('duration')
  if (!prop) return null
  const d = prop.getFirstValue()
  if (!(d instanceof ICAL.Duration)) throw invalidData('DURATION is not a valid duration.')
  return splitDuration(d)
}

function between(from: TimeValue, to: TimeValue, name: string): SplitDuration {
  if (to.utc < from.utc && !(from.isDate && to.isDate && to.wall >= from.wall)) {
    throw invalidData(`${name} is before DTSTART.`)
  }
  if (from.isDate !== to.isDate) throw invalidData(`${name} and DTSTART must both be dates or both be date-times.`)
  return from.isDate ? { days: Math.round((to.wall - from.wall) / DAY), ms: 0 } : { days: 0, ms: to.utc - from.utc }
}

function eventTiming(comp: Component, tz: string, start: TimeValue | null, kind: ComponentType) {
  if (!start) {
    if (kind === 'VEVENT') throw invalidData('VEVENT has no DTSTART.')
    return { rule: 'never' as const, length: { days: 0, ms: 0 }, closedWhenEmpty: true, fixed: null }
  }
  const end = kind === 'VEVENT' ? time(comp, 'dtend', tz) : null
  const dur = kind === 'VEVENT' ? duration(comp) : null
  if (end && dur) throw invalidData('VEVENT has both DTEND and DURATION.')
  let length: SplitDuration
  if (end) length = between(start, end, 'DTEND')
  else if (dur) length = dur
  else length = start.isDate ? { days: 1, ms: 0 } : { days: 0, ms: 0 }
  if (length.days < 0 || length.ms < 0) throw invalidData('DURATION is negative.')
  return { rule: 'span' as const, length, closedWhenEmpty: !end, fixed: null }
}

function todoTiming(comp: Component, tz: string, start: TimeValue | null) {
  const due = time(comp, 'due', tz)
  const dur = duration(comp)
  const zero = { days: 0, ms: 0 }
  if (due && dur) throw invalidData('VTODO has both DUE and DURATION.')
  if (dur && !start) throw invalidData('VTODO has DURATION without DTSTART.')
  if (start && dur) return { rule: 'todo-duration' as const, length: dur, closedWhenEmpty: true, fixed: null }
  if (start && due) return { rule: 'todo-due' as const, length: between(start, due, 'DUE'), closedWhenEmpty: true, fixed: null }
  if (start) return { rule: 'todo-start' as const, length: zero, closedWhenEmpty: true, fixed: null }
  if (due) return { rule: 'todo-due-only' as const, length: zero, closedWhenEmpty: true, fixed: { start: due.utc, end: due.utc } }
  const completed = time(comp, 'completed', tz)
  const created = time(comp, 'created', tz)
  if (completed && created) {
    const [a, b] = [completed.utc, created.utc].sort((x, y) => x - y) as [number, number]
    return { rule: 'todo-created-completed' as const, length: zero, closedWhenEmpty: true, fixed: { start: a, end: b } }
  }
  if (completed) return { rule: 'todo-completed' as const, length: zero, closedWhenEmpty: true, fixed: { start: completed.utc, end: completed.utc } }
  if (created) return { rule: 'todo-created' as const, length: zero, closedWhenEmpty: true, fixed: { start: created.utc, end: Infinity } }
  return { rule: 'always' as const, length: zero, closedWhenEmpty: true, fixed: { start: -Infinity, end: Infinity } }
}

function recurrence(comp: Component, tz: string, start: TimeValue | null) {
  const rules = comp.getAllProperties('rrule')
  if (rules.length > 1) throw invalidData('Only one RRULE per component is supported.')
  let rrule: Recur | null = null
  if (rules[0]) {
    try {
      rrule = rules[0].getFirstValue() as Recur
    } catch (err) {
      throw invalidData(`RRULE is invalid: ${(err as Error).message}`, err)
    }
    if (!rrule?.freq) throw invalidData('RRULE has no FREQ.')
    if (rrule.interval < 1 || !Number.isInteger(rrule.interval)) throw invalidData('RRULE INTERVAL must be a positive integer.')
  }
  const rdates: RDate[] = []
  const exdates = new Set<number>()
  const exdateDays = new Set<number>()
  const hasSet = rrule || comp.hasProperty('rdate')
  if (hasSet && !start) throw invalidData('A recurring component needs DTSTART.')
  for (const prop of comp.getAllProperties('rdate')) {
    for (const v of prop.getValues() as Array<Time | Period>) {
      if (v instanceof ICAL.Period) {
        const s = readTime(prop, tz, v.start)
        const endUtc = v.end ? readTime(prop, tz, v.end).utc : s.utc + (v.duration ? v.duration.toSeconds() * 1000 : 0)
        rdates.push({ wall: s.wall, utc: s.utc, endUtc })
      } else {
        const s = readTime(prop, tz, v)
        rdates.push({ wall: s.wall, utc: s.utc, endUtc: null })
      }
    }
  }
  for (const prop of comp.getAllProperties('exdate')) {
    for (const v of prop.getValues() as Time[]) {
      const x = readTime(prop, tz, v)
      if (x.isDate && start && !start.isDate) exdateDays.add(x.wall / DAY)
      else exdates.add(x.utc)
    }
  }
  rdates.sort((a, b) => a.utc - b.utc)
  return { rrule, rdates, exdates, exdateDays }
}

/** Resolves a VEVENT, VTODO or VJOURNAL's times. @throws CalendarPreconditionError */
export function timingOf(comp: Component, tz: string): Timing {
  const kind = comp.name.toUpperCase() as ComponentType
  const start = time(comp, 'dtstart', tz)
  const rid = comp.getFirstProperty('recurrence-id')
  const shape = kind === 'VTODO' ? todoTiming(comp, tz, start) : eventTiming(comp, tz, start, kind)
  return {
    comp, kind, start, ...shape,
    recurrenceId: rid ? readTime(rid, tz).utc : null,
    ...recurrence(comp, tz, start),
  }
}

/** Whether the component has more than one instance. */
export function isRecurring(t: Timing): boolean {
  return t.rrule !== null || t.rdates.length > 0
}
