import { describe, expect, it } from 'vitest'
import { CalendarPreconditionError, CalendarTooLargeError, parseCalendarObject } from './index.ts'
import { fixture, fixtureText } from '../test/fixtures.ts'

function preconditionOf(fn: () => unknown): string {
  try {
    fn()
  } catch (err) {
    if (err instanceof CalendarPreconditionError || err instanceof CalendarTooLargeError) return err.precondition.name
    throw err
  }
  throw new Error('expected a precondition error')
}

describe('parseCalendarObject', () => {
  it('splits master and overrides under one UID', () => {
    const obj = fixture('weekly-dst-exception.ics')
    expect(obj.uid).toBe('weekly-dst@maison.test')
    expect(obj.componentType).toBe('VEVENT')
    expect(obj.master).not.toBeNull()
    expect(obj.overrides).toHaveLength(1)
  })

  it.each([
    ['invalid-two-uids.ics', 'valid-calendar-object-resource'],
    ['invalid-mixed-types.ics', 'valid-calendar-object-resource'],
    ['invalid-method.ics', 'valid-calendar-object-resource'],
    ['invalid-syntax.ics', 'valid-calendar-data'],
    ['invalid-bad-date.ics', 'valid-calendar-data'],
    ['invalid-dtend-before-dtstart.ics', 'valid-calendar-data'],
    ['invalid-no-dtstart.ics', 'valid-calendar-data'],
    ['unknown-tzid.ics', 'valid-calendar-data'],
    ['journal.ics', 'supported-calendar-component'],
  ])('refuses %s with %s', (name, precondition) => {
    expect(preconditionOf(() => fixture(name))).toBe(precondition)
  })

  it('accepts VJOURNAL when the calendar supports it', () => {
    expect(fixture('journal.ics', { supportedComponents: ['VJOURNAL'] }).componentType).toBe('VJOURNAL')
  })

  it('refuses a 10 MB event quickly, before parsing', () => {
    const big = fixtureText('floating.ics').replace('SUMMARY:Floating coffee', `DESCRIPTION:${'x'.repeat(10 * 1024 * 1024)}`)
    const started = performance.now()
    expect(preconditionOf(() => parseCalendarObject(big))).toBe('max-resource-size')
    expect(performance.now() - started).toBeLessThan(50)
  })

  it('counts the limit in UTF-8 bytes', () => {
    const text = fixtureText('floating.ics').replace('Floating coffee', 'é'.repeat(2000))
    expect(() => parseCalendarObject(text, { maxBytes: 3000 })).toThrow(CalendarTooLargeError)
    expect(parseCalendarObject(text, { maxBytes: 5000 }).uid).toBe('floating@maison.test')
  })

  it('refuses two components overriding the same instance', () => {
    const text = fixtureText('moved-override.ics')
    const override = text.slice(text.lastIndexOf('BEGIN:VEVENT'), text.lastIndexOf('END:VEVENT') + 'END:VEVENT\r\n'.length)
    const twice = text.replace('END:VCALENDAR', `${override}END:VCALENDAR`)
    expect(preconditionOf(() => parseCalendarObject(twice))).toBe('valid-calendar-object-resource')
  })

  it('refuses an RRULE without FREQ and a broken DURATION', () => {
    const base = fixtureText('floating.ics')
    expect(preconditionOf(() => parseCalendarObject(base.replace('SUMMARY', 'RRULE:COUNT=3\r\nSUMMARY')))).toBe('valid-calendar-data')
    expect(preconditionOf(() => parseCalendarObject(base.replace('DTEND:20260615T100000', 'DURATION:PXYZ')))).toBe('valid-calendar-data')
  })

  it('does not touch the text it was given', () => {
    const text = fixtureText('alarm.ics')
    expect(parseCalendarObject(text).text).toBe(text)
  })
})
