/** Events for benches: singles over two years and weekly series (some with a moved instance), Paris time. */
import { seeded } from '../../../../../test/ical/generate.ts'

const pad = (n: number) => String(n).padStart(2, '0')
const wall = (d: Date) => `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}00`

/** `n` objects, `recurringShare` of them weekly series; returns [uri, text] pairs. */
export function benchEvents(n: number, recurringShare = 0.1, seed = 7): Array<[string, string]> {
  const rnd = seeded(seed)
  const from = Date.UTC(2025, 0, 1)
  const out: Array<[string, string]> = []
  for (let i = 0; i < n; i++) {
    const start = new Date(from + Math.floor(rnd() * 730) * 86_400_000 + (8 + Math.floor(rnd() * 12)) * 3_600_000)
    const end = new Date(start.getTime() + 3_600_000)
    const recurring = i % Math.round(1 / recurringShare) === 0
    const lines = [`UID:bench-${i}`, 'DTSTAMP:20250101T000000Z', `DTSTART;TZID=Europe/Paris:${wall(start)}`, `DTEND;TZID=Europe/Paris:${wall(end)}`, `SUMMARY:Event ${i}`]
    let extra = ''
    if (recurring) {
      lines.push(rnd() < 0.5 ? 'RRULE:FREQ=WEEKLY' : `RRULE:FREQ=WEEKLY;COUNT=${10 + Math.floor(rnd() * 80)}`)
      if (rnd() < 0.3) {
        const moved = new Date(start.getTime() + 14 * 86_400_000)
        extra = `BEGIN:VEVENT\r\nUID:bench-${i}\r\nDTSTAMP:20250101T000000Z\r\nRECURRENCE-ID;TZID=Europe/Paris:${wall(moved)}\r\nDTSTART;TZID=Europe/Paris:${wall(new Date(moved.getTime() + 7_200_000))}\r\nDTEND;TZID=Europe/Paris:${wall(new Date(moved.getTime() + 10_800_000))}\r\nSUMMARY:Moved\r\nEND:VEVENT\r\n`
      }
    }
    const text = `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//maison bench//EN\r\nBEGIN:VEVENT\r\n${lines.join('\r\n')}\r\nEND:VEVENT\r\n${extra}END:VCALENDAR\r\n`
    out.push([`bench-${i}.ics`, text])
  }
  return out
}
