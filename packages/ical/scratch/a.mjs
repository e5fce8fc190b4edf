import ICAL from 'ical.js'
const txt = `BEGIN:VCALENDAR
VERSION:2.0
PRODID:x
BEGIN:VEVENT
UID:a
DTSTAMP:20260101T000000Z
DTSTART;TZID=Europe/Paris:20260302T100000
DTEND;TZID=Europe/Paris:20260302T110000
RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20260401T000000Z
SUMMARY:Hello
END:VEVENT
END:VCALENDAR
`
const root = new ICAL.Component(ICAL.parse(txt))
const ev = root.getFirstSubcomponent('vevent')
const p = ev.getFirstProperty('dtstart')
const t = p.getFirstValue()
console.log(t.zone.tzid, t.toString(), t.isDate, p.getParameter('tzid'), t.zone === ICAL.Timezone.localTimezone)
const r = ev.getFirstPropertyValue('rrule')
console.log(r.toString(), r.until?.toString(), r.count)
const rr = r.clone(); rr.until = null
const it = rr.iterator(t)
for (let i=0;i<5;i++){ const n = it.next(); console.log(n && n.toString()) }
let t0 = performance.now()
for (let i=0;i<2000;i++){ const c = new ICAL.Component(ICAL.parse(txt)); c.getFirstSubcomponent('vevent').getFirstPropertyValue('dtstart') }
console.log('parse us', (performance.now()-t0)/2000*1000)
const d = ICAL.Recur.fromString('FREQ=SECONDLY')
const it2 = d.iterator(ICAL.Time.fromDateTimeString('2026-01-01T00:00:00'))
t0 = performance.now(); for (let i=0;i<100000;i++) it2.next(); console.log('iter us', (performance.now()-t0)/100000*1000)
const d2 = ICAL.Recur.fromString('FREQ=WEEKLY;BYDAY=MO,WE')
const it3 = d2.iterator(ICAL.Time.fromDateTimeString('2026-01-01T09:00:00'))
t0 = performance.now(); for (let i=0;i<10000;i++) it3.next(); console.log('iter weekly us', (performance.now()-t0)/10000*1000)
const it4 = ICAL.Recur.fromString('FREQ=WEEKLY;BYDAY=MO').iterator(ICAL.Time.fromDateTimeString('2026-01-01T09:00:00'))
console.log('unsync first', it4.next().toString(), it4.next().toString())
try { new ICAL.Component(ICAL.parse('BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:2026XX01\nEND:VEVENT\nEND:VCALENDAR\n')).getFirstSubcomponent('vevent').getFirstPropertyValue('dtstart') } catch(e) { console.log('err', e.message) }
console.log(JSON.stringify(ICAL.parse('BEGIN:VCALENDAR\nEND:VCALENDAR\nBEGIN:VCALENDAR\nEND:VCALENDAR\n')))
try { ICAL.Recur.fromString('FREQ=FOO') } catch(e) { console.log('rerr', e.message) }
const dur = ICAL.Duration.fromString('-P1DT2H'); console.log(dur.isNegative, dur.days, dur.hours, dur.weeks, dur.toSeconds())
