import ICAL from 'ical.js'
import { tzlib_get_ical_block } from 'timezones-ical-library'
import { DAY_MS, isKnownZone, utcToWall, wallToUtc } from '../domain/time.ts'

export type Component = InstanceType<typeof ICAL.Component>

/** An ICAL.Time holding the wall parts of `wall` (no zone attached: the TZID parameter carries it). */
function wallTime(wall: number, isDate: boolean): ICAL.Time {
  const d = new Date(wall)
  return ICAL.Time.fromData({
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
    hour: isDate ? 0 : d.getUTCHours(), minute: isDate ? 0 : d.getUTCMinutes(), second: isDate ? 0 : d.getUTCSeconds(), isDate,
  })
}

/**
 * Sets a DATE-TIME property to the instant `utc` written in `zone` (TZID + wall time; `Z` for UTC), or a
 * DATE (the day of `utc` in `zone`) for all-day values.
 */
export function setTimeProp(comp: Component, name: string, utc: number, zone: string, allDay: boolean): void {
  comp.removeAllProperties(name)
  const prop = new ICAL.Property(name)
  if (allDay) prop.setValue(wallTime(utcToWall(zone, utc), true))
  else if (zone === 'UTC') prop.setValue(ICAL.Time.fromJSDate(new Date(utc), true))
  else {
    prop.setValue(wallTime(utcToWall(zone, utc), false))
    prop.setParameter('tzid', zone)
  }
  comp.addProperty(prop)
}

/** The instant of a DATE or DATE-TIME property: TZID read through Intl, floating and DATE values in `fallbackZone`. */
export function readTimeProp(prop: ICAL.Property | null, fallbackZone: string): { utc: number; isDate: boolean; zone: string | null } | null {
  const v = prop?.getFirstValue()
  if (!(v instanceof ICAL.Time)) return null
  const wall = Date.UTC(v.year, v.month - 1, v.day, v.isDate ? 0 : v.hour, v.isDate ? 0 : v.minute, v.isDate ? 0 : v.second)
  if (v.isDate) return { utc: wallToUtc(fallbackZone, wall), isDate: true, zone: null }
  if (v.zone?.tzid === 'UTC' || v.toString().endsWith('Z')) return { utc: wall, isDate: false, zone: 'UTC' }
  const tzid = prop!.getParameter('tzid')
  const zone = typeof tzid === 'string' ? normaliseZone(tzid) : null
  if (zone) return { utc: wallToUtc(zone, wall), isDate: false, zone }
  return { utc: wallToUtc(fallbackZone, wall), isDate: false, zone: null }
}

// Some clients write TZIDs with a prefix (e.g. "/mozilla.org/20050126_1/Europe/Paris").
function normaliseZone(tzid: string): string | null {
  if (isKnownZone(tzid)) return tzid
  const tail = /([A-Za-z_]+\/[A-Za-z0-9_+-]+(?:\/[A-Za-z0-9_+-]+)?)$/.exec(tzid)?.[1]
  return tail && isKnownZone(tail) ? tail : null
}

/** Adds the VTIMEZONE of `zone` to the calendar unless it is UTC or already there. */
export function ensureTimezone(root: Component, zone: string): void {
  if (zone === 'UTC') return
  if (root.getAllSubcomponents('vtimezone').some((z) => z.getFirstPropertyValue('tzid') === zone)) return
  const block = tzlib_get_ical_block(zone)
  const text = Array.isArray(block) ? block[0] : ''
  if (!text) return
  const vtz = new ICAL.Component(ICAL.parse(`BEGIN:VCALENDAR\r\n${text}\r\nEND:VCALENDAR`) as unknown[]).getFirstSubcomponent('vtimezone')
  if (!vtz) return
  // The zone's own TZID may be a link target (UTC → Etc/UTC); DTSTARTs reference the name we write.
  vtz.updatePropertyWithValue('tzid', zone)
  root.addSubcomponent(vtz)
}

/** Removes VTIMEZONEs no property references any more. */
export function pruneTimezones(root: Component): void {
  const used = new Set<string>()
  for (const c of root.getAllSubcomponents()) {
    if (c.name === 'vtimezone') continue
    for (const p of c.getAllProperties()) {
      const tzid = p.getParameter('tzid')
      if (typeof tzid === 'string') used.add(tzid)
    }
  }
  for (const z of root.getAllSubcomponents('vtimezone')) if (!used.has(String(z.getFirstPropertyValue('tzid')))) root.removeSubcomponent(z)
}

/** The ICAL value of an occurrence's RECURRENCE-ID (or EXDATE) in the form of the master's DTSTART. */
export function occurrenceProp(name: string, master: Component, rid: number, zone: string): ICAL.Property {
  const start = master.getFirstProperty('dtstart')
  const v = start?.getFirstValue()
  const prop = new ICAL.Property(name)
  if (v instanceof ICAL.Time && v.isDate) prop.setValue(wallTime(utcToWall(zone, rid), true))
  else if (v instanceof ICAL.Time && (v.zone?.tzid === 'UTC' || v.toString().endsWith('Z'))) prop.setValue(ICAL.Time.fromJSDate(new Date(rid), true))
  else {
    const tzid = start?.getParameter('tzid')
    const z = typeof tzid === 'string' ? tzid : zone
    prop.setValue(wallTime(utcToWall(normaliseZone(z) ?? zone, rid), false))
    if (typeof tzid === 'string') prop.setParameter('tzid', tzid)
  }
  return prop
}

/** Instant of midnight starting the day after `utc`'s day in `zone` (exclusive end of an all-day span). */
export function nextMidnight(utc: number, zone: string): number {
  const wall = utcToWall(zone, utc)
  const day = wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS)
  return wallToUtc(zone, day + DAY_MS)
}
