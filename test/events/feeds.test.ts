import { execFileSync } from 'node:child_process'
import ICAL from 'ical.js'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildEvent, startPublicHarness, type PublicHarness } from './public-support.ts'

let h: PublicHarness
const DAY = 24 * 3600_000
const at = (days: number, hour = 18) => {
  const d = new Date(Date.now() + days * DAY)
  d.setUTCHours(hour, 0, 0, 0)
  return d.toISOString()
}
const plus = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * 3600_000).toISOString()

beforeAll(async () => {
  h = await startPublicHarness({ spaceName: 'Chorale du Port' })
  const e = (id: string, days: number, o: Parameters<typeof buildEvent>[0] = {}) => buildEvent({ id, uid: `${id}@test`, title: `Concert ${id}`, start: at(days), end: plus(at(days), 2), ...o })
  h.reader.put(
    e('c1', 3, { tags: ['concert'] }),
    e('c2', 10, { tags: ['concert', 'jazz'], status: 'cancelled' }),
    e('c3', 20, { tags: ['concert'], allDay: true, start: '2027-06-21T22:00:00.000Z', end: '2027-06-22T22:00:00.000Z' }),
    e('past', -5, { tags: ['concert'] }),
    e('other', 4, { tags: ['atelier'] }),
    e('draft', 5, { tags: ['concert'], draft: true }),
    e('unlisted', 6, { tags: ['concert'], visibility: 'unlisted' }),
    e('members', 7, { tags: ['concert'], visibility: 'members' }),
    e('later', 8, { tags: ['concert'], publishAt: at(2) }),
  )
})
afterAll(async () => {
  await h?.close()
})

describe('iCalendar feeds', () => {
  it('the tag feed holds exactly the future listed events with that tag, parsed by ical.js and Python icalendar', async () => {
    const res = await fetch(`${h.p}/events.ics?tag=concert`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/calendar')
    const text = await res.text()
    const vevents = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent')
    expect(vevents.map((v) => v.getFirstPropertyValue('uid')).sort()).toEqual(['c1@test', 'c2@test', 'c3@test'])
    const c2 = vevents.find((v) => v.getFirstPropertyValue('uid') === 'c2@test')!
    expect(c2.getFirstPropertyValue('status')).toBe('CANCELLED')
    const c1 = vevents.find((v) => v.getFirstPropertyValue('uid') === 'c1@test')!
    expect(c1.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Paris')
    // The VTIMEZONE makes the wall-clock time mean the stored instant.
    const zone = new ICAL.Timezone(new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vtimezone')!)
    const start = c1.getFirstPropertyValue('dtstart') as ICAL.Time
    start.zone = zone
    expect(start.toJSDate().toISOString()).toBe(at(3))
    const c3 = vevents.find((v) => v.getFirstPropertyValue('uid') === 'c3@test')!
    expect(String(c3.getFirstPropertyValue('dtstart'))).toBe('2027-06-22')

    const py = execFileSync('/usr/bin/python3', ['-c', `
import sys, icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.read())
for ev in cal.walk('VEVENT'):
    print(str(ev['UID']), ev.decoded('DTSTART').isoformat(), str(ev.get('STATUS')))
`], { input: text }).toString().trim().split('\n').sort()
    expect(py).toHaveLength(3)
    expect(py[0]).toBe(`c1@test ${new Date(at(3)).toISOString().slice(0, 10)}T${String((new Date(at(3)).getUTCHours() + (isSummer(at(3)) ? 2 : 1)) % 24).padStart(2, '0')}:00:00+0${isSummer(at(3)) ? 2 : 1}:00 CONFIRMED`)
    expect(py[1]).toMatch(/^c2@test .* CANCELLED$/)
    expect(py[2]).toBe('c3@test 2027-06-22 CONFIRMED')
  })

  it('the space feed leaves out drafts, unlisted, members-only, unpublished and past events', async () => {
    const text = await (await fetch(`${h.p}/events.ics`)).text()
    const uids = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => v.getFirstPropertyValue('uid')).sort()
    expect(uids).toEqual(['c1@test', 'c2@test', 'c3@test', 'other@test'])
  })

  it('one event as .ics, unlisted too; drafts are not found', async () => {
    const res = await fetch(`${h.p}/events/unlisted.ics`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toContain('attachment')
    expect(await res.text()).toContain('UID:unlisted@test')
    expect((await fetch(`${h.p}/events/draft.ics`)).status).toBe(404)
    expect((await fetch(`${h.p}/events/members.ics`)).status).toBe(404)
  })

  it('ETag and 304 on every feed; the tag must be short text', async () => {
    for (const path of ['/events.ics', '/events.rss', '/events.atom', '/events.json', '/events/c1.ics', '/embed', '/embed.js', '/']) {
      const first = await fetch(`${h.p}${path}`)
      const etag = first.headers.get('etag')
      expect(etag, path).toMatch(/^W\/"/)
      expect(first.headers.get('cache-control'), path).toMatch(/max-age=\d+/)
      const again = await fetch(`${h.p}${path}`, { headers: { 'if-none-match': etag! } })
      expect(again.status, path).toBe(304)
    }
    const before = (await fetch(`${h.p}/events.ics`)).headers.get('etag')
    h.reader.put(buildEvent({ id: 'new', uid: 'new@test', start: at(9), end: plus(at(9), 1) }))
    expect((await fetch(`${h.p}/events.ics`)).headers.get('etag')).not.toBe(before)
    const bad = await fetch(`${h.p}/events.ics?tag=${'x'.repeat(101)}`)
    expect(bad.status).toBe(400)
    expect((await bad.json()).errors[0].path).toBe('tag')
  })
})

describe('RSS, Atom and JSON Feed', () => {
  it('RSS 2.0 is well-formed with the required channel and item elements', async () => {
    const res = await fetch(`${h.p}/events.rss?tag=concert`, { headers: { 'accept-language': 'en' } })
    expect(res.headers.get('content-type')).toContain('application/rss+xml')
    const xml = await res.text()
    expect(XMLValidator.validate(xml)).toBe(true)
    const doc = new XMLParser({ ignoreAttributes: false }).parse(xml)
    expect(doc.rss['@_version']).toBe('2.0')
    const ch = doc.rss.channel
    expect(ch.title).toBe('Chorale du Port — concert')
    expect(ch.link).toMatch(/\/p\/$/)
    expect(ch.description).toBeTruthy()
    const items = [ch.item].flat()
    expect(items.map((i: { title: string }) => i.title)).toEqual(['Concert c1', '[Cancelled] Concert c2', 'Concert c3'])
    for (const i of items) {
      expect(i.link).toMatch(/\/p\/events\/c\d$/)
      expect(i.guid['#text']).toBeTruthy()
      expect(Number.isNaN(Date.parse(i.pubDate))).toBe(false)
    }
  })

  it('Atom and JSON Feed carry the same entries', async () => {
    const atom = await (await fetch(`${h.p}/events.atom?tag=concert`)).text()
    expect(XMLValidator.validate(atom)).toBe(true)
    const feed = new XMLParser({ ignoreAttributes: false }).parse(atom).feed
    expect(feed.id).toBeTruthy()
    expect([feed.entry].flat()).toHaveLength(3)
    const json = await (await fetch(`${h.p}/events.json?tag=concert`)).json()
    expect(json.version).toBe('https://jsonfeed.org/version/1.1')
    expect(json.items.map((i: { url: string }) => i.url.split('/').pop())).toEqual(['c1', 'c2', 'c3'])
  })
})

function isSummer(iso: string): boolean {
  const offset = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Paris', timeZoneName: 'shortOffset' }).formatToParts(new Date(iso)).find((p) => p.type === 'timeZoneName')!.value
  return offset === 'GMT+2'
}
