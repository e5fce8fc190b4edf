import { generateCalendar } from '../../../test/ical/generate.ts'
import { startRadicale } from '../../../test/ical/radicale.ts'
const n = Number(process.argv[2] ?? 300)
const objs = generateCalendar(n, 1)
const r = await startRadicale()
const AUTH = { Authorization: `Basic ${Buffer.from('test:test').toString('base64')}` }
let t = performance.now()
await fetch(r.baseUrl + '/test/cal/', { method: 'MKCALENDAR', headers: AUTH })
console.log('mk', performance.now() - t); t = performance.now()
let i = 0
await Promise.all(Array.from({ length: 8 }, async () => {
  while (i < objs.length) { const o = objs[i++]!; const res = await fetch(`${r.baseUrl}/test/cal/${o.uid}.ics`, { method: 'PUT', body: o.text, headers: { ...AUTH, 'Content-Type': 'text/calendar' } }); if (res.status >= 300) console.log(res.status, await res.text()); else await res.text() }
}))
console.log('put each ms', (performance.now() - t) / n); t = performance.now()
const q = `<?xml version="1.0"?><C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/></D:prop><C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"><C:time-range start="20260101T000000Z" end="20260201T000000Z"/></C:comp-filter></C:comp-filter></C:filter></C:calendar-query>`
for (let k = 0; k < 3; k++) { const res = await fetch(r.baseUrl + '/test/cal/', { method: 'REPORT', body: q, headers: { ...AUTH, Depth: '1' } }); await res.text(); console.log('report', res.status, performance.now() - t); t = performance.now() }
await r.stop()
