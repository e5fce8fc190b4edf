import { describe, expect, it } from 'vitest'
import {
  CalendarPreconditionError, ExpansionBudget, indexFields, matchesFilter, mayOverlap, prefilterOf, TooManyInstancesError,
  type CompFilter, type PropFilter,
} from './index.ts'
import { at, fixture } from '../test/fixtures.ts'

const events = (start: string | null, end: string | null, extra: Partial<CompFilter> = {}): CompFilter => ({
  name: 'VCALENDAR',
  compFilters: [{ name: 'VEVENT', timeRange: { start: start ? at(start) : null, end: end ? at(end) : null }, ...extra }],
})
const todos = (start: string, end: string): CompFilter => ({
  name: 'VCALENDAR', compFilters: [{ name: 'VTODO', timeRange: { start: at(start), end: at(end) } }],
})
const props = (...propFilters: PropFilter[]): CompFilter => ({ name: 'VCALENDAR', compFilters: [{ name: 'VEVENT', propFilters }] })

describe('time-range on VEVENT', () => {
  const weekly = fixture('weekly-dst-exception.ics')

  it('follows Europe/Paris across the March DST change', () => {
    // 24 March 10:00 CET is 09:00Z; 7 April 10:00 CEST is 08:00Z.
    expect(matchesFilter(weekly, events('2026-03-24T09:00:00Z', '2026-03-24T09:01:00Z'))).toBe(true)
    expect(matchesFilter(weekly, events('2026-04-07T08:59:00Z', '2026-04-07T09:30:00Z'))).toBe(true)
    expect(matchesFilter(weekly, events('2026-04-07T09:00:00Z', '2026-04-07T10:00:00Z'))).toBe(false)
  })

  it('uses the override instead of the instance it replaces', () => {
    expect(matchesFilter(weekly, events('2026-03-31T07:00:00Z', '2026-03-31T10:00:00Z'))).toBe(false)
    expect(matchesFilter(weekly, events('2026-04-01T12:30:00Z', '2026-04-01T12:31:00Z'))).toBe(true)
  })

  it('ends at COUNT and at UNTIL (inclusive)', () => {
    expect(matchesFilter(weekly, events('2026-04-13T00:00:00Z', '2026-05-01T00:00:00Z'))).toBe(false)
    const october = fixture('weekly-october.ics')
    // 1 November 09:30 CET = 08:30Z = UNTIL, so that instance exists; 25 October is the DST change.
    expect(matchesFilter(october, events('2026-11-01T08:30:00Z', '2026-11-01T08:31:00Z'))).toBe(true)
    expect(matchesFilter(october, events('2026-10-25T08:30:00Z', '2026-10-25T08:31:00Z'))).toBe(true)
    expect(matchesFilter(october, events('2026-10-25T07:30:00Z', '2026-10-25T08:30:00Z'))).toBe(false)
    expect(matchesFilter(october, events('2026-11-08T00:00:00Z', null))).toBe(false)
  })

  it('reads all-day and floating events in the calendar time zone', () => {
    const allDay = fixture('all-day.ics')
    expect(matchesFilter(allDay, events('2026-03-28T22:30:00Z', '2026-03-28T23:00:00Z'))).toBe(false)
    expect(matchesFilter(allDay, events('2026-03-28T22:30:00Z', '2026-03-28T23:00:01Z'))).toBe(true)
    expect(matchesFilter(allDay, events('2026-03-28T22:30:00Z', '2026-03-28T23:00:01Z'), 'UTC')).toBe(false)
    const floating = fixture('floating.ics')
    const nineUtc = events('2026-06-15T09:00:00Z', '2026-06-15T09:30:00Z')
    expect(matchesFilter(floating, nineUtc)).toBe(false)
    expect(matchesFilter(floating, nineUtc, 'UTC')).toBe(true)
    expect(matchesFilter(floating, nineUtc, 'America/New_York')).toBe(false)
    expect(matchesFilter(floating, events('2026-06-15T07:00:00Z', '2026-06-15T07:01:00Z'))).toBe(true)
  })

  it('adds a nominal DURATION in local time (P1D across DST is 23 hours)', () => {
    const obj = fixture('duration-across-dst.ics')
    expect(matchesFilter(obj, events('2026-03-29T09:59:00Z', '2026-03-29T10:30:00Z'))).toBe(true)
    expect(matchesFilter(obj, events('2026-03-29T10:00:00Z', '2026-03-29T11:00:00Z'))).toBe(false)
  })

  it('skips EXDATEs and adds RDATEs, periods included', () => {
    const ex = fixture('exdate.ics')
    expect(matchesFilter(ex, events('2026-03-09T00:00:00Z', '2026-03-10T00:00:00Z'))).toBe(false)
    expect(matchesFilter(ex, events('2026-03-16T00:00:00Z', '2026-03-17T00:00:00Z'))).toBe(true)
    const rd = fixture('rdate.ics')
    expect(matchesFilter(rd, events('2026-06-01T08:30:00Z', '2026-06-01T08:31:00Z'))).toBe(true)
    expect(matchesFilter(rd, events('2026-06-02T00:00:00Z', '2026-06-30T00:00:00Z'))).toBe(false)
    expect(matchesFilter(rd, events('2026-07-01T11:00:00Z', '2026-07-01T11:01:00Z'))).toBe(true)
  })

  it('honours a TZID without VTIMEZONE through the IANA database', () => {
    const ny = fixture('tzid-without-vtimezone.ics')
    expect(matchesFilter(ny, events('2026-03-10T13:00:00Z', '2026-03-10T13:01:00Z'))).toBe(true)
    expect(matchesFilter(ny, events('2026-03-10T14:00:00Z', '2026-03-10T15:00:00Z'))).toBe(false)
  })

  it('agrees with the index pre-filter (never a match outside the stored span)', () => {
    for (const name of ['weekly-dst-exception.ics', 'moved-override.ics', 'exdate.ics', 'rdate.ics', 'all-day.ics', 'floating.ics']) {
      const obj = fixture(name)
      const idx = indexFields(obj)
      for (let day = 0; day < 220; day++) {
        const range = { start: at('2026-01-01T00:00:00Z') + day * 86_400_000, end: at('2026-01-01T00:00:00Z') + (day + 1) * 86_400_000 }
        const filter = events(new Date(range.start).toISOString(), new Date(range.end).toISOString())
        if (matchesFilter(obj, filter)) expect(mayOverlap(idx, range), `${name} day ${day}`).toBe(true)
      }
    }
  })

  it('finds an override moved beyond the master span', () => {
    const moved = fixture('moved-override.ics')
    expect(indexFields(moved).lastEnd).toBe(at('2026-02-20T18:00:00Z'))
    expect(matchesFilter(moved, events('2026-02-20T17:00:00Z', '2026-02-20T17:30:00Z'))).toBe(true)
    expect(matchesFilter(moved, events('2026-01-07T17:00:00Z', '2026-01-07T17:30:00Z'))).toBe(false)
  })
})

describe('unbounded recurrences', () => {
  const ticks = fixture('secondly-unbounded.ics')

  it('index them as open-ended', () => {
    expect(indexFields(ticks)).toMatchObject({ firstStart: at('2020-01-01T00:00:00Z'), lastEnd: null, recurring: true })
  })

  it('report too many instances instead of hanging', () => {
    const started = performance.now()
    expect(() => matchesFilter(ticks, events('2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'))).toThrow(TooManyInstancesError)
    expect(performance.now() - started).toBeLessThan(3000)
  })

  it('stop on the time budget too', () => {
    let now = 0
    const budget = new ExpansionBudget({ maxInstances: Infinity, maxMillis: 100, now: () => (now += 1) })
    expect(() => matchesFilter(ticks, events('2026-01-01T00:00:00Z', null), 'UTC', { budget })).toThrow(/too long/)
  })

  it('still answer quickly when an instance is near', () => {
    const weekly = fixture('alarm.ics')
    expect(matchesFilter(weekly, events('2036-05-06T08:00:00Z', '2036-05-06T08:30:00Z'))).toBe(true)
  })
})

describe('time-range on VTODO (RFC 4791 §9.9 table)', () => {
  it('DUE only: start < DUE <= end', () => {
    const t = fixture('todo-due-only.ics')
    expect(matchesFilter(t, todos('2026-04-20T00:00:00Z', '2026-04-20T17:00:00Z'))).toBe(true)
    expect(matchesFilter(t, todos('2026-04-20T17:00:00Z', '2026-04-21T00:00:00Z'))).toBe(false)
  })

  it('no date at all matches every range; CREATED only matches ranges ending after it', () => {
    expect(matchesFilter(fixture('todo-bare.ics'), todos('1990-01-01T00:00:00Z', '1990-01-02T00:00:00Z'))).toBe(true)
    const created = fixture('todo-created.ics')
    expect(matchesFilter(created, todos('2026-01-01T00:00:00Z', '2026-03-01T00:00:00Z'))).toBe(false)
    expect(matchesFilter(created, todos('2030-01-01T00:00:00Z', '2030-01-02T00:00:00Z'))).toBe(true)
    expect(indexFields(created)).toMatchObject({ firstStart: at('2026-03-01T00:00:00Z'), lastEnd: null })
  })
})

describe('VALARM, prop-filter, text-match, param-filter', () => {
  const obj = fixture('alarm.ics')

  it('time-range on VALARM uses each instance trigger', () => {
    const alarm = (start: string, end: string): CompFilter => ({
      name: 'VCALENDAR',
      compFilters: [{ name: 'VEVENT', compFilters: [{ name: 'VALARM', timeRange: { start: at(start), end: at(end) } }] }],
    })
    // Instances at 10:00 Paris (08:00Z in May); the reminder fires 15 minutes before.
    expect(matchesFilter(obj, alarm('2026-05-12T07:45:00Z', '2026-05-12T07:46:00Z'))).toBe(true)
    expect(matchesFilter(obj, alarm('2026-05-12T07:46:00Z', '2026-05-12T08:30:00Z'))).toBe(false)
  })

  it('text-match honours collation and negation', () => {
    expect(matchesFilter(obj, props({ name: 'SUMMARY', textMatch: { value: 'REMINDER' } }))).toBe(true)
    expect(matchesFilter(obj, props({ name: 'SUMMARY', textMatch: { value: 'REMINDER', collation: 'i;octet' } }))).toBe(false)
    expect(matchesFilter(obj, props({ name: 'SUMMARY', textMatch: { value: 'reminder', negate: true } }))).toBe(false)
    expect(matchesFilter(obj, props({ name: 'CATEGORIES', textMatch: { value: 'volunteers' } }))).toBe(true)
  })

  it('is-not-defined and param-filter work per property', () => {
    expect(matchesFilter(obj, props({ name: 'LOCATION', isNotDefined: true }))).toBe(true)
    expect(matchesFilter(obj, props({ name: 'SUMMARY', isNotDefined: true }))).toBe(false)
    const attendee = (value: string, partstat: string) =>
      props({ name: 'ATTENDEE', textMatch: { value }, paramFilters: [{ name: 'PARTSTAT', textMatch: { value: partstat } }] })
    expect(matchesFilter(obj, attendee('bob@', 'needs-action'))).toBe(true)
    expect(matchesFilter(obj, attendee('bob@', 'accepted'))).toBe(false)
    expect(matchesFilter(obj, props({ name: 'ATTENDEE', paramFilters: [{ name: 'ROLE', isNotDefined: true }] }))).toBe(true)
  })

  it('comp-filter is-not-defined', () => {
    expect(matchesFilter(obj, { name: 'VCALENDAR', compFilters: [{ name: 'VTODO', isNotDefined: true }] })).toBe(true)
    expect(matchesFilter(obj, { name: 'VCALENDAR', compFilters: [{ name: 'VEVENT', isNotDefined: true }] })).toBe(false)
  })
})

describe('filter validation', () => {
  const obj = fixture('floating.ics')
  const failsWith = (filter: CompFilter, name: string) => {
    try {
      matchesFilter(obj, filter)
    } catch (err) {
      expect(err).toBeInstanceOf(CalendarPreconditionError)
      expect((err as CalendarPreconditionError).precondition.name).toBe(name)
      return
    }
    throw new Error('expected a failure')
  }

  it('refuses deep, inverted, unknown-collation and non-VCALENDAR filters', () => {
    let deep: CompFilter = { name: 'VALARM' }
    for (let i = 0; i < 10; i++) deep = { name: 'VEVENT', compFilters: [deep] }
    failsWith({ name: 'VCALENDAR', compFilters: [deep] }, 'supported-filter')
    failsWith(events('2026-02-01T00:00:00Z', '2026-01-01T00:00:00Z'), 'valid-filter')
    failsWith(props({ name: 'SUMMARY', textMatch: { value: 'x', collation: 'i;klingon' } }), 'supported-collation')
    failsWith({ name: 'VEVENT' }, 'valid-filter')
  })

  it('extracts the storage pre-filter', () => {
    expect(prefilterOf(events('2026-01-01T00:00:00Z', null))).toEqual({ componentType: 'VEVENT', range: { start: at('2026-01-01T00:00:00Z'), end: Infinity } })
    expect(prefilterOf({ name: 'VCALENDAR' })).toEqual({ componentType: null, range: null })
  })
})
