import { generateCalendar } from '../../../test/ical/generate.ts'
import { startRadicale } from '../../../test/ical/radicale.ts'
const n = Number(process.argv[2] ?? 300)
const objs = generateCalendar(n, 1)
const zones = new Map<string, string>(); const items: string[] = []
for (const o of objs) { for (const m of o.text.matchAll(/BEGIN:VTIMEZONE\r\nTZID:([^\r]+)[\s\S]*?END:VTIMEZONE\r\n/g)) zones.set(m[1]!, m[0]); items.push(o.text.replace(/^[\s\S]*?(?=BEGIN:V(EVENT|TODO))/, '').replace(/END:VCALENDAR\r\n$/, '')) }
const body = `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n${[...zones.values()].join('')}${items.join('')}END:VCALENDAR\r\n`
const r = await startRadicale()
const AUTH = { Authorization: `Basic ${Buffer.from('test:test').toString('base64')}` }
let t = performance.now()
await fetch(r.baseUrl + '/test/cal/', { method: 'MKCALENDAR', headers: AUTH })
const res = await fetch(r.baseUrl + '/test/cal/', { method: 'PUT', body, headers: { ...AUTH, 'Content-Type': 'text/calendar' } })
console.log('put coll', res.status, (await res.text()).slice(0, 200), performance.now() - t); t = performance.now()
const q = `<?xml version="1.0"?><C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/></D:prop><C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"><C:time-range start="20260101T000000Z" end="20260201T000000Z"/></C:comp-filter></C:comp-filter></C:filter></C:calendar-query>`
for (let k = 0; k < 3; k++) { const res = await fetch(r.baseUrl + '/test/cal/', { method: 'REPORT', body: q, headers: { ...AUTH, Depth: '1' } }); const x = await res.text(); console.log('report', res.status, performance.now() - t, x.slice(0, 300)); t = performance.now() }
await r.stop()
