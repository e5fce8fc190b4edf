/**
 * Recurring events through the organiser API: "only this one" (RECURRENCE-ID override), one occurrence
 * cancelled or removed (EXDATE), "this and following" (UNTIL on the old series, a new series), and a phone's
 * endless FREQ=SECONDLY rule, which the index expands only to a bound.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sqliteEventsReader } from '@maison/events'
import { startTestServer, type TestServer } from '../support/server.ts'
import { appPassword, basic, client, fieldOf, phone } from './events-support.ts'

let t: TestServer
let api: ReturnType<typeof client>
let cal: ReturnType<typeof phone>

beforeAll(async () => {
  t = await startTestServer()
  await t.createSpace('recur', { admin: { username: 'ada', password: 'ada-password-1' } })
  api = client(`${t.spaceUrl('recur')}/apps/events/api`, await appPassword(t, 'recur', 'ada', 'ada-password-1'))
  cal = phone(t, 'recur', 'ada', basic('ada', 'ada-password-1'))
})
afterAll(async () => t?.close())

const starts = (e: { occurrences: { start: string }[] }) => e.occurrences.map((o) => o.start)
const FROM = '?from=2026-01-01T00:00:00Z'

// Thursdays 18:30 Paris (CET, 17:30Z) from 7 January 2027.
const weekly = { title: 'Atelier couture', start: '2027-01-07T18:30', end: '2027-01-07T20:00', timezone: 'Europe/Paris', rrule: 'FREQ=WEEKLY;COUNT=6', tags: ['atelier'] }

describe('recurring events', () => {
  it('edits only one occurrence with a RECURRENCE-ID override', async () => {
    const e = (await api.post('/events', weekly)).body
    expect(starts((await api.get(`/events/${e.id}${FROM}`)).body)).toHaveLength(6)
    const res = await api.patch(`/events/${e.id}/occurrences/2027-01-14T17:30:00.000Z`, { scope: 'this', title: 'Atelier couture (exceptionnel)', start: '2027-01-14T19:00', end: '2027-01-14T21:00' })
    expect(res.status).toBe(200)
    expect(res.body.title).toBe('Atelier couture')
    const second = res.body.occurrences[1]
    expect(second).toMatchObject({ id: '2027-01-14T17:30:00.000Z', start: '2027-01-14T18:00:00.000Z', end: '2027-01-14T20:00:00.000Z' })
    const obj = await cal.get(`${e.uid}.ics`)
    expect(obj.text).toContain('RECURRENCE-ID;TZID=Europe/Paris:20270114T183000')
    expect(obj.text).toContain('SUMMARY:Atelier couture (exceptionnel)')
  })

  it('cancels one occurrence and removes another', async () => {
    const e = (await api.post('/events', weekly)).body
    const cancelled = await api.post(`/events/${e.id}/occurrences/2027-01-21T17:30:00.000Z/cancel`)
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.status).toBe('confirmed')
    expect(cancelled.body.occurrences[2]).toMatchObject({ start: '2027-01-21T17:30:00.000Z', status: 'cancelled' })
    const removed = await api.del(`/events/${e.id}/occurrences/2027-01-28T17:30:00.000Z`)
    expect(starts(removed.body)).not.toContain('2027-01-28T17:30:00.000Z')
    expect(starts(removed.body)).toHaveLength(5)
    const obj = await cal.get(`${e.uid}.ics`)
    expect(obj.text).toContain('EXDATE;TZID=Europe/Paris:20270128T183000')
    expect(obj.text).toMatch(/RECURRENCE-ID;TZID=Europe\/Paris:20270121T183000[\s\S]*STATUS:CANCELLED/)
    const occ = await t.server.services.spaces.use('recur', (space) =>
      sqliteEventsReader.occurrences(space, { from: new Date('2027-01-01T00:00:00Z'), publicOnly: true, includeCancelled: true }).filter((o) => o.event.id === e.id))
    expect(occ.map((o) => [o.start, o.status])).toEqual([
      ['2027-01-07T17:30:00.000Z', 'confirmed'], ['2027-01-14T17:30:00.000Z', 'confirmed'], ['2027-01-21T17:30:00.000Z', 'cancelled'],
      ['2027-02-04T17:30:00.000Z', 'confirmed'], ['2027-02-11T17:30:00.000Z', 'confirmed'],
    ])
    const visible = await t.server.services.spaces.use('recur', (space) =>
      sqliteEventsReader.occurrences(space, { from: new Date('2027-01-01T00:00:00Z'), publicOnly: true }).filter((o) => o.event.id === e.id))
    expect(visible).toHaveLength(4)
  })

  it('splits the series for "this and following"', async () => {
    const e = (await api.post('/events', weekly)).body
    // A removed occurrence still counts in COUNT: the new series keeps the three after the split.
    await api.del(`/events/${e.id}/occurrences/2027-01-14T17:30:00.000Z`)
    const res = await api.patch(`/events/${e.id}/occurrences/2027-01-28T17:30:00.000Z`, { scope: 'following', title: 'Atelier couture (nouvelle salle)', address: 'Salle 2' })
    expect(res.status).toBe(200)
    expect(res.body.id).not.toBe(e.id)
    expect(res.body).toMatchObject({ title: 'Atelier couture (nouvelle salle)', address: 'Salle 2', rrule: 'FREQ=WEEKLY;COUNT=3', tags: ['atelier'] })
    expect(starts(res.body)).toEqual(['2027-01-28T17:30:00.000Z', '2027-02-04T17:30:00.000Z', '2027-02-11T17:30:00.000Z'])
    const old = (await api.get(`/events/${e.id}${FROM}`)).body
    expect(starts(old)).toEqual(['2027-01-07T17:30:00.000Z', '2027-01-21T17:30:00.000Z'])
    expect(old.rrule).toMatch(/UNTIL=20270128T172959Z/)
    expect(old.rrule).not.toMatch(/COUNT/)
  })

  it('splits an endless series and moves the new part to another time', async () => {
    const e = (await api.post('/events', { ...weekly, rrule: 'FREQ=WEEKLY' })).body
    const res = await api.patch(`/events/${e.id}/occurrences/2027-02-04T17:30:00.000Z`, { scope: 'following', start: '2027-02-04T20:00', end: '2027-02-04T22:00' })
    expect(res.status).toBe(200)
    expect(res.body.rrule).toBe('FREQ=WEEKLY')
    expect(starts(res.body).slice(0, 2)).toEqual(['2027-02-04T19:00:00.000Z', '2027-02-11T19:00:00.000Z'])
    expect(starts((await api.get(`/events/${e.id}${FROM}`)).body)).toHaveLength(4)
  })

  it('refuses edits of occurrences that do not exist', async () => {
    const e = (await api.post('/events', weekly)).body
    expect((await api.patch(`/events/${e.id}/occurrences/2027-01-08T17:30:00.000Z`, { scope: 'this', title: 'x' })).status).toBe(404)
    expect((await api.patch(`/events/${e.id}/occurrences/yesterday`, { scope: 'this', title: 'x' })).status).toBe(404)
    const bad = await api.patch(`/events/${e.id}/occurrences/2027-01-14T17:30:00.000Z`, { scope: 'sometimes' })
    expect(bad.status).toBe(400)
    expect(fieldOf(bad)).toBe('scope')
    const backwards = await api.patch(`/events/${e.id}/occurrences/2027-01-14T17:30:00.000Z`, { scope: 'this', end: '2027-01-14T10:00' })
    expect(fieldOf(backwards)).toBe('end')
    const single = (await api.post('/events', { ...weekly, rrule: null })).body
    expect((await api.post(`/events/${single.id}/occurrences/2027-01-07T17:30:00.000Z/cancel`)).status).toBe(400)
  })

  it('bounds the expansion of an endless FREQ=SECONDLY rule written by a phone', async () => {
    const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//phone//EN', 'BEGIN:VEVENT', 'UID:bomb-1', 'DTSTAMP:20261101T000000Z',
      'DTSTART:20270101T000000Z', 'DTEND:20270101T000001Z', 'RRULE:FREQ=SECONDLY', 'SUMMARY:Bomb', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n')
    expect(await cal.put('bomb-1.ics', ics)).toBe(201)
    const began = Date.now()
    const list = await api.get('/events?perPage=200')
    expect(Date.now() - began).toBeLessThan(10_000)
    const bomb = list.body.events.find((x: { uid: string }) => x.uid === 'bomb-1')
    expect(bomb).toMatchObject({ calendarOnly: true, rrule: 'FREQ=SECONDLY' })
    const occ = (await api.get(`/events/${bomb.id}?from=2026-01-01T00:00:00Z&limit=1000`)).body.occurrences
    expect(occ.length).toBeGreaterThan(0)
    expect(occ.length).toBeLessThanOrEqual(1000)
  })

  it('moves a whole all-day series', async () => {
    const e = (await api.post('/events', { title: 'Marché', allDay: true, start: '2027-05-01', end: '2027-05-02', timezone: 'Europe/Paris', rrule: 'FREQ=MONTHLY;COUNT=3' })).body
    expect(e).toMatchObject({ allDay: true, start: '2027-04-30T22:00:00.000Z', end: '2027-05-02T22:00:00.000Z', local: { start: '2027-05-01', end: '2027-05-02' } })
    const obj = await cal.get(`${e.uid}.ics`)
    expect(obj.text).toContain('DTSTART;VALUE=DATE:20270501')
    expect(obj.text).toContain('DTEND;VALUE=DATE:20270503')
    const split = await api.patch(`/events/${e.id}/occurrences/2027-05-31T22:00:00.000Z`, { scope: 'following', title: 'Marché d\'été' })
    expect(split.status).toBe(200)
    expect(starts(split.body)).toEqual(['2027-05-31T22:00:00.000Z', '2027-06-30T22:00:00.000Z'])
    expect(starts((await api.get(`/events/${e.id}${FROM}`)).body)).toEqual(['2027-04-30T22:00:00.000Z'])
  })
})
