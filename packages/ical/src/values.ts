import ICAL from 'ical.js'
import { invalidData } from './errors.ts'
import { isKnownZone, wallToUtc } from './zones.ts'

type Time = InstanceType<typeof ICAL.Time>
type Property = InstanceType<typeof ICAL.Property>
type Timezone = InstanceType<typeof ICAL.Timezone>

export const DAY = 86_400_000

/** Turns a wall time (local fields encoded with Date.UTC) into a UTC instant. */
export type WallToUtc = (wall: number) => number

/** A date or date-time property value, in wall milliseconds plus the zone to read it in. */
export interface TimeValue {
  wall: number
  isDate: boolean
  /** UTC-suffixed value ("Z"). */
  isUtc: boolean
  /** Floating or DATE: read in the calendar's time zone. */
  isFloating: boolean
  toUtc: WallToUtc
  utc: number
}

/** Local fields of an ical.js time as wall milliseconds. @throws CalendarPreconditionError on impossible dates */
export function wallOf(t: Time): number {
  const { year, month, day, hour, minute, second } = t
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 60) {
    throw invalidData(`Impossible date or time ${t.toString()}.`)
  }
  return t.isDate ? Date.UTC(year, month - 1, day) : Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59))
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** The ical.js time for a wall instant, used where ical.js needs one (VTIMEZONE offsets, RRULE iteration). */
export function timeOfWall(wall: number, isDate: boolean, zone?: Timezone): Time {
  const d = new Date(wall)
  const data = {
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
    hour: isDate ? 0 : d.getUTCHours(), minute: isDate ? 0 : d.getUTCMinutes(), second: isDate ? 0 : d.getUTCSeconds(),
    isDate,
  }
  return ICAL.Time.fromData(data, zone)
}

// Hydrating a VTIMEZONE expands its rules from their first year, about a millisecond; every object
// embeds its own copy, so identical definitions share one hydrated zone.
const sharedZones = new Map<string, Timezone>()
const perObject = new WeakMap<Timezone, Timezone>()
const MAX_SHARED_ZONES = 1_000

function shared(zone: Timezone): Timezone {
  let s = perObject.get(zone)
  if (s) return s
  const key = zone.component.toString()
  s = sharedZones.get(key)
  if (!s) {
    if (sharedZones.size >= MAX_SHARED_ZONES) sharedZones.clear()
    s = new ICAL.Timezone({ component: zone.component, tzid: zone.tzid })
    sharedZones.set(key, s)
  }
  perObject.set(zone, s)
  return s
}

// Offsets change only at transitions, which fall on quarter hours of local time.
const QUARTER_HOUR = 900_000
const offsetsByZone = new WeakMap<Timezone, Map<number, number>>()

function vtimezoneToUtc(zone: Timezone): WallToUtc {
  const tz = shared(zone)
  let offsets = offsetsByZone.get(tz)
  if (!offsets) offsetsByZone.set(tz, (offsets = new Map()))
  const cache = offsets
  return (wall) => {
    const bucket = Math.floor(wall / QUARTER_HOUR)
    let offset = cache.get(bucket)
    if (offset === undefined) {
      offset = tz.utcOffset(timeOfWall(bucket * QUARTER_HOUR, false, tz)) * 1000
      if (cache.size > 100_000) cache.clear()
      cache.set(bucket, offset)
    }
    return wall - offset
  }
}

/**
 * Resolves how to read one time of a property: UTC, a VTIMEZONE of the object, an IANA zone
 * known to the runtime, or floating (the calendar's zone `floatingTz`).
 * @throws CalendarPreconditionError when a TZID is neither defined nor known
 */
export function converterFor(prop: Property, t: Time, floatingTz: string): { toUtc: WallToUtc; isUtc: boolean; isFloating: boolean } {
  if (t.isDate) return { toUtc: (w) => wallToUtc(floatingTz, w), isUtc: false, isFloating: true }
  if (t.zone === ICAL.Timezone.utcTimezone) return { toUtc: (w) => w, isUtc: true, isFloating: false }
  const tzid = prop.getParameter('tzid') as string | undefined
  if (!tzid) return { toUtc: (w) => wallToUtc(floatingTz, w), isUtc: false, isFloating: true }
  const zone = t.zone as Timezone | undefined
  if (zone && zone !== ICAL.Timezone.localTimezone && zone.component) {
    return { toUtc: vtimezoneToUtc(zone), isUtc: false, isFloating: false }
  }
  if (isKnownZone(tzid)) return { toUtc: (w) => wallToUtc(tzid, w), isUtc: false, isFloating: false }
  throw invalidData(`TZID "${tzid}" has no VTIMEZONE in the object and is not a known IANA time zone.`)
}

const RAW_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})Z?)?$/

// ical.js normalises 2026-13-45 into 2027-02-14; reject it from the raw text instead.
function checkRaw(raw: unknown, name: string): void {
  for (const part of typeof raw === 'string' ? raw.split('/') : []) {
    const m = RAW_TIME.exec(part)
    if (!m) continue
    const [y, mo, d, h = '0', mi = '0', s = '0'] = m.slice(1).map((x) => x ?? '0') as string[]
    const month = Number(mo)
    if (month < 1 || month > 12 || Number(d) < 1 || Number(d) > daysInMonth(Number(y), month) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) {
      throw invalidData(`${name} has an impossible date or time: ${part}.`)
    }
  }
}

/** Reads a DATE or DATE-TIME property value. @throws CalendarPreconditionError */
export function readTime(prop: Property, floatingTz: string, value?: Time): TimeValue {
  for (const raw of prop.jCal.slice(3)) checkRaw(raw, prop.name.toUpperCase())
  let t: Time
  try {
    t = value ?? (prop.getFirstValue() as Time)
  } catch (err) {
    throw invalidData(`${prop.name.toUpperCase()} is not a valid date or date-time.`, err)
  }
  if (!(t instanceof ICAL.Time)) throw invalidData(`${prop.name.toUpperCase()} is not a date or date-time.`)
  const wall = wallOf(t)
  const conv = converterFor(prop, t, floatingTz)
  return { wall, isDate: t.isDate, ...conv, utc: conv.toUtc(wall) }
}

/** A DURATION split the RFC 5545 §3.3.6 way: days and weeks are nominal, the rest exact. */
export interface SplitDuration {
  days: number
  ms: number
}

/** Reads a duration value. */
export function splitDuration(d: InstanceType<typeof ICAL.Duration>): SplitDuration {
  const sign = d.isNegative ? -1 : 1
  return {
    days: sign * (d.weeks * 7 + d.days),
    ms: sign * ((d.hours * 3600 + d.minutes * 60 + d.seconds) * 1000),
  }
}

/** Adds a duration to a wall start, converting with the start's zone. */
export function addDuration(wall: number, d: SplitDuration, toUtc: WallToUtc): number {
  return toUtc(wall + d.days * DAY) + d.ms
}
