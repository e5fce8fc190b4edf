/**
 * Differential test through the real CalDAV server: the same generated calendar in Radicale (the
 * reference) and in a Maison calendar; random time-range calendar-queries over HTTP on both must
 * return the same UIDs. Same exclusions as test/ical/radicale-diff.test.ts (Radicale's known
 * deviations), and the Maison calendar's zone is UTC because Radicale reads floating times as UTC.
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { XMLParser } from 'fast-xml-parser'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { parseCalendarObject } from '@maison/ical'
import { generateCalendar, seeded } from '../ical/generate.ts'
import { startRadicale, type Radicale } from '../ical/radicale.ts'
import { startTestServer, type TestServer } from '../support/server.ts'
import { basic } from './support.ts'

const OBJECTS = 1500
const QUERIES = 60
const SEED = 20260412
const EXCLUDED_KINDS = new Set(['todo-created-completed'])
const UTC_ZONE = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VTIMEZONE\r\nTZID:UTC\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0000\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\nEND:VCALENDAR\r\n'
const xml = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false, isArray: (n) => n === 'response' })
const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')

let t: TestServer
let radicale: Radicale
let ours: string
const theirsCal = '/test/calendar/'
const auth = basic('admin', 'admin-password-1')
const generated = generateCalendar(OBJECTS, SEED)

async function req(url: string, method: string, body: string, headers: Record<string, string> = {}, authz = auth) {
  const res = await fetch(url, { method, body, headers: { authorization: authz, 'content-type': 'application/xml; charset=utf-8', ...headers } })
  const text = await res.text()
  if (res.status >= 300) throw new Error(`${method} ${url} → ${res.status}\n${text.slice(0, 400)}`)
  return text
}

const uidsOf = (text: string) =>
  new Set(((xml.parse(text) as { multistatus?: { response?: Array<{ href: string }> } }).multistatus?.response ?? []).map((r) => decodeURIComponent(/([^/]+)\.ics$/.exec(r.href)![1]!)))

beforeAll(async () => {
  t = await startTestServer()
  await t.createSpace('diff')
  ours = `${t.spaceUrl('diff')}/remote.php/dav/calendars/admin/diff/`
  const mk = `<c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:set><d:prop><c:calendar-timezone>${UTC_ZONE}</c:calendar-timezone></d:prop></d:set></c:mkcalendar>`
  await req(ours, 'MKCALENDAR', mk)
  radicale = await startRadicale()
  const rAuth = basic('test', 'test')
  await req(radicale.baseUrl + theirsCal, 'MKCALENDAR', '', {}, rAuth)
  await req(radicale.baseUrl + theirsCal + 'first.ics', 'PUT', generated[0]!.text, { 'content-type': 'text/calendar' }, rAuth)
  // Radicale re-reads its collection on each PUT; the rest goes straight into its plain-file storage.
  for (const o of generated.slice(1)) writeFileSync(path.join(radicale.collectionRoot, theirsCal, `${o.uid}.ics`), o.text)
  for (let i = 0; i < generated.length; i += 20) {
    await Promise.all(generated.slice(i, i + 20).map((o) => req(`${ours}${encodeURIComponent(o.uid)}.ics`, 'PUT', o.text, { 'content-type': 'text/calendar', 'If-None-Match': '*' })))
  }
}, 120_000)
afterAll(async () => {
  await radicale?.stop()
  await t?.close()
})

it(`answers ${QUERIES} random time-range calendar-queries like Radicale`, async () => {
  const rnd = seeded(SEED + 1)
  const lengths = [3_600_000, 86_400_000, 7 * 86_400_000, 31 * 86_400_000, 92 * 86_400_000]
  const parsed = new Map(generated.map((o) => [o.uid, { kind: o.kind, obj: parseCalendarObject(o.text, { timezone: 'UTC' }) }]))
  const mismatches: string[] = []
  let nonEmpty = 0
  for (let i = 0; i < QUERIES; i++) {
    const start = Date.UTC(2025, 4, 1) + Math.floor(rnd() * 800) * 86_400_000 + Math.floor(rnd() * 24) * 3_600_000
    const end = start + lengths[Math.floor(rnd() * lengths.length)]!
    const comp = rnd() < 0.85 ? 'VEVENT' : 'VTODO'
    const body = `<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/></D:prop><C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="${comp}"><C:time-range start="${stamp(start)}" end="${stamp(end)}"/></C:comp-filter></C:comp-filter></C:filter></C:calendar-query>`
    const [mine, theirs] = await Promise.all([
      req(ours, 'REPORT', body, { depth: '1' }).then(uidsOf),
      req(radicale.baseUrl + theirsCal, 'REPORT', body, { depth: '1' }, basic('test', 'test')).then((s) => {
        const u = uidsOf(s)
        if (u.delete('first')) u.add(generated[0]!.uid)
        return u
      }),
    ])
    if (mine.size > 0) nonEmpty++
    for (const uid of new Set([...mine, ...theirs])) {
      const g = parsed.get(uid)!
      if (EXCLUDED_KINDS.has(g.kind) || mine.has(uid) === theirs.has(uid)) continue
      // Radicale keeps an all-day instance that an override replaced (see test/ical/radicale-diff.test.ts).
      const overriddenDay = g.obj.overrides.some((o) => {
        const rid = o.getFirstPropertyValue('recurrence-id') as { isDate: boolean; year: number; month: number; day: number } | null
        if (!rid?.isDate) return false
        const day = Date.UTC(rid.year, rid.month - 1, rid.day)
        return start < day + 86_400_000 && end > day
      })
      if (!mine.has(uid) && overriddenDay) continue
      mismatches.push(`${uid} (${g.kind}) ${comp} ${stamp(start)}..${stamp(end)}: ours=${mine.has(uid)} radicale=${theirs.has(uid)}`)
    }
  }
  expect(nonEmpty).toBeGreaterThan(QUERIES / 2)
  expect(mismatches.slice(0, 20)).toEqual([])
}, 120_000)
