/**
 * The index follows the association calendar without any organiser request: a page view queues a debounced
 * background sync (BullMQ worker of the real host), which brings a phone's edit and deletion into the reader.
 * Also: scheduled publication and drafts in the reader.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createSqliteEventsReader, sqliteEventsReader, SYNC_QUEUE } from '@maison/events'
import { startTestServer, type TestServer } from '../support/server.ts'
import { appPassword, basic, client, phone } from './events-support.ts'

let t: TestServer
let api: ReturnType<typeof client>
let cal: ReturnType<typeof phone>

beforeAll(async () => {
  t = await startTestServer()
  await t.createSpace('sync', { admin: { username: 'ada', password: 'ada-password-1' } })
  api = client(`${t.spaceUrl('sync')}/apps/events/api`, await appPassword(t, 'sync', 'ada', 'ada-password-1'))
  cal = phone(t, 'sync', 'ada', basic('ada', 'ada-password-1'))
})
afterAll(async () => t?.close())

const read = <T>(fn: Parameters<TestServer['server']['services']['spaces']['use']>[1]) => t.server.services.spaces.use('sync', fn) as Promise<T>

async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = await probe()
    if (ok(v) || Date.now() > end) return v
    await new Promise((r) => setTimeout(r, 200))
  }
}

it('brings a phone\'s edit and deletion into the reader through the background sync', async () => {
  const e = (await api.post('/events', { title: 'Pique-nique', start: '2027-06-12T12:00', end: '2027-06-12T16:00', tags: ['accueil'] })).body
  const obj = await cal.get(`${e.uid}.ics`)
  expect(await cal.put(`${e.uid}.ics`, obj.text.replace('SUMMARY:Pique-nique', 'SUMMARY:Pique-nique au parc'), { 'if-match': obj.etag! })).toBe(204)
  // No organiser request: only a public page view, which asks for a debounced sync.
  await fetch(`${t.spaceUrl('sync')}/p/events/${e.id}`)
  const title = await until(() => read<string | undefined>((space) => sqliteEventsReader.get(space, e.id)?.title), (v) => v === 'Pique-nique au parc')
  expect(title).toBe('Pique-nique au parc')
  const version = await read<string>((space) => sqliteEventsReader.version(space))
  expect(await cal.del(`${e.uid}.ics`)).toBe(204)
  // The next page view is inside the debounce window: the periodic job (here queued by hand) catches it.
  await t.server.services.queues.queue(SYNC_QUEUE).add('space', { slug: 'sync' }, { jobId: 'manual-sync-1' })
  const gone = await until(() => read<unknown>((space) => sqliteEventsReader.get(space, e.id)), (v) => v === null)
  expect(gone).toBeNull()
  expect(await read<string>((space) => sqliteEventsReader.version(space))).not.toBe(version)
}, 60_000)

it('hides drafts, unlisted and members-only events and scheduled ones until their time', async () => {
  const base = { start: '2027-07-01T18:00', end: '2027-07-01T20:00', tags: ['visibilite'] }
  await api.post('/events', { ...base, title: 'Public' })
  await api.post('/events', { ...base, title: 'Brouillon', draft: true })
  await api.post('/events', { ...base, title: 'Par lien', visibility: 'unlisted' })
  await api.post('/events', { ...base, title: 'Adhérents', visibility: 'members' })
  await api.post('/events', { ...base, title: 'Programmé', publishAt: '2027-05-01T08:00:00Z' })
  const titles = (now: string, publicOnly: boolean) => read<string[]>((space) =>
    createSqliteEventsReader(() => new Date(now)).occurrences(space, { from: new Date('2027-01-01T00:00:00Z'), tag: 'visibilite', publicOnly }).map((o) => o.event.title).sort())
  expect(await titles('2027-04-01T00:00:00Z', true)).toEqual(['Public'])
  expect(await titles('2027-05-02T00:00:00Z', true)).toEqual(['Programmé', 'Public'])
  expect(await titles('2027-04-01T00:00:00Z', false)).toEqual(['Adhérents', 'Brouillon', 'Par lien', 'Programmé', 'Public'])
})

it('changes the version when a scheduled publication passes, without any write', async () => {
  await api.post('/events', { title: 'Plus tard', start: '2027-09-01T18:00', end: '2027-09-01T20:00', publishAt: '2027-08-01T08:00:00Z' })
  const at = (now: string) => read<string>((space) => createSqliteEventsReader(() => new Date(now)).version(space))
  expect(await at('2027-07-31T00:00:00Z')).toBe(await at('2027-07-31T12:00:00Z'))
  expect(await at('2027-08-01T09:00:00Z')).not.toBe(await at('2027-07-31T12:00:00Z'))
})
