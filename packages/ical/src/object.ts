import ICAL from 'ical.js'
import { CalendarPreconditionError, CalendarTooLargeError, invalidData, invalidObject } from './errors.ts'
import { timingOf, type ComponentType } from './timing.ts'

type Component = InstanceType<typeof ICAL.Component>

/** A parsed, validated calendar object resource (RFC 4791 §4.1): one UID, one component type. */
export interface CalendarObject {
  readonly text: string
  readonly root: Component
  readonly uid: string
  readonly componentType: ComponentType
  /** The component without RECURRENCE-ID; null when only overridden instances were sent (RFC 6638 invitations). */
  readonly master: Component | null
  readonly overrides: readonly Component[]
}

export interface ParseOptions {
  /** Largest accepted object in bytes (UTF-8); default 1 MiB. */
  maxBytes?: number
  /** The calendar's supported-calendar-component-set; default VEVENT and VTODO. */
  supportedComponents?: readonly ComponentType[]
  /** Zone for floating times and dates while validating; default Europe/Paris. */
  timezone?: string
}

export const DEFAULT_MAX_BYTES = 1024 * 1024
export const DEFAULT_TIMEZONE = 'Europe/Paris'
const ITEM_TYPES = new Set(['VEVENT', 'VTODO', 'VJOURNAL', 'VFREEBUSY'])

function parseRoot(text: string): Component {
  let jcal: unknown
  try {
    jcal = ICAL.parse(text)
  } catch (err) {
    throw invalidData(`Not valid iCalendar: ${(err as Error).message}`, err)
  }
  if (Array.isArray(jcal) && Array.isArray(jcal[0])) throw invalidObject('Exactly one VCALENDAR is allowed per resource.')
  const root = new ICAL.Component(jcal as unknown[])
  if (root.name !== 'vcalendar') throw invalidData('The outer component must be VCALENDAR.')
  return root
}

function checkCalendar(root: Component): void {
  const version = root.getFirstPropertyValue('version')
  if (version !== null && String(version) !== '2.0') throw invalidData(`Unsupported iCalendar VERSION ${String(version)}.`)
  if (root.hasProperty('method')) throw invalidObject('A stored calendar object must not carry METHOD (RFC 4791 §4.1).')
  for (const tz of root.getAllSubcomponents('vtimezone')) {
    const tzid = tz.getFirstPropertyValue('tzid')
    if (!tzid) throw invalidData('VTIMEZONE without TZID.')
    if (!tz.getFirstSubcomponent('standard') && !tz.getFirstSubcomponent('daylight')) {
      throw invalidData(`VTIMEZONE ${String(tzid)} has no STANDARD or DAYLIGHT part.`)
    }
  }
}

function splitItems(root: Component, supported: readonly ComponentType[]) {
  const items = root.getAllSubcomponents().filter((c) => c.name !== 'vtimezone')
  if (items.length === 0) throw invalidObject('The object holds no VEVENT, VTODO or VJOURNAL.')
  const type = items[0]!.name.toUpperCase()
  for (const c of items) {
    const name = c.name.toUpperCase()
    if (!ITEM_TYPES.has(name)) throw invalidObject(`Unexpected component ${name} in VCALENDAR.`)
    if (name !== type) throw invalidObject('All components of one object must have the same type.')
  }
  if (!supported.includes(type as ComponentType)) {
    throw new CalendarPreconditionError('supported-calendar-component', `This calendar does not accept ${type} components.`)
  }
  return { type: type as ComponentType, items }
}

function checkUids(items: Component[]): string {
  const uids = new Set(items.map((c) => c.getFirstPropertyValue('uid')))
  if (uids.has(null) || uids.has('')) throw invalidObject('Every component needs a UID.')
  if (uids.size !== 1) throw invalidObject('All components of one object must share a single UID.')
  return String([...uids][0])
}

function splitMaster(items: Component[], tz: string) {
  let master: Component | null = null
  const overrides: Component[] = []
  const seen = new Set<number>()
  for (const c of items) {
    const t = timingOf(c, tz)
    for (const alarm of c.getAllSubcomponents('valarm')) {
      if (!alarm.hasProperty('trigger')) throw invalidData('VALARM without TRIGGER.')
    }
    if (t.recurrenceId === null) {
      if (master) throw invalidObject('Only one component may lack RECURRENCE-ID.')
      master = c
      continue
    }
    if (t.rrule) throw invalidObject('An overridden instance (RECURRENCE-ID) must not have its own RRULE.')
    if (seen.has(t.recurrenceId)) throw invalidObject('Two components override the same RECURRENCE-ID.')
    seen.add(t.recurrenceId)
    overrides.push(c)
  }
  return { master, overrides }
}

/**
 * Parses and validates one calendar object resource.
 * @throws CalendarTooLargeError, CalendarPreconditionError (valid-calendar-data, valid-calendar-object-resource, supported-calendar-component)
 */
export function parseCalendarObject(text: string, opts: ParseOptions = {}): CalendarObject {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES
  // Cheap check first: a UTF-8 byte is at most 3 bytes per UTF-16 code unit.
  if (text.length > maxBytes || (text.length * 3 > maxBytes && Buffer.byteLength(text) > maxBytes)) {
    throw new CalendarTooLargeError(`The calendar object is larger than ${maxBytes} bytes.`)
  }
  const root = parseRoot(text)
  checkCalendar(root)
  const { type, items } = splitItems(root, opts.supportedComponents ?? ['VEVENT', 'VTODO'])
  const uid = checkUids(items)
  try {
    const { master, overrides } = splitMaster(items, opts.timezone ?? DEFAULT_TIMEZONE)
    return { text, root, uid, componentType: type, master, overrides }
  } catch (err) {
    if (err instanceof CalendarPreconditionError) throw err
    throw invalidData(`Invalid value: ${(err as Error).message}`, err)
  }
}
