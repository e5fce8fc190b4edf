import ICAL from 'ical.js'
import { serializeCalendar } from './caldavZones.ts'
import type { EventDraft, Repeat } from './caldavTypes.ts'
import { browserZone, nextDay, wallInZone } from './caldavTime.ts'

const PRODID = '-//Maison//Calendar//EN'

/** One VEVENT of an expanded answer, before it is tied to its resource. */
export interface Instance {
  uid: string
  recurrenceId: string | null
  title: string
  allDay: boolean
  start: string
  end: string
  location: string
}

/** An empty VCALENDAR with our PRODID. */
export function newCalendar(): ICAL.Component {
  const cal = new ICAL.Component(['vcalendar', [], []])
  cal.updatePropertyWithValue('prodid', PRODID)
  cal.updatePropertyWithValue('version', '2.0')
  return cal
}

const text = (c: ICAL.Component, name: string): string => {
  const v = c.getFirstPropertyValue(name)
  return v == null ? '' : String(v)
}

/** Serialises an instant or date the way the UI keeps them: ISO instant, or 'YYYY-MM-DD'. */
function timeString(time: ICAL.Time): string {
  return time.isDate ? time.toString().slice(0, 10) : time.toJSDate().toISOString()
}

/** The occurrences of an expanded calendar-query answer (times in UTC, as the server expands them). */
export function parseInstances(ics: string): Instance[] {
  const cal = ICAL.Component.fromString(ics)
  return cal.getAllSubcomponents('vevent').flatMap((ev) => {
    const start = ev.getFirstPropertyValue('dtstart') as ICAL.Time | null
    if (!start) return []
    let end = ev.getFirstPropertyValue('dtend') as ICAL.Time | null
    if (!end) {
      end = start.clone()
      const duration = ev.getFirstPropertyValue('duration') as ICAL.Duration | null
      if (duration) end.addDuration(duration)
      else if (start.isDate) end.day += 1
    }
    const rid = ev.getFirstPropertyValue('recurrence-id') as ICAL.Time | null
    return [{
      uid: text(ev, 'uid'),
      recurrenceId: rid ? timeString(rid) : null,
      title: text(ev, 'summary'),
      allDay: start.isDate,
      start: timeString(start),
      end: timeString(end),
      location: text(ev, 'location'),
    }]
  })
}

/** The master VEVENT (no RECURRENCE-ID) of a stored object. */
export function masterOf(cal: ICAL.Component): ICAL.Component | undefined {
  return cal.getAllSubcomponents('vevent').find((c) => !c.hasProperty('recurrence-id'))
}

/** The zone a component's start is written in: its TZID, UTC, or the browser's for floating times. */
export function zoneOf(vevent: ICAL.Component): string {
  const prop = vevent.getFirstProperty('dtstart')
  const tzid = prop?.getParameter('tzid')
  if (typeof tzid === 'string') return tzid
  const value = prop?.getFirstValue() as ICAL.Time | undefined
  return value?.zone?.tzid === 'UTC' ? 'UTC' : browserZone()
}

/** RECURRENCE-ID (or EXDATE) value for the occurrence `rid`, in the form of the master's DTSTART. */
export function occurrenceTime(master: ICAL.Component, rid: string): { time: ICAL.Time; tzid: string | null } {
  if (rid.length === 10) return { time: ICAL.Time.fromDateString(rid), tzid: null }
  const tzid = master.getFirstProperty('dtstart')?.getParameter('tzid')
  if (typeof tzid === 'string') return { time: ICAL.Time.fromDateTimeString(wallInZone(new Date(rid), tzid)), tzid }
  return { time: ICAL.Time.fromJSDate(new Date(rid), true), tzid: null }
}

/** Sets a date or date-time property, with its TZID parameter when the time is zoned. */
export function setTime(c: ICAL.Component, name: string, time: ICAL.Time, tzid: string | null): void {
  c.removeAllProperties(name)
  const prop = new ICAL.Property(name)
  prop.setValue(time)
  if (tzid) prop.setParameter('tzid', tzid)
  c.addProperty(prop)
}

function sameOccurrence(c: ICAL.Component, time: ICAL.Time): boolean {
  const rid = c.getFirstPropertyValue('recurrence-id') as ICAL.Time | null
  return rid != null && rid.toString() === time.toString()
}

/** The override of occurrence `rid`, if the object has one. */
export function overrideOf(cal: ICAL.Component, rid: string): ICAL.Component | undefined {
  const master = masterOf(cal)
  if (!master) return undefined
  const { time } = occurrenceTime(master, rid)
  return cal.getAllSubcomponents('vevent').find((c) => sameOccurrence(c, time))
}

function repeatOf(master: ICAL.Component): Repeat {
  const rule = master.getFirstPropertyValue('rrule') as ICAL.Recur | null
  if (!rule) return 'none'
  const simple = (rule.interval ?? 1) === 1 && Object.keys(rule.parts ?? {}).length === 0
  const freq = rule.freq.toLowerCase()
  return simple && (freq === 'daily' || freq === 'weekly' || freq === 'monthly') ? freq : 'custom'
}

function reminderOf(vevent: ICAL.Component): number | null {
  for (const alarm of vevent.getAllSubcomponents('valarm')) {
    const trigger = alarm.getFirstPropertyValue('trigger')
    if (trigger instanceof ICAL.Duration) return Math.max(0, Math.round(-trigger.toSeconds() / 60))
  }
  return null
}

/** The form values for the occurrence shown from `start` to `end` (UI strings) of a stored object. */
export function draftOf(ics: string, occurrence: { recurrenceId: string | null; allDay: boolean; start: string; end: string }): EventDraft {
  const cal = ICAL.Component.fromString(ics)
  const master = masterOf(cal) ?? cal.getFirstSubcomponent('vevent')!
  const shown = (occurrence.recurrenceId && overrideOf(cal, occurrence.recurrenceId)) || master
  const timezone = zoneOf(master)
  return {
    title: text(shown, 'summary'),
    allDay: occurrence.allDay,
    start: occurrence.allDay ? occurrence.start : wallInZone(new Date(occurrence.start), timezone).slice(0, 16),
    end: occurrence.allDay ? nextDay(occurrence.end, -1) : wallInZone(new Date(occurrence.end), timezone).slice(0, 16),
    timezone,
    location: text(shown, 'location'),
    description: text(shown, 'description'),
    repeat: repeatOf(master),
    reminder: reminderOf(shown),
  }
}

/** Writes the draft's start and end onto a VEVENT (all-day end is exclusive in iCalendar). */
export function writeTimes(vevent: ICAL.Component, draft: Pick<EventDraft, 'allDay' | 'start' | 'end' | 'timezone'>): void {
  vevent.removeAllProperties('duration')
  if (draft.allDay) {
    setTime(vevent, 'dtstart', ICAL.Time.fromDateString(draft.start), null)
    setTime(vevent, 'dtend', ICAL.Time.fromDateString(nextDay(draft.end)), null)
    return
  }
  const utc = draft.timezone === 'UTC'
  const at = (wall: string) => ICAL.Time.fromDateTimeString(`${wall.slice(0, 16)}:00${utc ? 'Z' : ''}`)
  setTime(vevent, 'dtstart', at(draft.start), utc ? null : draft.timezone)
  setTime(vevent, 'dtend', at(draft.end), utc ? null : draft.timezone)
}

function setText(vevent: ICAL.Component, name: string, value: string): void {
  if (value.trim() === '') vevent.removeAllProperties(name)
  else vevent.updatePropertyWithValue(name, value)
}

/** Writes everything of the draft but times and recurrence onto a VEVENT, and marks it changed. */
export function writeDetails(vevent: ICAL.Component, draft: EventDraft, now: Date): void {
  vevent.updatePropertyWithValue('summary', draft.title.trim())
  setText(vevent, 'location', draft.location)
  setText(vevent, 'description', draft.description)
  for (const alarm of vevent.getAllSubcomponents('valarm')) vevent.removeSubcomponent(alarm)
  if (draft.reminder != null) {
    const alarm = new ICAL.Component('valarm')
    alarm.updatePropertyWithValue('action', 'DISPLAY')
    alarm.updatePropertyWithValue('description', draft.title.trim())
    alarm.updatePropertyWithValue('trigger', ICAL.Duration.fromSeconds(-draft.reminder * 60))
    vevent.addSubcomponent(alarm)
  }
  const stamp = ICAL.Time.fromJSDate(now, true)
  vevent.updatePropertyWithValue('dtstamp', stamp)
  vevent.updatePropertyWithValue('last-modified', stamp)
  const sequence = Number(vevent.getFirstPropertyValue('sequence') ?? 0)
  vevent.updatePropertyWithValue('sequence', sequence + 1)
}

/** Sets the master's RRULE from the draft; a rule the form cannot show ('custom') or of the same frequency is kept. */
export function writeRepeat(master: ICAL.Component, repeat: Repeat): void {
  const current = repeatOf(master)
  if (repeat === 'custom' || repeat === current) return
  master.removeAllProperties('rrule')
  master.removeAllProperties('rdate')
  master.removeAllProperties('exdate')
  if (repeat !== 'none') master.updatePropertyWithValue('rrule', new ICAL.Recur({ freq: repeat.toUpperCase() as 'DAILY' }))
}

/** A new event object (one VEVENT) from the form. */
export function newEventIcs(draft: EventDraft, uid: string, now: Date): string {
  const cal = newCalendar()
  const vevent = new ICAL.Component('vevent')
  vevent.updatePropertyWithValue('uid', uid)
  vevent.updatePropertyWithValue('created', ICAL.Time.fromJSDate(now, true))
  writeTimes(vevent, draft)
  writeDetails(vevent, draft, now)
  vevent.updatePropertyWithValue('sequence', 0)
  writeRepeat(vevent, draft.repeat === 'custom' ? 'none' : draft.repeat)
  cal.addSubcomponent(vevent)
  return serializeCalendar(cal)
}
