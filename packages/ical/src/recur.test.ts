import { describe, expect, it } from 'vitest'
import { expandObject, indexFields, parseCalendarObject } from './index.ts'

/*
 * The arithmetic fast path (plain DAILY/WEEKLY rules) must agree with ical.js's iterator. Adding
 * BYMONTH with all twelve months leaves the set unchanged but forces the ical.js path.
 */
const ALL_MONTHS = ';BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12'

function event(rule: string, start = 'DTSTART;TZID=Europe/Paris:20260302T193000', extra = ''): string {
  return [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Maison//Tests//EN', 'BEGIN:VEVENT', 'UID:r@maison.test', 'DTSTAMP:20260101T000000Z',
    start, 'DURATION:PT1H', `RRULE:${rule}`, extra, 'END:VEVENT', 'END:VCALENDAR', '',
  ].filter((l, i, all) => l !== '' || i === all.length - 1).join('\r\n')
}

const starts = (text: string, from: string, to: string) =>
  expandObject(parseCalendarObject(text), { start: Date.parse(from), end: Date.parse(to) })
    .split('\r\n')
    .filter((l) => l.startsWith('DTSTART'))

describe('recurrence fast path', () => {
  it.each([
    'FREQ=WEEKLY;BYDAY=MO,TH',
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;WKST=SU',
    'FREQ=WEEKLY;INTERVAL=3',
    'FREQ=DAILY',
    'FREQ=DAILY;INTERVAL=5',
    'FREQ=WEEKLY;BYDAY=MO,WE;COUNT=25',
    'FREQ=DAILY;COUNT=40;INTERVAL=2',
    'FREQ=WEEKLY;BYDAY=TU;UNTIL=20270101T000000Z',
  ])('%s gives the same instances as ical.js, far from DTSTART too', (rule) => {
    for (const [from, to] of [['2026-03-01T00:00:00Z', '2026-05-01T00:00:00Z'], ['2026-10-20T00:00:00Z', '2026-11-10T00:00:00Z'], ['2031-01-01T00:00:00Z', '2031-02-01T00:00:00Z']] as const) {
      const fast = starts(event(rule), from, to)
      expect(fast).toEqual(starts(event(rule + ALL_MONTHS), from, to))
    }
    expect(starts(event(rule), '2026-03-01T00:00:00Z', '2026-05-01T00:00:00Z').length).toBeGreaterThan(0)
  })

  it('keeps an unsynchronised DTSTART as the first instance (RFC 5545 §3.8.5.3)', () => {
    // 2 March 2026 is a Monday; the rule asks for Tuesdays.
    const text = event('FREQ=WEEKLY;BYDAY=TU;COUNT=2')
    expect(starts(text, '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z')).toEqual([
      'DTSTART:20260302T183000Z', 'DTSTART:20260303T183000Z', 'DTSTART:20260310T183000Z',
    ])
  })

  it('walks monthly and yearly rules through ical.js with a fast-forward', () => {
    const monthly = event('FREQ=MONTHLY;BYDAY=2SA', 'DTSTART;TZID=Europe/Paris:20100109T100000')
    expect(starts(monthly, '2026-03-01T00:00:00Z', '2026-05-01T00:00:00Z')).toEqual(['DTSTART:20260314T090000Z', 'DTSTART:20260411T080000Z'])
    const yearly = event('FREQ=YEARLY', 'DTSTART;VALUE=DATE:19900329')
    expect(starts(yearly, '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')).toEqual(['DTSTART;VALUE=DATE:20260329'])
  })

  it('bounds the index of long finite rules by UNTIL without walking them all', () => {
    const text = event('FREQ=MINUTELY;UNTIL=20300101T000000Z', 'DTSTART:20260101T000000Z')
    const started = performance.now()
    const idx = indexFields(parseCalendarObject(text))
    expect(performance.now() - started).toBeLessThan(2000)
    expect(idx.lastEnd).toBeGreaterThanOrEqual(Date.parse('2030-01-01T01:00:00Z'))
    expect(idx.lastEnd).toBeLessThan(Date.parse('2030-01-05T00:00:00Z'))
  })
})
