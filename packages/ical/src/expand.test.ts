import ICAL from 'ical.js'
import { describe, expect, it } from 'vitest'
import { expandObject, freeBusy, limitRecurrenceSet, TooManyInstancesError } from './index.ts'
import { at, fixture, fixtureText } from '../test/fixtures.ts'

type Component = InstanceType<typeof ICAL.Component>
const parse = (text: string) => new ICAL.Component(ICAL.parse(text) as unknown[])
const lines = (c: Component, name: string) => c.getAllSubcomponents('vevent').map((e) => e.getFirstProperty(name)?.toICALString() ?? null)

describe('expandObject', () => {
  it('returns the instances in range in UTC with RECURRENCE-ID and no rule', () => {
    const obj = fixture('weekly-dst-exception.ics')
    const out = parse(expandObject(obj, { start: at('2026-03-20T00:00:00Z'), end: at('2026-04-30T00:00:00Z') }))
    expect(out.getAllSubcomponents('vtimezone')).toHaveLength(0)
    expect(lines(out, 'dtstart')).toEqual(['DTSTART:20260324T090000Z', 'DTSTART:20260401T120000Z', 'DTSTART:20260407T080000Z'])
    expect(lines(out, 'recurrence-id')).toEqual([
      'RECURRENCE-ID:20260324T090000Z', 'RECURRENCE-ID:20260331T080000Z', 'RECURRENCE-ID:20260407T080000Z',
    ])
    expect(lines(out, 'rrule')).toEqual([null, null, null])
    expect(out.getAllSubcomponents('vevent')[1]!.getFirstPropertyValue('summary')).toBe('Board meeting (moved to Wednesday)')
  })

  it('keeps all-day instances as dates and leaves the parsed object untouched', () => {
    const obj = fixture('all-day.ics')
    const out = parse(expandObject(obj, { start: at('2026-03-01T00:00:00Z'), end: at('2026-04-01T00:00:00Z') }))
    expect(lines(out, 'dtstart')).toEqual(['DTSTART;VALUE=DATE:20260329'])
    expect(lines(out, 'recurrence-id')).toEqual([null])
    const weekly = fixture('exdate.ics')
    expandObject(weekly, { start: at('2026-03-01T00:00:00Z'), end: at('2026-04-01T00:00:00Z') })
    expect(weekly.master!.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Paris')
    expect(weekly.master!.hasProperty('rrule')).toBe(true)
  })

  it('is bounded for endless rules', () => {
    const obj = fixture('secondly-unbounded.ics')
    expect(() => expandObject(obj, { start: at('2020-01-01T00:00:00Z'), end: at('2021-01-01T00:00:00Z') })).toThrow(TooManyInstancesError)
  })
})

describe('limitRecurrenceSet', () => {
  it('keeps the master and only the overrides touching the range', () => {
    const obj = fixture('moved-override.ics')
    const inJanuary = parse(limitRecurrenceSet(obj, { start: at('2026-01-01T00:00:00Z'), end: at('2026-01-31T00:00:00Z') }))
    expect(inJanuary.getAllSubcomponents('vevent')).toHaveLength(2)
    const inMarch = parse(limitRecurrenceSet(obj, { start: at('2026-03-01T00:00:00Z'), end: at('2026-03-31T00:00:00Z') }))
    expect(inMarch.getAllSubcomponents('vevent')).toHaveLength(1)
    expect(obj.overrides).toHaveLength(1)
    expect(fixtureText('moved-override.ics')).toBe(obj.text)
  })
})

describe('freeBusy', () => {
  it('merges busy time, skips transparent and cancelled, marks tentative', () => {
    const objects = [fixture('cancelled-tentative.ics'), fixture('transparent.ics'), fixture('weekly-dst-exception.ics')]
    const out = parse(freeBusy(objects, { start: at('2026-05-01T00:00:00Z'), end: at('2026-05-08T00:00:00Z') }, 'Europe/Paris', { now: new Date(at('2026-05-01T00:00:00Z')) }))
    const fb = out.getFirstSubcomponent('vfreebusy')!
    const periods = fb.getAllProperties('freebusy').map((p) => p.toICALString())
    expect(periods).toEqual([
      'FREEBUSY;FBTYPE=BUSY-TENTATIVE:20260504T080000Z/20260504T090000Z',
      'FREEBUSY;FBTYPE=BUSY-TENTATIVE:20260506T080000Z/20260506T090000Z',
    ])
  })

  it('clips all-day busy time to the range', () => {
    const out = parse(freeBusy([fixture('all-day.ics')], { start: at('2026-03-29T00:00:00Z'), end: at('2026-03-29T12:00:00Z') }))
    const periods = out.getFirstSubcomponent('vfreebusy')!.getAllProperties('freebusy').map((p) => p.toICALString())
    expect(periods).toEqual(['FREEBUSY;FBTYPE=BUSY:20260329T000000Z/20260329T120000Z'])
  })
})
