import ICAL from 'ical.js'
import { generateCalendar } from '../../../test/ical/generate.ts'
import { parseCalendarObject, indexFields } from '../src/index.ts'
const g = generateCalendar(3000, 7)
for (let rep = 0; rep < 2; rep++) {
let t = performance.now()
for (const o of g) ICAL.parse(o.text)
console.log('ICAL.parse', ((performance.now() - t) * 1000 / g.length).toFixed(1))
t = performance.now()
for (const o of g) parseCalendarObject(o.text, { timezone: 'Europe/Paris' })
console.log('parseCalendarObject', ((performance.now() - t) * 1000 / g.length).toFixed(1))
const objs = g.map(o => parseCalendarObject(o.text, { timezone: 'UTC' }))
t = performance.now()
for (const o of objs) indexFields(o, 'Europe/Paris')
console.log('index fresh tz', ((performance.now() - t) * 1000 / g.length).toFixed(1))
}
