/**
 * The organiser API end to end on the real host, with an app password: events become VEVENTs in the
 * association calendar, phones' edits come back through sync-collection, bad input gets a 400 naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sqliteEventsReader } from '@maison/events'
import { startTestServer, type TestServer } from '../support/server.ts'
import { addAccount, appPassword, basic, client, fieldOf, phone, PNG } from './events-support.ts'

let t: TestServer
let api: ReturnType<typeof client>
let cal: ReturnType<typeof phone>
const SLUG = 'club'

beforeAll(async () => {
  t = await startTestServer()
  await t.createSpace(SLUG, { admin: { username: 'ada', password: 'ada-password-1' } })
  const auth = await appPassword(t, SLUG, 'ada', 'ada-password-1')
  api = client(`${t.spaceUrl(SLUG)}/apps/events/api`, auth)
  cal = phone(t, SLUG, 'ada', basic('ada', 'ada-password-1'))
})
afterAll(async () => t?.close())

const use = <T>(fn: (space: Parameters<Parameters<TestServer['server']['services']['spaces']['use']>[1]>[0]) => T) =>
  t.server.services.spaces.use(SLUG, fn) as Promise<T>

const concert = {
  title: 'Concert de Noël',
  description: '<p>Chorale <strong>et</strong> vin chaud</p><script>alert(1)</script>',
  start: '2026-12-05T19:00',
  end: '2026-12-05T21:30',
  timezone: 'Europe/Paris',
  address: '1 place de la Mairie, 69001 Lyon',
  tags: ['accueil', 'musique'],
  category: 'Concert',
  capacity: 80,
  joinMode: 'free',
  questions: [{ label: 'Régime alimentaire ?', type: 'text', required: false }],
  accessibility: 'Accès de plain-pied',
  organiserContact: 'chorale@example.org',
}

describe('organiser API', () => {
  let id: string

  it('creates an event as a VEVENT with its time zone and answers its public URL', async () => {
    const res = await api.post('/events', concert)
    expect(res.status).toBe(201)
    id = res.body.id
    expect(res.body.url).toBe(`${t.spaceUrl(SLUG)}/p/events/${id}`)
    expect(res.body.start).toBe('2026-12-05T18:00:00.000Z')
    expect(res.body.local).toEqual({ start: '2026-12-05T19:00', end: '2026-12-05T21:30' })
    expect(res.body.descriptionHtml).toBe('<p>Chorale <strong>et</strong> vin chaud</p>')
    expect(res.body.descriptionText).toBe('Chorale et vin chaud')
    expect(res.body.questions[0]).toMatchObject({ id: 'q1', label: 'Régime alimentaire ?' })
    const obj = await cal.get(`${res.body.uid}.ics`)
    expect(obj.status).toBe(200)
    expect(obj.text).toContain('DTSTART;TZID=Europe/Paris:20261205T190000')
    expect(obj.text).toContain('BEGIN:VTIMEZONE')
    expect(obj.text).toContain('SUMMARY:Concert de Noël')
    expect(obj.text).toContain('CATEGORIES:accueil,musique')
    expect(obj.text).not.toContain('<script')
    const record = await use((space) => sqliteEventsReader.get(space, id))
    expect(record).toMatchObject({ title: 'Concert de Noël', capacity: 80, tags: ['accueil', 'musique'], draft: false, calendarOnly: false })
    const listed = await api.get('/events')
    expect(listed.body.events.map((e: { id: string }) => e.id)).toContain(id)
  })

  it('edits an event: calendar fields in the VEVENT, the app\'s own in its tables', async () => {
    const res = await api.patch(`/events/${id}`, { title: 'Concert de Noël 2026', capacity: 100, start: '2026-12-05T20:00' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ title: 'Concert de Noël 2026', capacity: 100, start: '2026-12-05T19:00:00.000Z', end: '2026-12-05T21:30:00.000Z' })
    const obj = await cal.get(`${res.body.uid}.ics`)
    expect(obj.text).toContain('SUMMARY:Concert de Noël 2026')
    expect(obj.text).toContain('DTSTART;TZID=Europe/Paris:20261205T200000')
    expect(obj.text).toContain('SEQUENCE:1')
  })

  it('shows a phone\'s edit of the VEVENT in the API and in the reader', async () => {
    const e = (await api.get(`/events/${id}`)).body
    const obj = await cal.get(`${e.uid}.ics`)
    const edited = obj.text.replace(/SUMMARY:[^\r\n]*/, 'SUMMARY:Concert (salle des fêtes)').replace(/LOCATION:[^\r\n]*(\r\n [^\r\n]*)*/, 'LOCATION:Salle des fêtes')
    expect(await cal.put(`${e.uid}.ics`, edited, { 'if-match': obj.etag! })).toBe(204)
    const after = await api.get(`/events/${id}`)
    expect(after.body).toMatchObject({ title: 'Concert (salle des fêtes)', address: 'Salle des fêtes', capacity: 100 })
    const record = await use((space) => sqliteEventsReader.get(space, id))
    expect(record?.title).toBe('Concert (salle des fêtes)')
  })

  it('keeps a phone\'s concurrent edit when the organiser changes other fields', async () => {
    const e = (await api.get(`/events/${id}`)).body
    const obj = await cal.get(`${e.uid}.ics`)
    await cal.put(`${e.uid}.ics`, obj.text.replace(/SUMMARY:[^\r\n]*/, 'SUMMARY:Changed on a phone'))
    // The index has not seen the phone's edit yet when the organiser's PATCH reads the calendar.
    const res = await api.patch(`/events/${id}`, { address: 'Église Saint-Jean' })
    expect(res.body).toMatchObject({ title: 'Changed on a phone', address: 'Église Saint-Jean' })
  })

  it('duplicates, cancels and publishes', async () => {
    const dup = await api.post(`/events/${id}/duplicate`, { start: '2026-12-12T20:00' })
    expect(dup.status).toBe(201)
    expect(dup.body).toMatchObject({ draft: true, capacity: 100, start: '2026-12-12T19:00:00.000Z', end: '2026-12-12T21:30:00.000Z' })
    expect(dup.body.uid).not.toBe((await api.get(`/events/${id}`)).body.uid)
    const cancelled = await api.post(`/events/${id}/cancel`)
    expect(cancelled.body.status).toBe('cancelled')
    expect((await cal.get(`${cancelled.body.uid}.ics`)).text).toContain('STATUS:CANCELLED')
    const published = await api.post(`/events/${dup.body.id}/publish`, {})
    expect(published.body.draft).toBe(false)
  })

  it('lists an event made on a phone as calendar only until an organiser publishes it', async () => {
    const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//phone//EN', 'BEGIN:VEVENT', 'UID:phone-1', 'DTSTAMP:20261101T000000Z',
      'DTSTART;TZID=Europe/Paris:20261220T100000', 'DTEND;TZID=Europe/Paris:20261220T120000', 'SUMMARY:Réunion du bureau', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n')
    expect(await cal.put('phone-1.ics', ics)).toBe(201)
    const list = await api.get('/events?tag=')
    const found = list.body.events.find((e: { uid: string }) => e.uid === 'phone-1')
    // Made on a phone: members only by default, and not public even by its id until an organiser publishes it.
    expect(found).toMatchObject({ calendarOnly: true, draft: true, visibility: 'members', title: 'Réunion du bureau', start: '2026-12-20T09:00:00.000Z', timezone: 'Europe/Paris' })
    expect((await fetch(`${t.spaceUrl(SLUG)}/p/events/${found.id}`)).status).toBe(404)
    const from = new Date('2026-12-01T00:00:00Z')
    const publicTitles = () => use((space) => sqliteEventsReader.occurrences(space, { from, publicOnly: true }).map((o) => o.event.title))
    expect(await publicTitles()).not.toContain('Réunion du bureau')
    const published = await api.post(`/events/${found.id}/publish`, {})
    expect(published.body).toMatchObject({ calendarOnly: false, draft: false, visibility: 'members' })
    expect(await publicTitles()).not.toContain('Réunion du bureau')
    expect((await api.post(`/events/${found.id}/publish`, { visibility: 'public' })).body).toMatchObject({ visibility: 'public' })
    expect(await publicTitles()).toContain('Réunion du bureau')
    expect((await fetch(`${t.spaceUrl(SLUG)}/p/events/${found.id}`)).status).toBe(200)
    expect(await cal.del('phone-1.ics')).toBe(204)
    expect((await api.get(`/events/${found.id}`)).status).toBe(404)
    expect(await use((space) => sqliteEventsReader.get(space, found.id))).toBeNull()
  })

  it('stores a picture in the association folder and serves it publicly', async () => {
    const e = await api.post('/events', { ...concert, title: 'Avec image', start: '2027-01-10T15:00', end: '2027-01-10T17:00' })
    const up = await api.put(`/events/${e.body.id}/picture`, PNG, { 'content-type': 'image/png' })
    expect(up.status).toBe(200)
    expect(up.body.pictureUrl).toMatch(new RegExp(`^${t.spaceUrl(SLUG)}/p/events/${e.body.id}/picture\\?v=`))
    const pub = await fetch(up.body.pictureUrl)
    expect(pub.status).toBe(200)
    expect(pub.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await pub.arrayBuffer()).equals(PNG)).toBe(true)
    const file = await fetch(`${t.spaceUrl(SLUG)}/remote.php/dav/files/ada/Association/Events/`, { method: 'PROPFIND', headers: { authorization: basic('ada', 'ada-password-1'), depth: '1' } })
    expect(await file.text()).toContain(`${e.body.id}-`)
    const svg = await api.put(`/events/${e.body.id}/picture`, Buffer.from('<svg onload="alert(1)"/>'), { 'content-type': 'image/svg+xml' })
    expect(svg.status).toBe(415)
    const liar = await api.put(`/events/${e.body.id}/picture`, Buffer.from('not a png'), { 'content-type': 'image/png' })
    expect(liar.status).toBe(415)
    const draft = await api.post('/events', { ...concert, title: 'Brouillon', draft: true })
    await api.put(`/events/${draft.body.id}/picture`, PNG, { 'content-type': 'image/png' })
    expect((await fetch(`${t.spaceUrl(SLUG)}/p/events/${draft.body.id}/picture`)).status).toBe(404)
  })

  it('sanitises the mini-site presentation and lists tags', async () => {
    const res = await api.put('/site', { presentation: '<h2>Bienvenue</h2><img src=x onerror=alert(1)><a href="javascript:alert(1)">x</a>' })
    expect(res.status).toBe(200)
    expect(res.body.presentationHtml).toBe('<h2>Bienvenue</h2><a rel="noopener noreferrer nofollow" target="_blank">x</a>')
    expect((await api.get('/site')).body.presentationHtml).toBe(res.body.presentationHtml)
    const tags = await api.get('/tags')
    expect(tags.body.tags.find((x: { tag: string }) => x.tag === 'accueil').count).toBeGreaterThanOrEqual(2)
  })

  it('deletes an event and its VEVENT', async () => {
    const e = await api.post('/events', { ...concert, title: 'À supprimer' })
    expect((await api.del(`/events/${e.body.id}`)).status).toBe(204)
    expect((await cal.get(`${e.body.uid}.ics`)).status).toBe(404)
    expect((await api.get(`/events/${e.body.id}`)).status).toBe(404)
  })

  it('lets members read but not organise', async () => {
    const admin = basic('ada', 'ada-password-1')
    await addAccount(t, SLUG, admin, { username: 'max', password: 'max-password-1', role: 'member' })
    const member = client(`${t.spaceUrl(SLUG)}/apps/events/api`, basic('max', 'max-password-1'))
    expect((await member.get('/events')).status).toBe(200)
    const refused = await member.post('/events', concert)
    expect(refused.status).toBe(403)
    expect(refused.headers.get('content-type')).toContain('application/problem+json')
  })
})

describe('bad input', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['end before start', { end: '2026-12-05T18:00' }, 'end'],
    ['end equal to start', { end: '2026-12-05T19:00' }, 'end'],
    ['capacity 0', { capacity: 0 }, 'capacity'],
    ['negative capacity', { capacity: -5 }, 'capacity'],
    ['fractional capacity', { capacity: 2.5 }, 'capacity'],
    ['every second', { rrule: 'FREQ=SECONDLY' }, 'rrule'],
    ['every minute for ever', { rrule: 'FREQ=MINUTELY;INTERVAL=1' }, 'rrule'],
    ['a huge COUNT', { rrule: 'FREQ=DAILY;COUNT=1000000' }, 'rrule'],
    ['a far UNTIL', { rrule: 'FREQ=DAILY;UNTIL=29991231T000000Z' }, 'rrule'],
    ['hourly by minute', { rrule: 'FREQ=DAILY;BYHOUR=1,2,3;BYMINUTE=1,2,3' }, 'rrule'],
    ['garbage rule', { rrule: 'hello' }, 'rrule'],
    ['unknown zone', { timezone: 'Mars/Olympus' }, 'timezone'],
    ['an offset as zone', { timezone: '+02:00' }, 'timezone'],
    ['a malformed start', { start: '05/12/2026 19h' }, 'start'],
    ['a day that does not exist', { start: '2026-02-30T10:00', end: '2026-03-01T10:00' }, 'start'],
    ['an all-day event with times', { allDay: true, start: '2026-12-05T19:00', end: undefined }, 'start'],
    ['an empty title', { title: '   ' }, 'title'],
    ['a javascript link', { onlineUrl: 'javascript:alert(1)' }, 'onlineUrl'],
    ['external sign-up without link', { joinMode: 'external' }, 'externalUrl'],
    ['an unknown field', { colour: 'red' }, '(body)'],
    ['a choice question without choices', { questions: [{ label: 'Menu', type: 'choice', required: true }] }, 'questions.0.choices'],
    ['a tag with a comma', { tags: ['a,b'] }, 'tags.0'],
  ]
  it.each(cases)('refuses %s with a 400 naming the field, and stores nothing', async (_name, change, field) => {
    const before = (await api.get('/events')).body.total
    const res = await api.post('/events', { ...concert, ...change })
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
    expect(fieldOf(res)).toBe(field)
    expect((await api.get('/events')).body.total).toBe(before)
  })

  it('refuses a PATCH moving the end before the start, leaving the event as it was', async () => {
    const e = await api.post('/events', { ...concert, title: 'Stable' })
    const res = await api.patch(`/events/${e.body.id}`, { end: '2026-12-01T10:00' })
    expect(res.status).toBe(400)
    expect(fieldOf(res)).toBe('end')
    expect((await api.get(`/events/${e.body.id}`)).body).toMatchObject({ start: e.body.start, end: e.body.end })
    expect((await api.patch(`/events/${e.body.id}`, { capacity: 0 })).status).toBe(400)
    expect((await api.get(`/events/${e.body.id}`)).body.capacity).toBe(80)
  })

  it('answers 404 for unknown events and malformed ids', async () => {
    expect((await api.get('/events/nope')).status).toBe(404)
    expect((await api.patch('/events/..%2F..', { title: 'x' })).status).toBe(404)
  })
})

describe('limits and isolation', () => {
  it('answers 507 when the space has no room for a picture, and keeps the event as it was', async () => {
    await t.createSpace('tiny', { admin: { username: 'tia', password: 'tia-password-1' }, quotaBytes: 200 })
    const tiny = client(`${t.spaceUrl('tiny')}/apps/events/api`, basic('tia', 'tia-password-1'))
    const e = await tiny.post('/events', { ...concert, title: 'Petit espace' })
    expect(e.status).toBe(201)
    const big = Buffer.concat([PNG, Buffer.alloc(4096)])
    const res = await tiny.put(`/events/${e.body.id}/picture`, big, { 'content-type': 'image/png' })
    expect(res.status).toBe(507)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
    expect((await tiny.get(`/events/${e.body.id}`)).body.pictureUrl).toBeNull()
  })

  it('never reaches another space\'s events, pictures or calendar', async () => {
    const mine = await api.post('/events', { ...concert, title: 'Chez nous' })
    await api.put(`/events/${mine.body.id}/picture`, PNG, { 'content-type': 'image/png' })
    await t.createSpace('other', { admin: { username: 'oto', password: 'oto-password-1' } })
    const other = client(`${t.spaceUrl('other')}/apps/events/api`, basic('oto', 'oto-password-1'))
    expect((await other.get(`/events/${mine.body.id}`)).status).toBe(404)
    expect((await other.patch(`/events/${mine.body.id}`, { title: 'pris' })).status).toBe(404)
    expect((await other.del(`/events/${mine.body.id}`)).status).toBe(404)
    expect((await fetch(`${t.spaceUrl('other')}/p/events/${mine.body.id}/picture`)).status).toBe(404)
    expect((await other.get('/events')).body.total).toBe(0)
    // Another space's credentials do not open this space's API.
    const intruder = client(`${t.spaceUrl(SLUG)}/apps/events/api`, basic('oto', 'oto-password-1'))
    expect((await intruder.get('/events')).status).toBe(401)
    expect((await api.get(`/events/${mine.body.id}`)).body.title).toBe('Chez nous')
  })
})
