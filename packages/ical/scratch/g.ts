import { generateCalendar } from '../../../test/ical/generate.ts'
import { parseCalendarObject } from '../src/index.ts'
const objs = generateCalendar(3000, 42)
let bad = 0
for (const o of objs) { try { parseCalendarObject(o.text, { timezone: 'UTC' }) } catch (e) { if (bad++ < 5) console.log(o.kind, (e as Error).message, o.text) } }
console.log('bad', bad, objs.length)
const kinds: Record<string, number> = {}; for (const o of objs) kinds[o.kind] = (kinds[o.kind] ?? 0) + 1
console.log(kinds)
console.log(objs.find(o => o.kind.startsWith('recurring') && o.text.includes('RECURRENCE-ID'))!.text)
