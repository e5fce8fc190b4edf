/**
 * IANA time zones through the runtime's ICU data (Intl), for TZIDs that come without a
 * VTIMEZONE and for floating times, which take the calendar's zone.
 *
 * Times are handled as "wall" milliseconds: the local date and time encoded with Date.UTC,
 * so calendar arithmetic (add a day, next week) never meets a DST jump.
 */
const formatters = new Map<string, Intl.DateTimeFormat>()
const known = new Map<string, boolean>()
const offsetsByZone = new Map<string, Map<number, number>>()
// Every transition of a modern zone falls on a quarter hour in UTC, so one cached offset per
// quarter hour is exact; the cap only keeps memory flat in a long-lived process.
const QUARTER_HOUR = 900_000
const MAX_CACHED_OFFSETS = 200_000
const DAY = 86_400_000

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    })
    formatters.set(zone, f)
  }
  return f
}

/** Whether the runtime knows this IANA zone name. */
export function isKnownZone(zone: string): boolean {
  let ok = known.get(zone)
  if (ok === undefined) {
    try {
      formatter(zone)
      ok = true
    } catch {
      ok = false
    }
    known.set(zone, ok)
  }
  return ok
}

/** UTC offset in milliseconds of `zone` at the instant `utc`. */
export function offsetAt(zone: string, utc: number): number {
  if (zone === 'UTC' || zone === 'Etc/UTC') return 0
  const bucket = Math.floor(utc / QUARTER_HOUR)
  let offsets = offsetsByZone.get(zone)
  if (!offsets) offsetsByZone.set(zone, (offsets = new Map()))
  const cached = offsets.get(bucket)
  if (cached !== undefined) return cached
  const at = bucket * QUARTER_HOUR
  const parts = formatter(zone).formatToParts(new Date(at))
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0)
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'))
  const offset = wall - at
  if (offsets.size > MAX_CACHED_OFFSETS) offsets.clear()
  offsets.set(bucket, offset)
  return offset
}

/**
 * Converts a wall time in `zone` to UTC following RFC 5545 §3.3.5: an ambiguous time (DST end)
 * is its first occurrence, a skipped time (DST start) takes the offset before the gap.
 */
export function wallToUtc(zone: string, wall: number): number {
  const before = offsetAt(zone, wall - DAY)
  const after = offsetAt(zone, wall + DAY)
  if (before === after) return wall - before
  const early = wall - before
  const late = wall - after
  const earlyOk = offsetAt(zone, early) === before
  const lateOk = offsetAt(zone, late) === after
  if (earlyOk && lateOk) return Math.min(early, late)
  if (earlyOk) return early
  if (lateOk) return late
  return early
}

/** Converts a UTC instant to wall milliseconds in `zone`. */
export function utcToWall(zone: string, utc: number): number {
  return utc + offsetAt(zone, utc)
}
