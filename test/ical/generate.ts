/**
 * A seeded random calendar for the differential test: single, all-day, floating and recurring
 * events in several zones (with VTIMEZONEs), EXDATEs, moved overrides, RDATEs and VTODOs.
 * Times stay between 07:00 and 21:00 so no instance spans a DST change: Radicale adds DTEND-DTSTART
 * as wall-clock time where RFC 5545 §3.8.5.3 wants the exact duration, a case outside this test.
 */
export interface GeneratedObject {
  uid: string
  text: string
  /** Deliberately excluded from comparison; see the test. */
  kind: string
}

const ZONES: Record<string, string> = {
  'Europe/Paris': 'BEGIN:DAYLIGHT\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nTZNAME:CEST\nDTSTART:19700329T020000\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\nEND:DAYLIGHT\nBEGIN:STANDARD\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nTZNAME:CET\nDTSTART:19701025T030000\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\nEND:STANDARD\n',
  'America/New_York': 'BEGIN:DAYLIGHT\nTZOFFSETFROM:-0500\nTZOFFSETTO:-0400\nTZNAME:EDT\nDTSTART:20070311T020000\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\nEND:DAYLIGHT\nBEGIN:STANDARD\nTZOFFSETFROM:-0400\nTZOFFSETTO:-0500\nTZNAME:EST\nDTSTART:20071104T020000\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\nEND:STANDARD\n',
  'Australia/Sydney': 'BEGIN:STANDARD\nTZOFFSETFROM:+1100\nTZOFFSETTO:+1000\nTZNAME:AEST\nDTSTART:20080406T030000\nRRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU\nEND:STANDARD\nBEGIN:DAYLIGHT\nTZOFFSETFROM:+1000\nTZOFFSETTO:+1100\nTZNAME:AEDT\nDTSTART:20081005T020000\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU\nEND:DAYLIGHT\n',
  'Asia/Tokyo': 'BEGIN:STANDARD\nTZOFFSETFROM:+0900\nTZOFFSETTO:+0900\nTZNAME:JST\nDTSTART:19700101T000000\nEND:STANDARD\n',
}
const DAY = 86_400_000
const HOUR = 3_600_000
const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA']
const FROM = Date.UTC(2025, 5, 1)
const SPAN_DAYS = 730

/** mulberry32: small, fast and reproducible. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0')
const dateOf = (wall: number) => {
  const d = new Date(wall)
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`
}
const wallOf = (wall: number) => {
  const d = new Date(wall)
  return `${dateOf(wall)}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}00`
}

interface Ctx {
  rnd: () => number
  int: (lo: number, hi: number) => number
  pick: <T>(xs: readonly T[]) => T
}

type Stamp = (name: string, wall: number) => string

function zoneStamp(zone: string | null, allDay: boolean): Stamp {
  if (allDay) return (name, wall) => `${name};VALUE=DATE:${dateOf(wall)}`
  if (zone === 'UTC') return (name, wall) => `${name}:${wallOf(wall)}Z`
  if (zone === null) return (name, wall) => `${name}:${wallOf(wall)}`
  return (name, wall) => `${name};TZID=${zone}:${wallOf(wall)}`
}

function wrap(body: string, zone: string | null): string {
  const tz = zone && ZONES[zone] ? `BEGIN:VTIMEZONE\nTZID:${zone}\n${ZONES[zone]}END:VTIMEZONE\n` : ''
  return `BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Maison//Differential//EN\n${tz}${body}END:VCALENDAR\n`.replace(/\n/g, '\r\n')
}

function startWall(c: Ctx, allDay: boolean): number {
  const day = FROM + c.int(0, SPAN_DAYS) * DAY
  return allDay ? day : day + c.int(7, 17) * HOUR + c.pick([0, 15, 30, 45]) * 60_000
}

function recurringEvent(c: Ctx, uid: string, zone: string | null, allDay: boolean): string {
  const stamp = zoneStamp(zone, allDay)
  const start = startWall(c, allDay)
  const length = allDay ? c.int(1, 2) * DAY : c.int(1, 12) * 15 * 60_000
  const weekly = c.rnd() < 0.75
  const interval = c.int(1, 2)
  const days = weekly ? [...new Set([new Date(start).getUTCDay(), ...(c.rnd() < 0.4 ? [c.int(0, 6)] : [])])] : []
  const endKind = c.pick(['count', 'until', 'none'] as const)
  const count = c.int(3, 40)
  const period = (weekly ? 7 : 1) * interval * DAY
  const untilWall = start + c.int(2, 60) * period
  let rule = `FREQ=${weekly ? 'WEEKLY' : 'DAILY'};INTERVAL=${interval}`
  if (weekly) rule += `;BYDAY=${days.map((d) => WEEKDAYS[d]).join(',')}`
  if (endKind === 'count') rule += `;COUNT=${count}`
  // UNTIL is UTC for zoned starts, local for floating and all-day ones (RFC 5545 §3.3.10); a
  // margin of one day keeps it off the exact instance so zone offsets cannot tip the last one.
  if (endKind === 'until') rule += `;UNTIL=${allDay ? dateOf(untilWall) : wallOf(untilWall + DAY / 2) + (zone ? 'Z' : '')}`
  // Instance k periods after DTSTART exists while it is within COUNT (worst case one per period) or UNTIL.
  const lastK = endKind === 'count' ? Math.floor((count - 1) / (days.length || 1)) : endKind === 'until' ? Math.floor((untilWall - start) / period) : 80
  const ks = [...new Set(Array.from({ length: c.int(0, 3) }, () => c.int(1, Math.max(1, lastK))))].filter((k) => k <= lastK)
  const [exdates, moved] = [ks.filter((_, i) => i % 2 === 0), ks.filter((_, i) => i % 2 === 1)]
  const lines = [
    'BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20250101T000000Z', stamp('DTSTART', start), stamp('DTEND', start + length),
    `RRULE:${rule}`, ...exdates.map((k) => stamp('EXDATE', start + k * period)), `SUMMARY:Recurring ${uid}`, 'END:VEVENT',
  ]
  for (const k of moved) {
    const shift = c.pick([-2 * HOUR, 3 * HOUR, 2 * DAY, 45 * DAY, -10 * DAY])
    const newStart = allDay ? start + k * period + Math.round(shift / DAY) * DAY : start + k * period + shift
    lines.push(
      'BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20250101T000000Z', stamp('RECURRENCE-ID', start + k * period),
      stamp('DTSTART', newStart), stamp('DTEND', newStart + length), `SUMMARY:Moved ${uid}`, 'END:VEVENT',
    )
  }
  return lines.join('\n') + '\n'
}

function singleEvent(c: Ctx, uid: string, zone: string | null, allDay: boolean): string {
  const stamp = zoneStamp(zone, allDay)
  const start = startWall(c, allDay)
  const length = allDay ? c.int(1, 3) * DAY : c.int(0, 12) * 15 * 60_000
  const end = c.rnd() < 0.15 && !allDay ? `DURATION:PT${length / 60_000}M` : c.rnd() < 0.1 ? '' : stamp('DTEND', start + length)
  const rdates = c.rnd() < 0.1 ? [stamp('RDATE', start + c.int(1, 90) * DAY), stamp('RDATE', start + c.int(91, 200) * DAY)] : []
  return ['BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20250101T000000Z', stamp('DTSTART', start), end, ...rdates, `SUMMARY:Single ${uid}`, 'END:VEVENT']
    .filter(Boolean).join('\n') + '\n'
}

function todo(c: Ctx, uid: string): { text: string; kind: string } {
  const stamp = zoneStamp('UTC', false)
  const a = startWall(c, false)
  const b = a + c.int(1, 20) * DAY
  const kind = c.pick(['due', 'start-due', 'start', 'start-duration', 'bare', 'created', 'completed', 'created-completed'] as const)
  const props: Record<typeof kind, string[]> = {
    due: [stamp('DUE', b)],
    'start-due': [stamp('DTSTART', a), stamp('DUE', b)],
    start: [stamp('DTSTART', a)],
    'start-duration': [stamp('DTSTART', a), 'DURATION:PT90M'],
    bare: [],
    created: [stamp('CREATED', a)],
    completed: [stamp('COMPLETED', b)],
    'created-completed': [stamp('CREATED', a), stamp('COMPLETED', b)],
  }
  const text = ['BEGIN:VTODO', `UID:${uid}`, 'DTSTAMP:20250101T000000Z', ...props[kind], `SUMMARY:Todo ${uid}`, 'END:VTODO'].join('\n') + '\n'
  return { text: wrap(text, null), kind: `todo-${kind}` }
}

/** Generates `n` calendar objects reproducibly from `seed`. */
export function generateCalendar(n: number, seed: number): GeneratedObject[] {
  const rnd = seeded(seed)
  const c: Ctx = { rnd, int: (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1)), pick: (xs) => xs[Math.floor(rnd() * xs.length)]! }
  const zones = Object.keys(ZONES)
  const out: GeneratedObject[] = []
  for (let i = 0; i < n; i++) {
    const uid = `gen-${seed}-${i}`
    const r = rnd()
    if (r < 0.08) {
      out.push({ uid, ...todo(c, uid) })
      continue
    }
    const zone = r < 0.5 ? c.pick(zones) : r < 0.58 ? 'UTC' : r < 0.68 ? null : r < 0.8 ? 'all-day' : c.pick([...zones, null, 'all-day'])
    const allDay = zone === 'all-day'
    const tz = allDay ? null : zone
    const recurring = r >= 0.8
    const body = recurring ? recurringEvent(c, uid, tz, allDay) : singleEvent(c, uid, tz, allDay)
    out.push({ uid, text: wrap(body, tz), kind: `${recurring ? 'recurring' : 'single'}-${allDay ? 'all-day' : tz ?? 'floating'}` })
  }
  return out
}
