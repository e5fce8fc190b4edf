/**
 * Bad input over CalDAV: malformed iCalendar, a 10 MB event, a huge time range, a deep filter, an
 * endless FREQ=SECONDLY rule → a clear 4xx (or a bounded answer) with the CalDAV precondition, and
 * the stored data untouched.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../support/server.ts'
import { basic, dav, vevent } from './support.ts'

let t: TestServer
let cal: string
const auth = basic('admin', 'admin-password-1')
const GOOD = vevent('good-1', '20260601T100000Z', '20260601T110000Z')
const query = (filter: string, prop = '<d:getetag/>') =>
  `<c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop>${prop}</d:prop><c:filter>${filter}</c:filter></c:calendar-query>`
const range = (s: string, e: string) => `<c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT"><c:time-range start="${s}" end="${e}"/></c:comp-filter></c:comp-filter>`

beforeAll(async () => {
  t = await startTestServer()
  await t.createSpace('bad')
  cal = `${t.spaceUrl('bad')}/remote.php/dav/calendars/admin/association/`
  expect((await dav(cal + 'good.ics', auth, 'PUT', GOOD)).status).toBe(201)
})
afterAll(async () => t?.close())

async function unchanged() {
  const r = await dav(cal + 'good.ics', auth, 'GET')
  expect(r.text).toBe(GOOD)
  const list = await dav(cal, auth, 'PROPFIND', undefined, { depth: '1' })
  expect(list.text.split('<d:response>').length - 1).toBe(2)
}

it('refuses malformed iCalendar with valid-calendar-data and leaves the object as it was', async () => {
  for (const body of ['BEGIN:VCALENDAR\r\nGARBAGE', 'not ical at all', GOOD.replace('DTSTART:20260601T100000Z', 'DTSTART:2026-06-01')]) {
    const r = await dav(cal + 'good.ics', auth, 'PUT', body, { 'content-type': 'text/calendar' })
    expect(r.status).toBe(403)
    expect(r.text).toMatch(/valid-calendar-(data|object-resource)/)
  }
  const two = await dav(cal + 'other.ics', auth, 'PUT', GOOD)
  expect(two.status).toBe(409)
  expect(two.text).toContain('no-uid-conflict')
  expect(two.text).toContain('/calendars/admin/association/good.ics')
  expect((await dav(cal + 'good.ics', auth, 'PUT', GOOD, { 'If-None-Match': '*' })).status).toBe(412)
  expect((await dav(cal + 'good.ics', auth, 'PUT', GOOD, { 'If-Match': '"nope"' })).status).toBe(412)
  await unchanged()
})

it('refuses a 10 MB event with 413 max-resource-size', async () => {
  const big = GOOD.replace('SUMMARY:good-1', 'DESCRIPTION:' + 'x'.repeat(10 * 1024 * 1024))
  const r = await dav(cal + 'good.ics', auth, 'PUT', big)
  expect(r.status).toBe(413)
  expect(r.text).toContain('max-resource-size')
  await unchanged()
})

it('bounds an endless FREQ=SECONDLY rule and a huge time range', async () => {
  const endless = vevent('endless', '20260601T000000Z', '20260601T000001Z', 'RRULE:FREQ=SECONDLY\r\n')
  expect((await dav(cal + 'endless.ics', auth, 'PUT', endless)).status).toBe(201)
  const started = Date.now()
  const r = await dav(cal, auth, 'REPORT', query(range('19000101T000000Z', '29991231T000000Z'), '<c:calendar-data><c:expand start="19000101T000000Z" end="29991231T000000Z"/></c:calendar-data>'), { depth: '1' })
  expect(Date.now() - started).toBeLessThan(15_000)
  expect(r.status).toBe(507)
  expect(r.text).toContain('number-of-matches-within-limits')
  // Without expansion the same range is a plain, bounded answer.
  const plain = await dav(cal, auth, 'REPORT', query(range('19000101T000000Z', '29991231T000000Z')), { depth: '1' })
  expect(plain.status).toBe(207)
  expect((await dav(cal + 'endless.ics', auth, 'DELETE')).status).toBe(204)
  await unchanged()
})

it('refuses deep or malformed filters with supported-filter / valid-filter', async () => {
  let deep = '<c:comp-filter name="VALARM"/>'
  for (let i = 0; i < 30; i++) deep = `<c:comp-filter name="VEVENT">${deep}</c:comp-filter>`
  const r = await dav(cal, auth, 'REPORT', query(`<c:comp-filter name="VCALENDAR">${deep}</c:comp-filter>`), { depth: '1' })
  expect(r.status).toBe(403)
  expect(r.text).toContain('supported-filter')
  const bad = await dav(cal, auth, 'REPORT', query(range('yesterday', '20260101T000000Z')), { depth: '1' })
  expect(bad.status).toBe(403)
  expect(bad.text).toContain('valid-filter')
  const token = await dav(cal, auth, 'REPORT', '<d:sync-collection xmlns:d="DAV:"><d:sync-token>http://example.com/forged</d:sync-token><d:prop><d:getetag/></d:prop></d:sync-collection>')
  expect(token.status).toBe(403)
  expect(token.text).toContain('valid-sync-token')
  expect((await dav(cal, auth, 'REPORT', '<broken')).status).toBe(400)
  await unchanged()
})
