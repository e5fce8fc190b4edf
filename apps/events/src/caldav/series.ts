import ICAL from 'ical.js'
import type { CalendarFields } from '../domain/calendar.ts'
import { wallToUtc } from '../domain/time.ts'
import { masterOf, parseIcs, readEvent, touch } from './ics.ts'
import { occurrenceProp, readTimeProp, setTimeProp, type Component } from './ics-time.ts'
import { BadRequest } from '@maison/errors'

/** What "only this one" may change on one occurrence. */
export type OccurrenceChanges = Partial<Pick<CalendarFields, 'title' | 'descriptionHtml' | 'descriptionText' | 'start' | 'end' | 'address' | 'status'>>

function parts(ics: string): { root: Component; master: Component } {
  const root = parseIcs(ics)
  const master = root && masterOf(root)
  if (!root || !master) throw new BadRequest('The calendar object holds no event.')
  return { root, master }
}

function sameOccurrence(c: Component, rid: number, zone: string): boolean {
  const r = readTimeProp(c.getFirstProperty('recurrence-id'), zone)
  return r !== null && r.utc === rid
}

const setText = (c: Component, name: string, value: string | null | undefined) => {
  if (value === undefined) return
  c.removeAllProperties(name)
  if (value !== null && value.trim() !== '') c.addPropertyWithValue(name, value)
}

/**
 * "Only this one": writes (or updates) the override of the occurrence that starts at `rid` (UTC ms).
 * The caller checks that `rid` is an occurrence of the series.
 */
export function overrideOccurrence(ics: string, rid: number, changes: OccurrenceChanges, now: Date): string {
  const { root, master } = parts(ics)
  const f = readEvent(ics, 'UTC')!
  const zone = f.timezone
  let o = root.getAllSubcomponents('vevent').find((c) => c !== master && sameOccurrence(c, rid, zone))
  if (!o) {
    o = new ICAL.Component(structuredClone(master.toJSON()))
    for (const name of ['rrule', 'rdate', 'exdate', 'exrule']) o.removeAllProperties(name)
    for (const alarm of o.getAllSubcomponents('valarm')) o.removeSubcomponent(alarm)
    o.addProperty(occurrenceProp('recurrence-id', master, rid, zone))
    setTimeProp(o, 'dtstart', rid, zone, f.allDay)
    setTimeProp(o, 'dtend', rid + (f.end - f.start), zone, f.allDay)
    root.addSubcomponent(o)
  }
  setText(o, 'summary', changes.title)
  setText(o, 'description', changes.descriptionText)
  if (changes.descriptionHtml !== undefined) {
    o.removeAllProperties('x-alt-desc')
    if (changes.descriptionHtml) {
      const alt = new ICAL.Property('x-alt-desc')
      alt.setParameter('fmttype', 'text/html')
      alt.setValue(changes.descriptionHtml)
      o.addProperty(alt)
    }
  }
  setText(o, 'location', changes.address)
  setText(o, 'status', changes.status?.toUpperCase())
  if (changes.start !== undefined) setTimeProp(o, 'dtstart', changes.start, zone, f.allDay)
  if (changes.end !== undefined) setTimeProp(o, 'dtend', changes.end, zone, f.allDay)
  touch(o, now)
  return root.toString() + '\r\n'
}

/** Removes one occurrence from the series (EXDATE) and any override of it. */
export function excludeOccurrence(ics: string, rid: number, now: Date): string {
  const { root, master } = parts(ics)
  const zone = readEvent(ics, 'UTC')!.timezone
  for (const o of root.getAllSubcomponents('vevent')) if (o !== master && sameOccurrence(o, rid, zone)) root.removeSubcomponent(o)
  master.addProperty(occurrenceProp('exdate', master, rid, zone))
  touch(master, now)
  return root.toString() + '\r\n'
}

/** How many occurrences the rule generates before `rid` (bounded walk). */
function countBefore(master: Component, rid: number, zone: string): number {
  const rule = master.getFirstPropertyValue('rrule')
  const start = master.getFirstPropertyValue('dtstart')
  if (!(rule instanceof ICAL.Recur) || !(start instanceof ICAL.Time)) return 0
  const it = rule.iterator(start)
  let n = 0
  for (let next = it.next(); next && n < 10_000; next = it.next()) {
    const utc = wallToUtc(zone, Date.UTC(next.year, next.month - 1, next.day, next.hour, next.minute, next.second))
    if (utc >= rid) break
    n++
  }
  return n
}

/**
 * "This and following": ends the series just before the occurrence at `rid` (UNTIL; COUNT becomes the
 * number already past) and drops the EXDATEs and overrides from there on. Answers the new text and how
 * many occurrences of a COUNT-bounded rule remain for the new series (null when the rule had no COUNT).
 */
export function endSeriesBefore(ics: string, rid: number, now: Date): { ics: string; remainingCount: number | null } {
  const { root, master } = parts(ics)
  const f = readEvent(ics, 'UTC')!
  const zone = f.timezone
  const rule = master.getFirstPropertyValue('rrule')
  if (!(rule instanceof ICAL.Recur)) throw new BadRequest('This event does not repeat.')
  const before = countBefore(master, rid, zone)
  const remainingCount = rule.count ? Math.max(1, rule.count - before) : null
  const recur = ICAL.Recur.fromString(rule.toString())
  recur.count = null as unknown as number
  if (f.allDay) {
    recur.until = ICAL.Time.fromData({ ...dayParts(rid - 86_400_000, zone), isDate: true })
  } else recur.until = ICAL.Time.fromJSDate(new Date(rid - 1000), true)
  master.removeAllProperties('rrule')
  master.addPropertyWithValue('rrule', recur)
  for (const p of master.getAllProperties('exdate')) {
    const t = readTimeProp(p, zone)
    if (t && t.utc >= rid) master.removeProperty(p)
  }
  for (const o of root.getAllSubcomponents('vevent')) {
    if (o === master) continue
    const r = readTimeProp(o.getFirstProperty('recurrence-id'), zone)
    if (r && r.utc >= rid) root.removeSubcomponent(o)
  }
  touch(master, now)
  return { ics: root.toString() + '\r\n', remainingCount }
}

function dayParts(utc: number, zone: string): { year: number; month: number; day: number } {
  const d = new Date(new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(utc)) + 'T00:00:00Z')
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }
}
