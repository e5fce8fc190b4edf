import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCalendarFixture, listen } from '../testing/fixture.ts'
import { benchEvents } from '../testing/generate.ts'

const AUTH = 'Basic ' + Buffer.from('alice:secret').toString('base64')
const BASE = '/s/demo/remote.php/dav/calendars/alice/work/'

let fx: ReturnType<typeof createCalendarFixture>
let srv: { port: number; close(): Promise<void> }

async function call(method: string, path: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const res = await fetch(`http://127.0.0.1:${srv.port}${path}`, { method, body, headers: { Authorization: AUTH, 'Content-Type': 'application/xml', ...headers } })
  return { status: res.status, text: await res.text() }
}

const multigetBody = (hrefs: string[], data = '<c:calendar-data/>') =>
  `<c:calendar-multiget xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><d:getetag/>${data}</d:prop>${hrefs.map((h) => `<d:href>${h}</d:href>`).join('')}</c:calendar-multiget>`

const responsesOf = (text: string) => text.split('<d:response>').slice(1).map((r) => r.slice(0, r.indexOf('</d:response>')))

const events = benchEvents(300)
// One event with markup in its text, so that escaping of calendar-data is exercised.
events[1] = [events[1]![0], events[1]![1].replace('SUMMARY:Event 1', 'SUMMARY:Tom & Jerry <live>')]

beforeAll(async () => {
  fx = createCalendarFixture()
  srv = await listen(fx.app)
  expect((await call('MKCALENDAR', BASE, '')).status).toBe(201)
  for (const [uri, text] of events) expect((await call('PUT', BASE + uri, text, { 'Content-Type': 'text/calendar' })).status).toBe(201)
})

afterAll(async () => {
  await srv.close()
  fx.close()
  fs.rmSync(fx.dataDir, { recursive: true, force: true })
})

describe('calendar-multiget', () => {
  it('streams 250 objects in request order, then 404s for unknown and foreign hrefs', async () => {
    const wanted = events.slice(0, 250).map(([uri]) => BASE + uri)
    const hrefs = [...wanted, BASE + 'missing.ics', '/s/demo/remote.php/dav/calendars/alice/other/x.ics']
    const r = await call('REPORT', BASE, multigetBody(hrefs), { Depth: '1' })
    expect(r.status).toBe(207)
    const responses = responsesOf(r.text)
    expect(responses).toHaveLength(252)
    for (let i = 0; i < 250; i++) {
      expect(responses[i]).toContain(`<d:href>${wanted[i]}</d:href>`)
      expect(responses[i]).toContain(`UID:bench-${i}&#13;\n`)
      expect(responses[i]).toMatch(/<d:getetag>"[^"]+"<\/d:getetag>/)
    }
    expect(responses[1]).toContain('SUMMARY:Tom &amp; Jerry &lt;live&gt;&#13;')
    expect(responses[250]).toContain('missing.ics</d:href><d:status>HTTP/1.1 404 Not Found</d:status>')
    expect(responses[251]).toContain('/other/x.ics</d:href><d:status>HTTP/1.1 404 Not Found</d:status>')
    expect(r.text.trimEnd().endsWith('</d:multistatus>')).toBe(true)
  })

  it('reads hrefs in every form a client may send: encoded names, absolute URLs, dot segments, whitespace', async () => {
    const odd = 'Réunion (1).ics'
    const oddHref = BASE + encodeURIComponent(odd).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    expect((await call('PUT', oddHref, events[5]![1].replace('UID:bench-5', 'UID:odd'), { 'Content-Type': 'text/calendar' })).status).toBe(201)
    const plain = events[2]![0]
    const hrefs = [oddHref, `http://127.0.0.1:${srv.port}${BASE}${plain}`, `${BASE}../work/${events[3]![0]}`, `\n  ${BASE}${events[4]![0]}  `, `${BASE}sub/${plain}`]
    const r = await call('REPORT', BASE, multigetBody(hrefs), { Depth: '1' })
    expect(r.status).toBe(207)
    const responses = responsesOf(r.text)
    expect(responses).toHaveLength(5)
    expect(responses[0]).toContain(`<d:href>${oddHref}</d:href>`)
    expect(responses[0]).toContain('UID:odd&#13;')
    for (const [i, n] of [[1, 2], [2, 3], [3, 4]] as const) {
      expect(responses[i]).toContain(`<d:href>${BASE}${events[n]![0]}</d:href>`)
      expect(responses[i]).toContain(`UID:bench-${n}&#13;`)
    }
    expect(responses[4]).toContain(`sub/${plain}</d:href><d:status>HTTP/1.1 404 Not Found</d:status>`)
  })

  it('returns the stored text unchanged once the XML escapes are undone', async () => {
    const r = await call('REPORT', BASE, multigetBody([BASE + events[1]![0]]), { Depth: '1' })
    const data = /<cal:calendar-data[^>]*>([\s\S]*?)<\/cal:calendar-data>|<c:calendar-data[^>]*>([\s\S]*?)<\/c:calendar-data>|<x:calendar-data[^>]*>([\s\S]*?)<\/x:calendar-data>/.exec(r.text)
    expect(data).not.toBeNull()
    const raw = (data![1] ?? data![2] ?? data![3])!.replace(/&#13;/g, '\r').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
    expect(raw).toBe(events[1]![1])
  })

  it('expands recurring objects when asked, and refuses an expand without a range before answering', async () => {
    const recurring = BASE + events[0]![0]
    const expand = '<c:calendar-data><c:expand start="20250101T000000Z" end="20250301T000000Z"/></c:calendar-data>'
    const r = await call('REPORT', BASE, multigetBody([recurring], expand), { Depth: '1' })
    expect(r.status).toBe(207)
    expect(r.text).not.toContain('RRULE')
    expect(r.text).toContain('RECURRENCE-ID')
    const bad = await call('REPORT', BASE, multigetBody([recurring], '<c:calendar-data><c:expand start="20250101T000000Z"/></c:calendar-data>'), { Depth: '1' })
    expect(bad.status).toBe(403)
    expect(bad.text).toContain('valid-filter')
  })
})
