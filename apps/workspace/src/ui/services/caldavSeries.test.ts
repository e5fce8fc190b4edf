import ICAL from 'ical.js'
import { describe, expect, it } from 'vitest'
import { editAll, editFollowing, editOnly, removeFollowing, removeOnly } from './caldavSeries.ts'
import { draftOf, newEventIcs, parseInstances } from './caldavIcs.ts'
import { joinExport, splitImport } from './caldavTransfer.ts'
import { draftProblem } from './caldavDraft.ts'
import type { EventDraft } from './caldavTypes.ts'

const now = new Date('2026-03-01T12:00:00Z')
const weekly: EventDraft = {
  title: 'Choir', allDay: false, start: '2026-03-02T18:00', end: '2026-03-02T19:30', timezone: 'Europe/Paris',
  location: 'Hall', description: '', repeat: 'weekly', reminder: 15,
}
const series = newEventIcs(weekly, 'uid-1', now)
const events = (ics: string) => ICAL.Component.fromString(ics).getAllSubcomponents('vevent')
const master = (ics: string) => events(ics).find((e) => !e.hasProperty('recurrence-id'))!
// 30 March 2026 is after the switch to summer time: 18:00 in Paris is 16:00 UTC, not 17:00.
const afterDst = '2026-03-30T16:00:00.000Z'

describe('new events', () => {
  it('writes the wall time with its TZID, the rule and the reminder', () => {
    const m = master(series)
    expect(m.getFirstProperty('dtstart')!.toICALString()).toBe('DTSTART;TZID=Europe/Paris:20260302T180000')
    expect(m.getFirstPropertyValue('rrule')!.toString()).toBe('FREQ=WEEKLY')
    expect(m.getFirstSubcomponent('valarm')!.getFirstPropertyValue('trigger')!.toString()).toBe('-PT15M')
  })

  it('carries one VTIMEZONE for the zone it names, so clients need no zone database of their own', () => {
    const zones = ICAL.Component.fromString(series).getAllSubcomponents('vtimezone')
    expect(zones.map((z) => z.getFirstPropertyValue('tzid'))).toEqual(['Europe/Paris'])
    const zone = new ICAL.Timezone(zones[0]!)
    expect(zone.utcOffset(ICAL.Time.fromDateTimeString('2026-07-01T12:00:00'))).toBe(7200)
    const split = editFollowing(series, { ...weekly, start: '2026-03-30T18:00', end: '2026-03-30T19:30', title: 'Choir (new hall)' }, { recurrenceId: afterDst, allDay: false, start: '2026-03-30T18:00' }, 'uid-next', now)
    for (const ics of [split.old, split.next!]) expect(ICAL.Component.fromString(ics).getAllSubcomponents('vtimezone')).toHaveLength(1)
  })

  it('writes all-day events with an exclusive DATE end', () => {
    const ics = newEventIcs({ ...weekly, allDay: true, start: '2026-03-02', end: '2026-03-03', repeat: 'none', reminder: null }, 'uid-2', now)
    expect(master(ics).getFirstProperty('dtend')!.toICALString()).toBe('DTEND;VALUE=DATE:20260304')
    expect(master(ics).hasProperty('rrule')).toBe(false)
  })

  it('refuses a form that ends before it starts, without a title or with an unknown zone', () => {
    expect(draftProblem(weekly)).toBe('')
    expect(draftProblem({ ...weekly, end: '2026-03-02T17:00' })).toBe('order')
    expect(draftProblem({ ...weekly, end: weekly.start })).not.toBe('')
    expect(draftProblem({ ...weekly, title: '  ' })).not.toBe('')
    expect(draftProblem({ ...weekly, timezone: 'Mars/Olympus' })).not.toBe('')
    expect(draftProblem({ ...weekly, start: '2026-13-45T99:00' })).not.toBe('')
  })
})

describe('editing one occurrence', () => {
  it('adds an override whose RECURRENCE-ID is the original wall time in the series zone', () => {
    const draft = draftOf(series, { recurrenceId: afterDst, allDay: false, start: afterDst, end: '2026-03-30T17:30:00.000Z' })
    expect(draft.start).toBe('2026-03-30T18:00')
    const edited = editOnly(series, { ...draft, title: 'Moved', start: '2026-03-30T19:00', end: '2026-03-30T20:00' }, afterDst, now)
    const override = events(edited).find((e) => e.hasProperty('recurrence-id'))!
    expect(override.getFirstProperty('recurrence-id')!.toICALString()).toBe('RECURRENCE-ID;TZID=Europe/Paris:20260330T180000')
    expect(override.getFirstPropertyValue('summary')).toBe('Moved')
    // A second edit rewrites the same override rather than adding another.
    expect(events(editOnly(edited, { ...draft, title: 'Again' }, afterDst, now))).toHaveLength(2)
  })

  it('removes one occurrence with an EXDATE in the series zone', () => {
    const m = master(removeOnly(series, afterDst))
    expect(m.getFirstProperty('exdate')!.toICALString()).toBe('EXDATE;TZID=Europe/Paris:20260330T180000')
  })
})

describe('this and following', () => {
  it('ends the old series just before the occurrence and starts a new one there', () => {
    const draft = { ...weekly, title: 'Choir (new room)', start: '2026-03-30T18:00', end: '2026-03-30T19:30' }
    const { old, next } = editFollowing(series, draft, { recurrenceId: afterDst, allDay: false, start: '2026-03-30T18:00' }, 'uid-new', now)
    expect(master(old).getFirstPropertyValue('rrule')!.toString()).toBe('FREQ=WEEKLY;UNTIL=20260330T155959Z')
    const n = master(next!)
    expect(n.getFirstPropertyValue('uid')).toBe('uid-new')
    expect(n.getFirstProperty('dtstart')!.toICALString()).toBe('DTSTART;TZID=Europe/Paris:20260330T180000')
    expect(n.getFirstPropertyValue('rrule')!.toString()).toBe('FREQ=WEEKLY')
  })

  it('from the first occurrence is an edit of the whole series', () => {
    const first = '2026-03-02T17:00:00.000Z'
    const { old, next } = editFollowing(series, { ...weekly, title: 'All' }, { recurrenceId: first, allDay: false, start: weekly.start }, 'x', now)
    expect(next).toBeNull()
    expect(master(old).getFirstPropertyValue('summary')).toBe('All')
    expect(removeFollowing(series, first)).toBeNull()
  })

  it('moving every occurrence shifts the series by as much as the shown one moved', () => {
    const moved = editAll(series, { ...weekly, start: '2026-03-30T19:00', end: '2026-03-30T20:00' }, { recurrenceId: afterDst, allDay: false, start: '2026-03-30T18:00' }, now)
    expect(master(moved).getFirstProperty('dtstart')!.toICALString()).toBe('DTSTART;TZID=Europe/Paris:20260302T190000')
    expect(master(moved).getFirstProperty('dtend')!.toICALString()).toBe('DTEND;TZID=Europe/Paris:20260302T200000')
  })
})

describe('import and export', () => {
  it('keeps a series and its override together, one object per UID, and joins them back', () => {
    const edited = editOnly(series, { ...weekly, title: 'Moved' }, afterDst, now)
    const other = newEventIcs({ ...weekly, repeat: 'none' }, 'uid-3', now)
    const file = joinExport([edited, other])
    const parts = splitImport(file, () => 'generated')
    expect(parts.map((p) => p.uid)).toEqual(['uid-1', 'uid-3'])
    expect(events(parts[0]!.ics)).toHaveLength(2)
    expect(() => splitImport('not a calendar', () => 'x')).toThrow()
  })

  it('reads expanded occurrences in UTC and all-day dates as dates', () => {
    const expanded = 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nRECURRENCE-ID:20260330T160000Z\r\nDTSTART:20260330T160000Z\r\nDTEND:20260330T173000Z\r\nSUMMARY:Choir\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:b\r\nDTSTART;VALUE=DATE:20260401\r\nSUMMARY:Fair\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n'
    expect(parseInstances(expanded)).toEqual([
      { uid: 'a', recurrenceId: afterDst, title: 'Choir', allDay: false, start: afterDst, end: '2026-03-30T17:30:00.000Z', location: '' },
      { uid: 'b', recurrenceId: null, title: 'Fair', allDay: true, start: '2026-04-01', end: '2026-04-02', location: '' },
    ])
  })
})
