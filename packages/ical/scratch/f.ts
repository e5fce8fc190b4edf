import { readFileSync, readdirSync } from 'node:fs'
import { parseCalendarObject, indexFields, expandObject } from '../src/index.ts'
const iso = (v: number | null) => (v === null ? null : new Date(v).toISOString())
for (const f of readdirSync('test/assets')) {
  try {
    const o = parseCalendarObject(readFileSync('test/assets/' + f, 'utf8'), { supportedComponents: ['VEVENT', 'VTODO', ...(f === 'journal.ics' ? ['VJOURNAL' as const] : [])] })
    const i = indexFields(o)
    console.log(f.padEnd(34), iso(i.firstStart), iso(i.lastEnd), i.recurring)
  } catch (e) { console.log(f.padEnd(34), 'ERR', (e as any).precondition?.name ?? (e as Error).name, (e as Error).message) }
}
const o = parseCalendarObject(readFileSync('test/assets/weekly-dst-exception.ics', 'utf8'))
console.log(expandObject(o, { start: Date.UTC(2026, 2, 1), end: Date.UTC(2026, 4, 1) }))
