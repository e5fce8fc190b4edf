import { describe, expect, it } from 'vitest'
import { indexFields, matchesFilter, mayOverlap, parseCalendarObject, type CompFilter } from '@maison/ical'
import { generateCalendar, seeded } from './generate.ts'

/*
 * The index columns must be a superset: an object the full filter matches is never dropped by the
 * SQL pre-filter. Checked over a generated calendar in the default zone (Europe/Paris), where
 * floating and all-day events move with the zone, and across ranges of every size.
 */
describe('index pre-filter', () => {
  it('never drops a matching object', () => {
    const rnd = seeded(99)
    const objects = generateCalendar(1500, 99).map((g) => parseCalendarObject(g.text))
    const rows = objects.map((obj) => ({ obj, index: indexFields(obj) }))
    let matched = 0
    for (let q = 0; q < 200; q++) {
      const start = Date.UTC(2025, 4, 1) + Math.floor(rnd() * 800 * 24) * 3_600_000
      const range = { start, end: start + Math.ceil(rnd() * 60 * 24) * 3_600_000 }
      const component = rnd() < 0.8 ? 'VEVENT' : 'VTODO'
      const filter: CompFilter = { name: 'VCALENDAR', compFilters: [{ name: component, timeRange: range }] }
      for (const { obj, index } of rows) {
        if (!matchesFilter(obj, filter)) continue
        matched++
        expect(mayOverlap(index, range), `${obj.uid} ${new Date(range.start).toISOString()}`).toBe(true)
      }
    }
    expect(matched).toBeGreaterThan(1000)
  }, 60_000)
})
