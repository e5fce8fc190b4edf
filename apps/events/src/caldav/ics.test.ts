import { describe, expect, it } from 'vitest'
import { newEventIcs, readEvent, updateEventIcs } from './ics.ts'
import { endSeriesBefore, excludeOccurrence, overrideOccurrence } from './series.ts'
import { expandOccurrences } from './expand.ts'

const now = new Date('2026-11-01T10:00:00Z')
const base = {
  uid: 'u-1', title: 'Atelier', descriptionHtml: '<p>Du <strong>fil</strong></p>', descriptionText: 'Du fil',
  start: Date.parse('2027-01-07T17:30:00Z'), end: Date.parse('2027-01-07T19:00:00Z'), timezone: 'Europe/Paris', allDay: false,
  rrule: 'FREQ=WEEKLY;COUNT=4', address: 'Salle 1', status: 'confirmed' as const, tags: ['atelier', 'couture'],
}
const extras = { publicUrl: 'https://x.test/s/a/p/events/e1', onlineUrl: null, category: 'Loisirs' }
const starts = (ics: string) => expandOccurrences(ics, 'Europe/Paris', base.start, base.start + 90 * 86_400_000).map((o) => new Date(o.start).toISOString())

describe('VEVENT mapping', () => {
  it('writes what it reads back', () => {
    const ics = newEventIcs(base, extras, now)
    expect(ics).toContain('DTSTART;TZID=Europe/Paris:20270107T183000')
    expect(ics).toContain('BEGIN:VTIMEZONE')
    expect(ics).toContain('X-ALT-DESC;FMTTYPE=text/html:<p>Du <strong>fil</strong></p>')
    expect(readEvent(ics, 'UTC')).toEqual(base)
  })

  it('falls back to the text when a phone changed DESCRIPTION but not the HTML', () => {
    const ics = newEventIcs(base, extras, now).replace('DESCRIPTION:Du fil', 'DESCRIPTION:Du fil <b>et</b> des aiguilles')
    expect(readEvent(ics, 'UTC')).toMatchObject({ descriptionText: 'Du fil <b>et</b> des aiguilles', descriptionHtml: '<p>Du fil &lt;b&gt;et&lt;/b&gt; des aiguilles</p>' })
  })

  it('reads a TZID with a vendor prefix and floating times in the default zone', () => {
    const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:p', 'DTSTART;TZID=/mozilla.org/20050126_1/Europe/Paris:20270107T183000',
      'DURATION:PT1H', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n')
    expect(readEvent(ics, 'UTC')).toMatchObject({ start: Date.parse('2027-01-07T17:30:00Z'), end: Date.parse('2027-01-07T18:30:00Z'), timezone: 'Europe/Paris' })
    const floating = ics.replace('TZID=/mozilla.org/20050126_1/Europe/Paris', 'X-NONE=1')
    expect(readEvent(floating, 'America/New_York')).toMatchObject({ start: Date.parse('2027-01-07T23:30:00Z') })
  })

  it('keeps other clients\' data when the app rewrites the event', () => {
    const withAlarm = newEventIcs(base, extras, now).replace('END:VEVENT', 'BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\nDESCRIPTION:x\r\nEND:VALARM\r\nX-PHONE:kept\r\nEND:VEVENT')
    const next = updateEventIcs(withAlarm, { ...base, title: 'Atelier tricot' }, extras, now)
    expect(next).toContain('SUMMARY:Atelier tricot')
    expect(next).toContain('TRIGGER:-PT15M')
    expect(next).toContain('X-PHONE:kept')
    expect(next).toContain('SEQUENCE:1')
  })
})

describe('series edits', () => {
  const ics = newEventIcs(base, extras, now)
  const second = Date.parse('2027-01-14T17:30:00Z')

  it('overrides one occurrence', () => {
    const next = overrideOccurrence(ics, second, { title: 'Exception', start: second + 3600_000, end: second + 7200_000 }, now)
    expect(next).toContain('RECURRENCE-ID;TZID=Europe/Paris:20270114T183000')
    expect(starts(next)).toEqual(['2027-01-07T17:30:00.000Z', '2027-01-14T18:30:00.000Z', '2027-01-21T17:30:00.000Z', '2027-01-28T17:30:00.000Z'])
    // Editing the same occurrence again updates the one override.
    const again = overrideOccurrence(next, second, { title: 'Exception 2' }, now)
    expect(again.match(/RECURRENCE-ID/g)).toHaveLength(1)
  })

  it('excludes one occurrence and ends a series before another', () => {
    expect(starts(excludeOccurrence(ics, second, now))).toEqual(['2027-01-07T17:30:00.000Z', '2027-01-21T17:30:00.000Z', '2027-01-28T17:30:00.000Z'])
    const { ics: ended, remainingCount } = endSeriesBefore(ics, Date.parse('2027-01-21T17:30:00Z'), now)
    expect(remainingCount).toBe(2)
    expect(starts(ended)).toEqual(['2027-01-07T17:30:00.000Z', '2027-01-14T17:30:00.000Z'])
  })
})

describe('series rewrites', () => {
  it('keeps exceptions when only the rule changes, drops them when the start moves', () => {
    const second = Date.parse('2027-01-14T17:30:00Z')
    const withOverride = overrideOccurrence(newEventIcs(base, extras, now), second, { title: 'Exception' }, now)
    const longer = updateEventIcs(withOverride, { ...base, rrule: 'FREQ=WEEKLY;COUNT=8' }, extras, now)
    expect(longer).toContain('RECURRENCE-ID')
    expect(starts(longer)).toHaveLength(8)
    const moved = updateEventIcs(withOverride, { ...base, start: base.start + 3600_000, end: base.end + 3600_000 }, extras, now)
    expect(moved).not.toContain('RECURRENCE-ID')
  })
})
