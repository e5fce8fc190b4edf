/**
 * VTIMEZONE blocks built from the platform's own zone data (Intl), for ical-generator's `timezone.generator`:
 * one STANDARD/DAYLIGHT component per transition over a few years around now, which any client can read
 * without guessing the zone's rules.
 */

const HOUR = 3600_000
const formatters = new Map<string, Intl.DateTimeFormat>()

/** Offset from UTC in minutes of `zone` at instant `ms`. */
function offsetMinutes(zone: string, ms: number): number {
  let f = formatters.get(zone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    formatters.set(zone, f)
  }
  const name = f.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT'
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name)
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0
}

const offsetText = (minutes: number): string => {
  const a = Math.abs(minutes)
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}${String(a % 60).padStart(2, '0')}`
}

const wall = (ms: number): string => new Date(ms).toISOString().replace(/[-:]/g, '').slice(0, 15)

const built = new Map<string, string | null>()

/** The VTIMEZONE of an IANA zone covering [fromYear, toYear], or null for UTC and unknown zones (memoised: zones change rarely). */
export function vtimezone(zone: string, fromYear: number, toYear: number): string | null {
  const key = `${zone}|${fromYear}|${toYear}`
  if (!built.has(key)) {
    // A few zones per space and a new key once a year: the map stays tiny.
    built.set(key, buildVtimezone(zone, fromYear, toYear))
  }
  return built.get(key)!
}

function buildVtimezone(zone: string, fromYear: number, toYear: number): string | null {
  if (zone === 'UTC' || zone === 'Etc/UTC') return null
  try {
    offsetMinutes(zone, 0)
  } catch {
    return null
  }
  const start = Date.UTC(fromYear, 0, 1)
  const end = Date.UTC(toYear + 1, 0, 1)
  const transitions: { at: number; from: number; to: number }[] = []
  let prev = offsetMinutes(zone, start)
  // Zones change offset at most a few times a year and never twice within 12 hours.
  for (let t = start + 12 * HOUR; t <= end; t += 12 * HOUR) {
    const cur = offsetMinutes(zone, t)
    if (cur === prev) continue
    let lo = t - 12 * HOUR
    let hi = t
    while (hi - lo > 1) {
      const mid = lo + Math.floor((hi - lo) / 2)
      if (offsetMinutes(zone, mid) === prev) lo = mid
      else hi = mid
    }
    transitions.push({ at: hi, from: prev, to: cur })
    prev = cur
  }
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`]
  const initial = offsetMinutes(zone, start)
  const standard = Math.min(...transitions.map((t) => Math.min(t.from, t.to)), prev)
  // Times before the first transition need an observance too, else readers fall back to UTC for them.
  const first = initial > standard ? 'DAYLIGHT' : 'STANDARD'
  const off = offsetText(initial)
  lines.push(`BEGIN:${first}`, `DTSTART:${transitions.length ? wall(start + initial * 60_000) : '19700101T000000'}`, `TZOFFSETFROM:${off}`, `TZOFFSETTO:${off}`, `END:${first}`)
  for (const t of transitions) {
    const kind = t.to > standard ? 'DAYLIGHT' : 'STANDARD'
    lines.push(`BEGIN:${kind}`, `DTSTART:${wall(t.at + t.from * 60_000)}`, `TZOFFSETFROM:${offsetText(t.from)}`, `TZOFFSETTO:${offsetText(t.to)}`, `END:${kind}`)
  }
  lines.push('END:VTIMEZONE')
  return lines.join('\r\n')
}
