import ICAL from 'ical.js'
import { ExpansionBudget } from './budget.ts'
import { CalendarPreconditionError } from './errors.ts'
import { masterInstances, singleInstance, timingsOf, type Instance } from './instances.ts'
import { DEFAULT_TIMEZONE, type CalendarObject } from './object.ts'
import { overlaps, type Range } from './overlap.ts'
import { readTime } from './values.ts'
import { utcToWall } from './zones.ts'

type Component = InstanceType<typeof ICAL.Component>

const RECURRENCE_PROPS = ['rrule', 'rdate', 'exdate', 'exrule']
const TIME_PROPS = ['dtstart', 'dtend', 'due', 'recurrence-id']

export interface ExpandOptions {
  /** Bounds the expansion; shared by a whole REPORT. */
  budget?: ExpansionBudget
}

// toJSON() hands out the live jCal arrays: edit a deep copy, never the parsed object.
function copy(comp: Component): Component {
  return new ICAL.Component(structuredClone(comp.toJSON()))
}

function timeValue(utc: number, isDate: boolean, tz: string) {
  if (!isDate) return ICAL.Time.fromJSDate(new Date(utc), true)
  const d = new Date(utcToWall(tz, utc))
  return ICAL.Time.fromData({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), isDate: true })
}

function setTime(comp: Component, name: string, utc: number, isDate: boolean, tz: string): void {
  comp.removeAllProperties(name)
  comp.addPropertyWithValue(name, timeValue(utc, isDate, tz))
}

/** Rewrites the remaining TZID-bound date-times (e.g. CREATED written locally) in UTC. */
function otherTimesToUtc(comp: Component, tz: string): void {
  for (const prop of comp.getAllProperties()) {
    if (TIME_PROPS.includes(prop.name) || !prop.getParameter('tzid')) continue
    const v = prop.getFirstValue()
    if (!(v instanceof ICAL.Time) || v.isDate) continue
    const utc = readTime(prop, tz).utc
    prop.removeParameter('tzid')
    prop.setValue(ICAL.Time.fromJSDate(new Date(utc), true))
  }
}

function instanceComponent(i: Instance, recurring: boolean, tz: string): Component {
  const t = i.timing
  const comp = copy(t.comp)
  for (const name of RECURRENCE_PROPS) comp.removeAllProperties(name)
  const isDate = t.start?.isDate ?? false
  if (t.start) setTime(comp, 'dtstart', i.start, isDate, tz)
  if (comp.hasProperty('dtend')) setTime(comp, 'dtend', i.end, isDate, tz)
  if (comp.hasProperty('due') && t.start) setTime(comp, 'due', i.end, isDate, tz)
  else if (comp.hasProperty('due')) setTime(comp, 'due', readTime(comp.getFirstProperty('due')!, tz).utc, isDate, tz)
  if (recurring && i.recurrenceId !== null) setTime(comp, 'recurrence-id', i.recurrenceId, isDate, tz)
  otherTimesToUtc(comp, tz)
  return comp
}

function shell(obj: CalendarObject): Component {
  const root = new ICAL.Component('vcalendar')
  for (const prop of obj.root.getAllProperties()) root.addProperty(ICAL.Property.fromString(prop.toICALString()))
  return root
}

function checkRange(range: Range): void {
  if (!(range.start < range.end)) throw new CalendarPreconditionError('valid-filter', 'The expand range must start before it ends.')
}

/**
 * RFC 4791 §9.6.5 `expand`: the instances overlapping the range as separate components, in UTC
 * (dates stay dates), each with RECURRENCE-ID, without RRULE/RDATE/EXDATE or VTIMEZONE.
 * @throws TooManyInstancesError past the budget
 */
export function expandObject(obj: CalendarObject, range: Range, tz = DEFAULT_TIMEZONE, opts: ExpandOptions = {}): string {
  checkRange(range)
  const budget = opts.budget ?? new ExpansionBudget()
  const { master, overrides, overridden } = timingsOf(obj, tz)
  const recurring = overrides.length > 0 || (master !== null && (master.rrule !== null || master.rdates.length > 0))
  const found: Instance[] = []
  if (master) {
    for (const i of masterInstances(master, overridden, budget, range.start)) {
      if (i.start > range.end) break
      if (overlaps(i, range)) found.push(i)
    }
  }
  for (const o of overrides) {
    const i = singleInstance(o)
    if (overlaps(i, range)) found.push(i)
  }
  found.sort((a, b) => a.start - b.start)
  const root = shell(obj)
  for (const i of found) root.addSubcomponent(instanceComponent(i, recurring, tz))
  return root.toString() + '\r\n'
}

/**
 * RFC 4791 §9.6.6 `limit-recurrence-set`: the master plus only the overrides that overlap the range
 * (by their own times or by the instance they replace); VTIMEZONEs kept.
 */
export function limitRecurrenceSet(obj: CalendarObject, range: Range, tz = DEFAULT_TIMEZONE): string {
  checkRange(range)
  const { overrides } = timingsOf(obj, tz)
  const keep = new Set(
    overrides
      .filter((o) => overlaps(singleInstance(o), range) || (o.recurrenceId! >= range.start && o.recurrenceId! < range.end))
      .map((o) => o.comp),
  )
  const root = copy(obj.root)
  for (const c of root.getAllSubcomponents()) {
    if (c.name === 'vtimezone' || !c.hasProperty('recurrence-id')) continue
    const original = obj.overrides.find((o) => o.getFirstPropertyValue('recurrence-id')?.toString() === c.getFirstPropertyValue('recurrence-id')?.toString())
    if (!original || !keep.has(original)) root.removeSubcomponent(c)
  }
  return root.toString() + '\r\n'
}
