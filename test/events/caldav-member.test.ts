/**
 * Events reach members' real CalDAV clients: python3-caldav (Debian, /usr/bin/python3) logged in as a
 * member with an app password sees an organiser's event in the association calendar at the right time in
 * Europe/Paris (across the DST change for a weekly one), then its cancellation as STATUS:CANCELLED; an
 * admin's edit from python3-caldav (as a phone would) shows in the API and in the reader.
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { sqliteEventsReader } from '@maison/events'
import { startTestServer, type TestServer } from '../support/server.ts'
import { addAccount, appPassword, basic, client } from './events-support.ts'

const run = promisify(execFile)

const SCRIPT = String.raw`
import json, sys
from datetime import datetime, timezone
from urllib.parse import urljoin
import caldav, requests

root, user, password, mode, uid = sys.argv[1:6]
hop = requests.request("PROPFIND", root.rstrip("/") + "/.well-known/caldav", auth=(user, password), allow_redirects=False)
client = caldav.DAVClient(url=urljoin(root, hop.headers["Location"]), username=user, password=password)
principal = client.principal()
cal = next(c for c in principal.calendars() if str(c.url).rstrip("/").endswith("/association"))
out = {"calendar": str(cal.url)}
if mode == "read":
    ev = cal.event_by_uid(uid)
    comp = ev.icalendar_component
    start = comp.get("DTSTART")
    out["tzid"] = start.params.get("TZID")
    out["local"] = start.dt.strftime("%Y-%m-%dT%H:%M")
    out["utc"] = start.dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    out["summary"] = str(comp.get("SUMMARY"))
    out["status"] = str(comp.get("STATUS"))
    out["location"] = str(comp.get("LOCATION"))
    out["has_vtimezone"] = any(True for _ in ev.icalendar_instance.walk("VTIMEZONE"))
elif mode == "expand":
    found = cal.search(start=datetime(2027, 3, 1, tzinfo=timezone.utc), end=datetime(2027, 4, 30, tzinfo=timezone.utc), event=True, expand=True)
    occ = []
    for e in found:
        for comp in e.icalendar_instance.walk("VEVENT"):
            if str(comp.get("UID")) == uid:
                occ.append(comp.decoded("DTSTART").astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
    out["occurrences"] = sorted(occ)
elif mode == "edit":
    ev = cal.event_by_uid(uid)
    ev.icalendar_component["SUMMARY"] = "Assemblée générale (salle B)"
    ev.save()
    out["saved"] = True
print(json.dumps(out))
`

async function python(t: TestServer, auth: { user: string; password: string }, mode: string, uid: string): Promise<Record<string, any>> {
  const { stdout } = await run('/usr/bin/python3', ['-c', SCRIPT, t.spaceUrl('asso'), auth.user, auth.password, mode, uid], { timeout: 120_000 })
  return JSON.parse(stdout.trim().split('\n').pop()!)
}

let t: TestServer
let api: ReturnType<typeof client>
let member: { user: string; password: string }
let admin: { user: string; password: string }

beforeAll(async () => {
  t = await startTestServer()
  await t.createSpace('asso', { admin: { username: 'ada', password: 'ada-password-1' } })
  await addAccount(t, 'asso', basic('ada', 'ada-password-1'), { username: 'mia', password: 'mia-password-1', role: 'member' })
  api = client(`${t.spaceUrl('asso')}/apps/events/api`, await appPassword(t, 'asso', 'ada', 'ada-password-1'))
  const toCreds = (header: string) => {
    const [user, password] = Buffer.from(header.slice(6), 'base64').toString().split(':') as [string, string]
    return { user, password }
  }
  member = toCreds(await appPassword(t, 'asso', 'mia', 'mia-password-1'))
  admin = toCreds(await appPassword(t, 'asso', 'ada', 'ada-password-1'))
})
afterAll(async () => t?.close())

it('reaches a member\'s CalDAV client at the right time in Europe/Paris, then as cancelled', async () => {
  const created = await api.post('/events', { title: 'Assemblée générale', start: '2026-12-05T19:00', end: '2026-12-05T21:00', timezone: 'Europe/Paris', address: 'Salle A' })
  expect(created.status).toBe(201)
  const seen = await python(t, member, 'read', created.body.uid)
  expect(seen).toMatchObject({ tzid: 'Europe/Paris', local: '2026-12-05T19:00', utc: '2026-12-05T18:00:00Z', summary: 'Assemblée générale', has_vtimezone: true })
  expect(seen.status).not.toBe('CANCELLED')
  expect((await api.post(`/events/${created.body.id}/cancel`)).status).toBe(200)
  expect(await python(t, member, 'read', created.body.uid)).toMatchObject({ status: 'CANCELLED', utc: '2026-12-05T18:00:00Z' })
}, 120_000)

it('expands a weekly event across the spring DST change as Paris wall time', async () => {
  const weekly = await api.post('/events', { title: 'Répétition', start: '2027-03-19T19:00', end: '2027-03-19T21:00', timezone: 'Europe/Paris', rrule: 'FREQ=WEEKLY;COUNT=3' })
  expect(weekly.status).toBe(201)
  // 28 March 2027 is the switch to CEST: 19:00 Paris is 18:00Z before it and 17:00Z after.
  expect((await python(t, member, 'expand', weekly.body.uid)).occurrences).toEqual(['2027-03-19T18:00:00Z', '2027-03-26T18:00:00Z', '2027-04-02T17:00:00Z'])
  expect((await api.get(`/events/${weekly.body.id}?from=2027-01-01T00:00:00Z`)).body.occurrences.map((o: { start: string }) => o.start))
    .toEqual(['2027-03-19T18:00:00.000Z', '2027-03-26T18:00:00.000Z', '2027-04-02T17:00:00.000Z'])
}, 120_000)

it('shows an admin\'s edit from a CalDAV client in the API and the reader', async () => {
  const created = await api.post('/events', { title: 'Assemblée générale', start: '2027-01-15T18:30', end: '2027-01-15T20:00', capacity: 40 })
  expect((await python(t, admin, 'edit', created.body.uid)).saved).toBe(true)
  const after = await api.get(`/events/${created.body.id}`)
  expect(after.body).toMatchObject({ title: 'Assemblée générale (salle B)', capacity: 40, start: '2027-01-15T17:30:00.000Z' })
  const record = await t.server.services.spaces.use('asso', (space) => sqliteEventsReader.get(space, created.body.id))
  expect(record?.title).toBe('Assemblée générale (salle B)')
}, 120_000)
