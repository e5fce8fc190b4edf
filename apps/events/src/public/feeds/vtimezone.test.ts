import ICAL from 'ical.js'
import { describe, expect, it } from 'vitest'
import { vtimezone } from './vtimezone.ts'

/** Wall-clock fields of an instant in a zone, as Intl sees them. */
function wall(ms: number, zone: string) {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(new Date(ms)).map((x) => [x.type, Number(x.value)]))
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, second: 0 }
}

describe('vtimezone', () => {
  it.each(['Europe/Paris', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'America/Sao_Paulo', 'Pacific/Chatham'])('%s: wall times read back through the VTIMEZONE give the same instants as Intl', (zone) => {
    const text = vtimezone(zone, 2026, 2028)!
    const tz = new ICAL.Timezone(new ICAL.Component(ICAL.parse(`BEGIN:VCALENDAR\r\n${text}\r\nEND:VCALENDAR`)).getFirstSubcomponent('vtimezone')!)
    // Every 5 days and 7 hours across two years: hits both sides of every transition's season.
    for (let ms = Date.UTC(2026, 0, 3, 10); ms < Date.UTC(2028, 11, 20); ms += (5 * 24 + 7) * 3600_000) {
      const time = new ICAL.Time({ ...wall(ms, zone), isDate: false }, tz)
      expect(time.toJSDate().getTime(), `${zone} ${new Date(ms).toISOString()}`).toBe(ms - (ms % 60_000))
    }
  })

  it('UTC and unknown zones need none', () => {
    expect(vtimezone('UTC', 2026, 2027)).toBeNull()
    expect(vtimezone('Not/AZone', 2026, 2027)).toBeNull()
  })

  it('a zone without transitions gets one STANDARD component', () => {
    const text = vtimezone('Asia/Kolkata', 2026, 2027)!
    expect(text.match(/BEGIN:STANDARD/g)).toHaveLength(1)
    expect(text).toContain('TZOFFSETTO:+0530')
  })
})
