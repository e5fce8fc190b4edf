/**
 * Calendars of a space over the real host: the association calendar in every home (admins write,
 * members read, per-member override), personal calendars shared read or read-write, the trash,
 * and the public ICS feed (304, revocation).
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../support/server.ts'
import { basic, dav, vevent } from './support.ts'

let t: TestServer
let S: string
const admin = basic('admin', 'admin-password-1')
const bob = basic('bob', 'bob-password-12345')
const carol = basic('carol', 'carol-password-12345')
const api = (auth: string, method: string, path: string, body?: unknown) =>
  fetch(`${S}/api/v1${path}`, { method, headers: { authorization: auth, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })

beforeAll(async () => {
  t = await startTestServer()
  await t.createSpace('club')
  S = t.spaceUrl('club')
  for (const u of ['bob', 'carol']) {
    const r = await fetch(`${S}/ocs/v2.php/cloud/users?format=json`, {
      method: 'POST', headers: { authorization: admin, 'OCS-APIRequest': 'true', 'content-type': 'application/json' },
      body: JSON.stringify({ userid: u, password: `${u}-password-12345` }),
    })
    expect(r.status, await r.text()).toBeLessThan(300)
  }
})
afterAll(async () => t?.close())

it('shows the association calendar to everyone at one URL; admins write, members read unless allowed', async () => {
  const ev = vevent('assoc-1', '20260501T100000Z', '20260501T110000Z')
  expect((await dav(`${S}/remote.php/dav/calendars/admin/association/a.ics`, admin, 'PUT', ev)).status).toBe(201)
  const asBob = await dav(`${S}/remote.php/dav/calendars/bob/association/a.ics`, bob, 'GET')
  expect(asBob.status).toBe(200)
  expect(asBob.text).toContain('UID:assoc-1')
  expect((await dav(`${S}/remote.php/dav/calendars/bob/association/b.ics`, bob, 'PUT', vevent('b', '20260501T100000Z', '20260501T110000Z'))).status).toBe(403)
  const list = (await (await api(admin, 'GET', '/calendars')).json()) as { calendars: Array<{ id: number; association: boolean }> }
  const assocId = list.calendars.find((c) => c.association)!.id
  expect((await api(admin, 'PUT', `/calendars/${assocId}/shares`, { kind: 'user', principal: 'bob', access: 'read-write' })).status).toBe(200)
  expect((await dav(`${S}/remote.php/dav/calendars/bob/association/b.ics`, bob, 'PUT', vevent('b', '20260501T100000Z', '20260501T110000Z'))).status).toBe(201)
  expect((await api(admin, 'PUT', `/calendars/${assocId}/shares`, { kind: 'user', principal: 'carol', access: 'none' })).status).toBe(200)
  expect((await dav(`${S}/remote.php/dav/calendars/carol/association/`, carol, 'PROPFIND', undefined, { depth: '0' })).status).toBe(404)
  // A member cannot manage the association calendar, nor reach another account's home.
  expect((await api(bob, 'PUT', `/calendars/${assocId}/shares`, { kind: 'user', principal: 'bob', access: 'read-write' })).status).toBe(403)
  expect((await dav(`${S}/remote.php/dav/calendars/admin/association/a.ics`, bob, 'GET')).status).toBe(404)
})

it('shares a personal calendar read-only and read-write; the sharee sees it in its home', async () => {
  const made = await api(bob, 'POST', '/calendars', { displayName: 'Bob perso', color: '#ff0000' })
  expect(made.status).toBe(201)
  const cal = (await made.json()) as { id: number; uri: string; davUrl: string }
  expect((await dav(`${cal.davUrl}x.ics`, bob, 'PUT', vevent('bob-1', '20260502T100000Z', '20260502T110000Z'))).status).toBe(201)
  expect((await api(carol, 'GET', `/calendars/${cal.id}/shares`)).status).toBe(404)
  expect((await api(bob, 'PUT', `/calendars/${cal.id}/shares`, { kind: 'user', principal: 'carol', access: 'read' })).status).toBe(200)
  const home = await dav(`${S}/remote.php/dav/calendars/carol/`, carol, 'PROPFIND', undefined, { depth: '1' })
  const shared = `${cal.uri}_shared_by_bob`
  expect(home.text).toContain(`/calendars/carol/${shared}/`)
  expect((await dav(`${S}/remote.php/dav/calendars/carol/${shared}/x.ics`, carol, 'GET')).text).toContain('UID:bob-1')
  expect((await dav(`${S}/remote.php/dav/calendars/carol/${shared}/y.ics`, carol, 'PUT', vevent('c-1', '20260502T100000Z', '20260502T110000Z'))).status).toBe(403)
  expect((await api(bob, 'PUT', `/calendars/${cal.id}/shares`, { kind: 'user', principal: 'carol', access: 'read-write' })).status).toBe(200)
  expect((await dav(`${S}/remote.php/dav/calendars/carol/${shared}/y.ics`, carol, 'PUT', vevent('c-1', '20260502T100000Z', '20260502T110000Z'))).status).toBe(201)
  expect((await api(bob, 'PUT', `/calendars/${cal.id}/shares`, { kind: 'user', principal: 'nobody', access: 'read' })).status).toBe(400)
})

it('keeps deleted objects and calendars in the trash and restores them', async () => {
  const cal = (await (await api(admin, 'POST', '/calendars', { displayName: 'Temp' })).json()) as { id: number; davUrl: string }
  expect((await dav(`${cal.davUrl}t.ics`, admin, 'PUT', vevent('trash-1', '20260503T100000Z', '20260503T110000Z'))).status).toBe(201)
  expect((await dav(`${cal.davUrl}t.ics`, admin, 'DELETE')).status).toBe(204)
  const trash = (await (await api(admin, 'GET', `/calendars/${cal.id}/trash`)).json()) as { objects: Array<{ id: number; uid: string }> }
  expect(trash.objects.map((o) => o.uid)).toEqual(['trash-1'])
  expect((await api(admin, 'POST', `/calendars/${cal.id}/trash/${trash.objects[0]!.id}/restore`)).status).toBe(200)
  expect((await dav(`${cal.davUrl}t.ics`, admin, 'GET')).status).toBe(200)
  expect((await dav(cal.davUrl, admin, 'DELETE')).status).toBe(204)
  expect((await dav(cal.davUrl, admin, 'PROPFIND', undefined, { depth: '0' })).status).toBe(404)
  expect((await api(admin, 'POST', `/calendars/trash/${cal.id}/restore`)).status).toBe(200)
  expect((await dav(`${cal.davUrl}t.ics`, admin, 'GET')).text).toContain('UID:trash-1')
})

it('publishes a revocable read-only feed with ETag and 304', async () => {
  const cal = (await (await api(admin, 'POST', '/calendars', { displayName: 'Public' })).json()) as { id: number; davUrl: string }
  const now = Date.now()
  const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')
  await dav(`${cal.davUrl}old.ics`, admin, 'PUT', vevent('old', stamp(now - 90 * 86_400_000), stamp(now - 90 * 86_400_000 + 3_600_000)))
  await dav(`${cal.davUrl}soon.ics`, admin, 'PUT', vevent('soon', stamp(now + 86_400_000), stamp(now + 86_400_000 + 3_600_000), 'RRULE:FREQ=WEEKLY;COUNT=3\r\n'))
  const link = (await (await api(admin, 'POST', `/calendars/${cal.id}/public-link`)).json()) as { url: string; webcal: string; token: string }
  expect(link.webcal.startsWith('webcal://')).toBe(true)
  expect(link.token.length).toBeGreaterThanOrEqual(22)
  const feed = await fetch(link.url)
  expect(feed.status).toBe(200)
  expect(feed.headers.get('content-type')).toContain('text/calendar')
  const text = await feed.text()
  expect(text).toContain('UID:soon')
  expect(text).toContain('RRULE:FREQ=WEEKLY;COUNT=3')
  expect(text).not.toContain('UID:old')
  expect((await fetch(link.url, { headers: { 'If-None-Match': feed.headers.get('etag')! } })).status).toBe(304)
  await dav(`${cal.davUrl}later.ics`, admin, 'PUT', vevent('later', stamp(now + 2 * 86_400_000), stamp(now + 2 * 86_400_000 + 3_600_000)))
  expect((await fetch(link.url, { headers: { 'If-None-Match': feed.headers.get('etag')! } })).status).toBe(200)
  expect((await fetch(link.url, { method: 'PUT', body: 'x' })).status).toBeGreaterThanOrEqual(400)
  expect((await api(admin, 'DELETE', `/calendars/${cal.id}/public-link`)).status).toBe(204)
  expect((await fetch(link.url)).status).toBe(404)
})
