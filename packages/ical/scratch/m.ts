import { generateCalendar } from '../../../test/ical/generate.ts'
import { parseCalendarObject, indexFields, expandObject } from '../src/index.ts'
const o = generateCalendar(2000, 20260329).find((x) => x.uid === 'gen-20260329-273')!
console.log(o.text)
const obj = parseCalendarObject(o.text, { timezone: 'UTC' })
console.log(indexFields(obj, 'UTC'))
console.log(expandObject(obj, { start: Date.UTC(2027, 1, 1), end: Date.UTC(2027, 4, 1) }, 'UTC').split('\r\n').filter(l => /DTSTART|RECURRENCE/.test(l)).join('\n'))
