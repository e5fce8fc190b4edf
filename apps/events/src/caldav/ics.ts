import ICAL from 'ical.js'
import type { CalendarExtras, CalendarFields } from '../domain/calendar.ts'
import type { EventStatus } from '../domain/model.ts'
import { htmlToText, sanitizeRichText, textToHtml } from '../domain/text.ts'
import { ensureTimezone, nextMidnight, pruneTimezones, readTimeProp, setTimeProp, type Component } from './ics-time.ts'

const PRODID = '-//Maison//Events//EN'
const STATUSES: Record<string, EventStatus> = { TENTATIVE: 'tentative', CONFIRMED: 'confirmed', CANCELLED: 'cancelled' }

/** Parses an object's text; null when it is not iCalendar. */
export function parseIcs(ics: string): Component | null {
  try {
    const jcal = ICAL.parse(ics)
    if (!Array.isArray(jcal) || Array.isArray(jcal[0])) return null
    const root = new ICAL.Component(jcal as unknown[])
    return root.name === 'vcalendar' ? root : null
  } catch {
    return null
  }
}

/** The master VEVENT (no RECURRENCE-ID), or the first VEVENT when only overrides were sent. */
export function masterOf(root: Component): Component | null {
  const events = root.getAllSubcomponents('vevent')
  return events.find((c) => !c.hasProperty('recurrence-id')) ?? events[0] ?? null
}

const textOf = (c: Component, name: string): string | null => {
  const v = c.getFirstPropertyValue(name)
  return v == null || String(v).trim() === '' ? null : String(v)
}

/** Tags from every CATEGORIES property, trimmed and deduplicated. */
function tagsOf(c: Component): string[] {
  const tags = c.getAllProperties('categories').flatMap((p) => p.getValues().map((v) => String(v).trim()))
  return [...new Set(tags.filter((t) => t !== ''))]
}

/** The description as sanitised HTML and text: the HTML alternative only while DESCRIPTION still matches it. */
function descriptionOf(c: Component): { html: string; text: string } {
  const text = textOf(c, 'description') ?? ''
  const alt = c.getAllProperties('x-alt-desc').find((p) => String(p.getParameter('fmttype') ?? '').toLowerCase() === 'text/html')
  // Any client may write X-ALT-DESC: it is as untrusted as every other text from the calendar.
  const html = alt ? sanitizeRichText(String(alt.getFirstValue() ?? '')) : ''
  if (html && htmlToText(html) === text.trim()) return { html, text: text.trim() }
  return { html: textToHtml(text), text: text.trim() }
}

/** The calendar fields of a VEVENT object (times read in `defaultZone` when floating), or null if it holds no VEVENT. */
export function readEvent(ics: string, defaultZone: string): CalendarFields | null {
  const root = parseIcs(ics)
  const master = root && masterOf(root)
  if (!master) return null
  const start = readTimeProp(master.getFirstProperty('dtstart'), defaultZone)
  if (!start) return null
  const zone = start.zone ?? defaultZone
  let end = readTimeProp(master.getFirstProperty('dtend'), zone)?.utc ?? null
  if (end === null) {
    const duration = master.getFirstPropertyValue('duration')
    end = duration instanceof ICAL.Duration ? start.utc + duration.toSeconds() * 1000 : start.isDate ? nextMidnight(start.utc, zone) : start.utc
  }
  const rrule = master.getFirstPropertyValue('rrule')
  const { html, text } = descriptionOf(master)
  return {
    uid: String(master.getFirstPropertyValue('uid') ?? ''),
    title: textOf(master, 'summary') ?? '',
    descriptionHtml: html,
    descriptionText: text,
    start: start.utc,
    end: Math.max(end, start.utc),
    timezone: zone,
    allDay: start.isDate,
    rrule: rrule instanceof ICAL.Recur ? rrule.toString() : null,
    address: textOf(master, 'location'),
    status: STATUSES[String(master.getFirstPropertyValue('status') ?? '').toUpperCase()] ?? 'confirmed',
    tags: tagsOf(master),
  }
}

function setText(c: Component, name: string, value: string | null): void {
  c.removeAllProperties(name)
  if (value !== null && value.trim() !== '') c.addPropertyWithValue(name, value)
}

/** Writes the descriptive fields (everything but times and recurrence) onto a VEVENT. */
export function writeDetails(c: Component, f: Pick<CalendarFields, 'title' | 'descriptionHtml' | 'descriptionText' | 'address' | 'status' | 'tags'>, extras: CalendarExtras | null): void {
  setText(c, 'summary', f.title)
  setText(c, 'description', f.descriptionText)
  c.removeAllProperties('x-alt-desc')
  if (f.descriptionHtml) {
    const alt = new ICAL.Property('x-alt-desc')
    alt.setParameter('fmttype', 'text/html')
    alt.setValue(f.descriptionHtml)
    c.addProperty(alt)
  }
  setText(c, 'location', f.address)
  setText(c, 'status', f.status.toUpperCase())
  c.removeAllProperties('categories')
  if (f.tags.length) {
    const cat = new ICAL.Property('categories')
    cat.setValues(f.tags)
    c.addProperty(cat)
  }
  if (!extras) return
  setText(c, 'url', extras.publicUrl)
  setText(c, 'x-maison-category', extras.category)
  c.removeAllProperties('conference')
  if (extras.onlineUrl) {
    const conf = new ICAL.Property('conference')
    conf.setParameter('value', 'URI')
    conf.setParameter('feature', 'VIDEO')
    conf.setValue(extras.onlineUrl)
    c.addProperty(conf)
  }
}

/** Writes start, end (exclusive for all-day) and zone onto a VEVENT, adding the VTIMEZONE it needs. */
export function writeTimes(root: Component, c: Component, f: Pick<CalendarFields, 'start' | 'end' | 'timezone' | 'allDay'>): void {
  c.removeAllProperties('duration')
  setTimeProp(c, 'dtstart', f.start, f.timezone, f.allDay)
  setTimeProp(c, 'dtend', f.end, f.timezone, f.allDay)
  if (!f.allDay) ensureTimezone(root, f.timezone)
}

/** Marks a VEVENT as changed (DTSTAMP, LAST-MODIFIED, SEQUENCE + 1) so clients notice. */
export function touch(c: Component, now: Date): void {
  const stamp = ICAL.Time.fromJSDate(now, true)
  c.updatePropertyWithValue('dtstamp', stamp)
  c.updatePropertyWithValue('last-modified', stamp)
  c.updatePropertyWithValue('sequence', Number(c.getFirstPropertyValue('sequence') ?? -1) + 1)
}

function setRrule(c: Component, rrule: string | null): void {
  const current = c.getFirstPropertyValue('rrule')
  if (rrule === null) {
    c.removeAllProperties('rrule')
    c.removeAllProperties('rdate')
    c.removeAllProperties('exdate')
    return
  }
  if (current instanceof ICAL.Recur && current.toString() === ICAL.Recur.fromString(rrule).toString()) return
  c.removeAllProperties('rrule')
  c.addPropertyWithValue('rrule', ICAL.Recur.fromString(rrule))
}

/** A new object (VCALENDAR with one VEVENT and its VTIMEZONE). */
export function newEventIcs(f: CalendarFields, extras: CalendarExtras, now: Date): string {
  const root = new ICAL.Component('vcalendar')
  root.updatePropertyWithValue('prodid', PRODID)
  root.updatePropertyWithValue('version', '2.0')
  const c = new ICAL.Component('vevent')
  c.updatePropertyWithValue('uid', f.uid)
  c.updatePropertyWithValue('created', ICAL.Time.fromJSDate(now, true))
  root.addSubcomponent(c)
  writeTimes(root, c, f)
  writeDetails(c, f, extras)
  setRrule(c, f.rrule)
  touch(c, now)
  return root.toString() + '\r\n'
}

/**
 * Rewrites the master VEVENT of an existing object with `f`, keeping what the app does not manage
 * (alarms, overrides, EXDATEs, other clients' properties). When the series' start moves, overrides and
 * EXDATEs no longer point at real occurrences and are dropped.
 */
export function updateEventIcs(ics: string, f: CalendarFields, extras: CalendarExtras, now: Date): string {
  const root = parseIcs(ics)
  const master = root && masterOf(root)
  if (!root || !master) return newEventIcs(f, extras, now)
  const before = readEvent(ics, f.timezone)
  // A new rule alone keeps exceptions (occurrences it no longer makes simply do not show); a new start moves every RECURRENCE-ID.
  const moved = !before || before.start !== f.start || before.allDay !== f.allDay || before.timezone !== f.timezone || (before.rrule !== null && f.rrule === null)
  writeTimes(root, master, f)
  writeDetails(master, f, extras)
  setRrule(master, f.rrule)
  if (moved) {
    master.removeAllProperties('exdate')
    for (const o of root.getAllSubcomponents('vevent')) if (o !== master) root.removeSubcomponent(o)
  }
  touch(master, now)
  pruneTimezones(root)
  return root.toString() + '\r\n'
}
