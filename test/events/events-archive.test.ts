/**
 * The events app's archive part: what only the app knows leaves with the space export and comes back on
 * import, re-attached to the VEVENTs (which travel with the calendars) by UID at the first sync.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import events from '@maison/events'
import type { ArchiveEntry } from '@maison/app-contract'
import { startTestServer, type TestServer } from '../support/server.ts'
import { basic, client, phone, PNG } from './events-support.ts'

let t: TestServer
beforeAll(async () => {
  t = await startTestServer()
  await t.createSpace('source', { admin: { username: 'ada', password: 'ada-password-1' } })
  await t.createSpace('target', { admin: { username: 'bea', password: 'bea-password-1' } })
})
afterAll(async () => t?.close())

it('exports the app data and imports it into a space whose calendar holds the same VEVENTs', async () => {
  const src = client(`${t.spaceUrl('source')}/apps/events/api`, basic('ada', 'ada-password-1'))
  const e = (await src.post('/events', { title: 'Fête', start: '2027-06-21T18:00', end: '2027-06-21T23:00', capacity: 12, visibility: 'unlisted',
    questions: [{ label: 'Instrument ?', type: 'text', required: true }], tags: ['musique'] })).body
  await src.put(`/events/${e.id}/picture`, PNG, { 'content-type': 'image/png' })
  await src.put('/site', { presentation: '<p>Nous</p>' })
  const signUp = await fetch(`${t.spaceUrl('source')}/p/events/${e.id}/signup`, {
    method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', origin: 'https://elsewhere.example' },
    body: JSON.stringify({ name: 'Zoé', email: 'zoe@example.org', answers: { q1: 'Violon' } }),
  })
  expect(signUp.status).toBe(202)
  const entries = await t.server.services.spaces.use('source', (space) => events.archive!.export(space)) as ArchiveEntry[]
  expect(entries.map((x) => x.path).sort()).toEqual(['events.json', 'registrations.json', 'site.html'])

  // A tampered sign-ups part is refused as a whole, naming the field; nothing is imported.
  const bad = entries.map((x) => x.path === 'registrations.json' ? { ...x, content: Buffer.from(x.content.toString().replace('"unconfirmed"', '"vip"')) } : x)
  await expect(t.server.services.spaces.use('target', (space) => events.archive!.import(space, bad))).rejects.toThrow(/registrations\.0\.status/)

  // The workspace's importer brings the calendar objects, possibly under other names.
  const ics = (await phone(t, 'source', 'ada', basic('ada', 'ada-password-1')).get(`${e.uid}.ics`)).text
  expect(await phone(t, 'target', 'bea', basic('bea', 'bea-password-1')).put('renamed.ics', ics)).toBe(201)
  await t.server.services.spaces.use('target', (space) => events.archive!.import(space, entries))

  const dst = client(`${t.spaceUrl('target')}/apps/events/api`, basic('bea', 'bea-password-1'))
  const got = await dst.get(`/events/${e.id}`)
  expect(got.status).toBe(200)
  expect(got.body).toMatchObject({ uid: e.uid, title: 'Fête', capacity: 12, visibility: 'unlisted', calendarOnly: false, tags: ['musique'] })
  expect(got.body.questions[0].label).toBe('Instrument ?')
  expect((await dst.get('/site')).body.presentationHtml).toBe('<p>Nous</p>')
  // Sign-ups came along, with the key of their e-mailed links.
  const regs = await dst.get(`/events/${e.id}/registrations`)
  expect(JSON.stringify(regs.body)).toContain('Zoé')
  const key = (slug: string) => t.server.services.spaces.use(slug, (space) => (space.db.prepare('SELECT secret FROM events_registration_keys').get() as { secret: string }).secret)
  expect(await key('target')).toBe(await key('source'))
  // Re-attached: an edit goes to the renamed object.
  expect((await dst.patch(`/events/${e.id}`, { title: 'Fête de la musique' })).status).toBe(200)
  expect((await phone(t, 'target', 'bea', basic('bea', 'bea-password-1')).get('renamed.ics')).text).toContain('SUMMARY:Fête de la musique')
  expect((await dst.get('/events')).body.total).toBe(1)
})
