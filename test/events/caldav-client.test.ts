/**
 * @maison/dav-client against the real host: PUT with preconditions, GET, DELETE, calendar-multiget,
 * sync-collection, and the errors callers rely on (412 → DavConflict, 403 with its precondition).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DavEndpoint } from '@maison/app-contract'
import { CalDavClient, DavConflict, DavForbidden } from '@maison/dav-client'
import { startTestServer, type TestServer } from '../support/server.ts'

let t: TestServer
beforeAll(async () => {
  t = await startTestServer()
  await t.createSpace('davc', { admin: { username: 'ada', password: 'ada-password-1' } })
})
afterAll(async () => t?.close())

const endpoint = () => t.server.services.spaces.use('davc', (space) => t.server.services.dav.asAdmin(space)) as Promise<DavEndpoint>
const COLLECTION = 'calendars/ada/association/'

function ics(uid: string, summary: string): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20260101T000000Z',
    'DTSTART:20261201T180000Z', 'DTEND:20261201T200000Z', `SUMMARY:${summary}`, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n')
}

describe('CalDavClient', () => {
  it('creates once, replaces only the version it read, and reports conflicts', async () => {
    const c = new CalDavClient(await endpoint())
    const first = await c.put(`${COLLECTION}a.ics`, ics('a', 'One'), { createOnly: true })
    expect(first.created).toBe(true)
    expect(first.etag).toMatch(/^"/)
    await expect(c.put(`${COLLECTION}a.ics`, ics('a', 'Again'), { createOnly: true })).rejects.toBeInstanceOf(DavConflict)
    const read = await c.get(`${COLLECTION}a.ics`)
    expect(read?.data).toContain('SUMMARY:One')
    expect(read?.etag).toBe(first.etag)
    const second = await c.put(`${COLLECTION}a.ics`, ics('a', 'Two'), { ifMatch: read!.etag })
    expect(second.created).toBe(false)
    const stale = c.put(`${COLLECTION}a.ics`, ics('a', 'Three'), { ifMatch: read!.etag })
    await expect(stale).rejects.toBeInstanceOf(DavConflict)
    await expect(stale).rejects.toMatchObject({ status: 409, code: 'edit_conflict' })
    expect((await c.get(`${COLLECTION}a.ics`))?.data).toContain('SUMMARY:Two')
  })

  it('names the CalDAV precondition of refused data', async () => {
    const c = new CalDavClient(await endpoint())
    const err = await c.put(`${COLLECTION}bad.ics`, 'BEGIN:VCALENDAR\r\nnot ical\r\n').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(DavForbidden)
    expect((err as DavForbidden).precondition).toBe('valid-calendar-data')
    expect(await c.get(`${COLLECTION}bad.ics`)).toBeNull()
  })

  it('multigets and follows changes with sync-collection', async () => {
    const c = new CalDavClient(await endpoint())
    const initial = await c.syncCollection(COLLECTION, null)
    await c.put(`${COLLECTION}b.ics`, ics('b', 'Bee'))
    await c.put(`${COLLECTION}c.ics`, ics('c', 'Sea'))
    const after = await c.syncCollection(COLLECTION, initial.token)
    expect(after.changed.map((x) => x.href.split('/').pop()).sort()).toEqual(['b.ics', 'c.ics'])
    expect(after.token).not.toBe(initial.token)
    const got = await c.multiget(COLLECTION, [...after.changed.map((x) => x.href), c.hrefOf(`${COLLECTION}missing.ics`)])
    expect(got.map((o) => o.data.match(/SUMMARY:(\w+)/)?.[1]).sort()).toEqual(['Bee', 'Sea'])
    expect(got.every((o) => o.etag.startsWith('"'))).toBe(true)
    expect(got[0]!.data).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2.0\r\n/)
    await c.delete(`${COLLECTION}b.ics`)
    await c.delete(`${COLLECTION}b.ics`)
    const last = await c.syncCollection(COLLECTION, after.token)
    expect(last.removed.map((h) => h.split('/').pop())).toEqual(['b.ics'])
    expect(last.changed).toEqual([])
    const bad = await c.syncCollection(COLLECTION, 'http://maison.invalid/ns/sync/999-1').catch((e: unknown) => e)
    expect(bad).toBeInstanceOf(DavForbidden)
    expect((bad as DavForbidden).precondition).toBe('valid-sync-token')
  })
})
