import ICAL from 'ical.js'
import { serializeCalendar } from './caldavZones.ts'
import { Validation } from './caldavValidation.ts'
import type { EventDraft } from './caldavTypes.ts'
import { masterOf, newCalendar, occurrenceTime, overrideOf, setTime, writeDetails, writeRepeat, writeTimes } from './caldavIcs.ts'
import { nextDay, shiftWall, wallDiff } from './caldavTime.ts'

/** Where the occurrence being edited was, as the form first showed it. */
export interface Shown {
  recurrenceId: string | null
  allDay: boolean
  /** Wall start in the draft's zone when the form opened. */
  start: string
}

function parse(ics: string): { cal: ICAL.Component; master: ICAL.Component } {
  const cal = ICAL.Component.fromString(ics)
  const master = masterOf(cal)
  if (!master) throw new Validation('no-master')
  return { cal, master }
}

function wallOf(time: ICAL.Time, tzid: string | null): string {
  if (time.isDate) return time.toString().slice(0, 10)
  if (!tzid && time.zone?.tzid === 'UTC') return time.toJSDate().toISOString().slice(0, 16)
  return time.toString().slice(0, 16)
}

/** Edits a single event, or every occurrence of a series: the series moves by as much as the shown occurrence did. */
export function editAll(ics: string, draft: EventDraft, shown: Shown, now: Date): string {
  const { cal, master } = parse(ics)
  const recurring = master.hasProperty('rrule') || master.hasProperty('rdate')
  if (recurring && shown.recurrenceId && draft.allDay === shown.allDay) {
    const tzid = master.getFirstProperty('dtstart')!.getParameter('tzid')
    const masterStart = wallOf(master.getFirstPropertyValue('dtstart') as ICAL.Time, typeof tzid === 'string' ? tzid : null)
    const moved = wallDiff(shown.start, draft.start)
    const length = wallDiff(draft.start, draft.end)
    const start = shiftWall(masterStart, moved)
    writeTimes(master, { ...draft, start, end: shiftWall(start, length) })
  } else {
    writeTimes(master, draft)
  }
  writeDetails(master, draft, now)
  writeRepeat(master, draft.repeat)
  // Without a rule, overrides of former occurrences would be orphans that clients show twice.
  if (draft.repeat === 'none') for (const c of cal.getAllSubcomponents('vevent')) if (c !== master) cal.removeSubcomponent(c)
  return serializeCalendar(cal)
}

/** Edits one occurrence only: writes (or rewrites) its RECURRENCE-ID override. */
export function editOnly(ics: string, draft: EventDraft, recurrenceId: string, now: Date): string {
  const { cal, master } = parse(ics)
  let override = overrideOf(cal, recurrenceId)
  if (!override) {
    override = new ICAL.Component('vevent')
    override.updatePropertyWithValue('uid', master.getFirstPropertyValue('uid') as string)
    const { time, tzid } = occurrenceTime(master, recurrenceId)
    setTime(override, 'recurrence-id', time, tzid)
    override.updatePropertyWithValue('sequence', Number(master.getFirstPropertyValue('sequence') ?? 0))
    cal.addSubcomponent(override)
  }
  writeTimes(override, draft)
  writeDetails(override, draft, now)
  return serializeCalendar(cal)
}

/** The UNTIL that ends a series just before occurrence `recurrenceId` (UTC, or the day before for dates). */
function untilBefore(recurrenceId: string): ICAL.Time {
  if (recurrenceId.length === 10) return ICAL.Time.fromDateString(nextDay(recurrenceId, -1))
  return ICAL.Time.fromJSDate(new Date(Date.parse(recurrenceId) - 1000), true)
}

function isFirst(master: ICAL.Component, recurrenceId: string): boolean {
  const { time } = occurrenceTime(master, recurrenceId)
  return (master.getFirstPropertyValue('dtstart') as ICAL.Time).toString() === time.toString()
}

function occursFrom(c: ICAL.Component, recurrenceId: string): boolean {
  const rid = c.getFirstPropertyValue('recurrence-id') as ICAL.Time | null
  if (!rid) return false
  const at = rid.isDate ? rid.toString().slice(0, 10) : rid.toJSDate().toISOString()
  return recurrenceId.length === 10 ? at >= recurrenceId : Date.parse(at) >= Date.parse(recurrenceId)
}

/** Ends the series before `recurrenceId`; its overrides from there on go with it. */
function endBefore(cal: ICAL.Component, master: ICAL.Component, recurrenceId: string): void {
  const rule = master.getFirstPropertyValue('rrule') as ICAL.Recur | null
  if (rule) {
    const ended = rule.clone()
    ended.count = null
    ended.until = untilBefore(recurrenceId)
    master.updatePropertyWithValue('rrule', ended)
  }
  for (const c of cal.getAllSubcomponents('vevent')) if (c !== master && occursFrom(c, recurrenceId)) cal.removeSubcomponent(c)
}

/**
 * "This and following": the old series ends before the occurrence and a new series (new UID) starts
 * there with the draft. Editing from the first occurrence is an edit of all.
 * @returns the rewritten old object, and the new one (null when nothing was split)
 */
export function editFollowing(ics: string, draft: EventDraft, shown: Shown, newUid: string, now: Date): { old: string; next: string | null } {
  const { cal, master } = parse(ics)
  if (!shown.recurrenceId || isFirst(master, shown.recurrenceId)) return { old: editAll(ics, draft, shown, now), next: null }
  const rule = master.getFirstPropertyValue('rrule') as ICAL.Recur | null
  endBefore(cal, master, shown.recurrenceId)
  const nextCal = newCalendar()
  const next = new ICAL.Component('vevent')
  next.updatePropertyWithValue('uid', newUid)
  next.updatePropertyWithValue('created', ICAL.Time.fromJSDate(now, true))
  for (const name of ['categories', 'class', 'status', 'transp']) for (const p of master.getAllProperties(name)) next.addProperty(ICAL.Property.fromString(p.toICALString()))
  writeTimes(next, draft)
  writeDetails(next, draft, now)
  if (rule && draft.repeat !== 'none') {
    const kept = rule.clone()
    // A COUNT was the whole series' length; the new part runs as long as the old one would have.
    kept.count = null
    next.updatePropertyWithValue('rrule', kept)
  }
  writeRepeat(next, draft.repeat)
  nextCal.addSubcomponent(next)
  return { old: serializeCalendar(cal), next: serializeCalendar(nextCal) }
}

/** Removes one occurrence with an EXDATE (and its override). */
export function removeOnly(ics: string, recurrenceId: string): string {
  const { cal, master } = parse(ics)
  const override = overrideOf(cal, recurrenceId)
  if (override) cal.removeSubcomponent(override)
  const { time, tzid } = occurrenceTime(master, recurrenceId)
  const prop = new ICAL.Property('exdate')
  prop.setValue(time)
  if (tzid) prop.setParameter('tzid', tzid)
  master.addProperty(prop)
  return serializeCalendar(cal)
}

/** Removes an occurrence and every later one; null when that is the whole series. */
export function removeFollowing(ics: string, recurrenceId: string): string | null {
  const { cal, master } = parse(ics)
  if (isFirst(master, recurrenceId)) return null
  endBefore(cal, master, recurrenceId)
  return serializeCalendar(cal)
}
