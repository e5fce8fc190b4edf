import { benchEvents } from '../../apps/workspace/src/calendars/testing/generate.ts'

/** One calendar object of the bench: its resource name and iCalendar text. */
export interface CalEvent {
  uid: string
  href: string
  text: string
}

// Real clients send the VTIMEZONE of every TZID they use; both servers then read the same offsets.
const PARIS = 'BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n'

/**
 * `n` events of the calendar bench generator (singles over 2025–2026, `recurringShare` weekly series,
 * some with a moved instance, Europe/Paris), each with its VTIMEZONE; `prefix` renames the UIDs.
 */
export function calendarEvents(n: number, opts: { recurringShare?: number; seed?: number; prefix?: string } = {}): CalEvent[] {
  const prefix = opts.prefix ?? 'bench'
  return benchEvents(n, opts.recurringShare ?? 0.1, opts.seed ?? 7).map(([, text], i) => {
    const uid = `${prefix}-${i}`
    return {
      uid,
      href: `${uid}.ics`,
      text: text.replace(/UID:bench-\d+/g, `UID:${uid}`).replace('BEGIN:VEVENT', `${PARIS}BEGIN:VEVENT`),
    }
  })
}

/** The first day of each month the generated events cover, with the next month's, as UTC stamps. */
export function months(): Array<[string, string]> {
  const f = (d: Date): string => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')
  return Array.from({ length: 24 }, (_, i) => [f(new Date(Date.UTC(2025, i, 1))), f(new Date(Date.UTC(2025, i + 1, 1)))])
}
