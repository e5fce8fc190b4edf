/** Wall-clock arithmetic for the event form: 'YYYY-MM-DDTHH:mm[:ss]' strings in a named time zone. */

const formats = new Map<string, Intl.DateTimeFormat>()

function format(tz: string): Intl.DateTimeFormat {
  let f = formats.get(tz)
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    })
    formats.set(tz, f)
  }
  return f
}

/** The wall-clock time of `instant` in `tz`, as 'YYYY-MM-DDTHH:mm:ss'. */
export function wallInZone(instant: Date, tz: string): string {
  const parts = Object.fromEntries(format(tz).formatToParts(instant).map((p) => [p.type, p.value]))
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`
}

/** Whether the browser knows `tz` as an IANA zone. */
export function isKnownZone(tz: string): boolean {
  try {
    format(tz)
    return true
  } catch {
    return false
  }
}

/** The time zones to offer, the browser's own first. */
export function zoneChoices(): string[] {
  const own = browserZone()
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [own, 'UTC']
  return [own, ...all.filter((z) => z !== own), ...(all.includes('UTC') || own === 'UTC' ? [] : ['UTC'])]
}

/** The browser's IANA zone. */
export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

// Wall strings are compared and shifted as if they were UTC: only their difference matters.
const asUtc = (wall: string): number => Date.parse(`${wall.length === 10 ? `${wall}T00:00:00` : wall.length === 16 ? `${wall}:00` : wall}Z`)

/** Milliseconds from wall time `a` to wall time `b` (same zone). */
export function wallDiff(a: string, b: string): number {
  return asUtc(b) - asUtc(a)
}

/** `wall` moved by `ms`, keeping its form (date, or date-time to the minute). */
export function shiftWall(wall: string, ms: number): string {
  const iso = new Date(asUtc(wall) + ms).toISOString()
  return wall.length === 10 ? iso.slice(0, 10) : iso.slice(0, 16)
}

/** The day after 'YYYY-MM-DD'. */
export function nextDay(date: string, days = 1): string {
  return shiftWall(date, days * 86_400_000)
}

/** Whether the string is a usable date ('YYYY-MM-DD') or date-time ('YYYY-MM-DDTHH:mm'). */
export function isWall(value: string, allDay: boolean): boolean {
  const re = allDay ? /^\d{4}-\d{2}-\d{2}$/ : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/
  return re.test(value) && !Number.isNaN(asUtc(value))
}
