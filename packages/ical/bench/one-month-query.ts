/**
 * Cost of the iCalendar side of a CalDAV time-range query, in memory:
 * parse + index per object, match per candidate, and a one-month calendar-query over 10,000 events
 * (index pre-filter as the SQL would do it, then parse + matchesFilter on the candidates).
 * Run: npx tsx packages/ical/bench/one-month-query.ts [objects]
 */
import { generateCalendar } from '../../../test/ical/generate.ts'
import { indexFields, matchesFilter, mayOverlap, parseCalendarObject, type CalendarObject, type CompFilter } from '../src/index.ts'

const N = Number(process.argv[2] ?? 10_000)
const TZ = 'Europe/Paris'
const generated = generateCalendar(N, 7)
const recurring = generated.filter((g) => g.kind.startsWith('recurring')).length

const time = <T>(fn: () => T): [T, number] => {
  const t = performance.now()
  const r = fn()
  return [r, performance.now() - t]
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!

const [objects, parseMs] = time(() => generated.map((g) => parseCalendarObject(g.text, { timezone: TZ })))
const [rows, indexMs] = time(() => objects.map((o, i) => ({ ...indexFields(o, TZ), text: generated[i]!.text, obj: o })))
console.log(`${N} objects (${recurring} recurring): parse ${((parseMs * 1000) / N).toFixed(1)} µs/object, index ${((indexMs * 1000) / N).toFixed(1)} µs/object`)

const month = (i: number) => ({ start: Date.UTC(2025, 6 + (i % 22), 1), end: Date.UTC(2025, 7 + (i % 22), 1) })
const filterOf = (r: { start: number; end: number }): CompFilter => ({ name: 'VCALENDAR', compFilters: [{ name: 'VEVENT', timeRange: r }] })

for (const mode of ['cold (parse each candidate)', 'warm (parsed objects cached)'] as const) {
  const totals: number[] = []
  let candidates = 0
  let matches = 0
  let matchUs = 0
  for (let i = 0; i < 44; i++) {
    const range = month(i)
    const filter = filterOf(range)
    const [found, ms] = time(() => {
      const out: string[] = []
      for (const r of rows) {
        if (r.componentType !== 'VEVENT' || !mayOverlap(r, range)) continue
        candidates++
        const obj: CalendarObject = mode.startsWith('cold') ? parseCalendarObject(r.text, { timezone: TZ }) : r.obj
        const t = performance.now()
        if (matchesFilter(obj, filter, TZ)) out.push(r.uid)
        matchUs += (performance.now() - t) * 1000
      }
      return out
    })
    matches += found.length
    if (i >= 4) totals.push(ms)
  }
  console.log(
    `one-month query, ${mode}: p50 ${pct(totals, 50).toFixed(1)} ms, p95 ${pct(totals, 95).toFixed(1)} ms; ` +
      `${(candidates / 44).toFixed(0)} candidates and ${(matches / 44).toFixed(0)} matches per query; matchesFilter ${(matchUs / candidates).toFixed(1)} µs/candidate`,
  )
}
