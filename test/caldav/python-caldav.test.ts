/**
 * python3-caldav (Debian) against a real host: discovery from the space root, MKCALENDAR, a single
 * and a weekly event with a moved instance, a time-range query across the Europe/Paris DST change,
 * sync-collection after changes.
 */
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../support/server.ts'
import { runPython } from './support.ts'

let t: TestServer
beforeAll(async () => {
  t = await startTestServer()
  await t.createSpace('cal', { name: 'Les Amis', admin: { username: 'alice', password: 'alice-password-1', email: 'alice@example.org' } })
})
afterAll(async () => t?.close())

it('discovers, creates a calendar, queries across DST and syncs', async () => {
  const out = await runPython(path.join(import.meta.dirname, 'clients/python_caldav.py'), [t.spaceUrl('cal'), 'alice', 'alice-password-1'])
  expect(out.well_known_status).toBe(301)
  expect(out.principal).toBe(`${t.spaceUrl('cal')}/remote.php/dav/principals/users/alice/`)
  expect(out.initial_calendars).toEqual(['Les Amis'])
  expect(out.created).toBe(`${t.spaceUrl('cal')}/remote.php/dav/calendars/alice/meetings/`)
  // 27 March is still CET (UTC+1); the moved 3 April instance is CEST (UTC+2); 20 March is outside.
  expect(out.occurrences).toEqual([
    ['single-1', '20260327T090000Z'],
    ['weekly-1', '20260327T170000Z'],
    ['weekly-1', '20260403T180000Z'],
  ])
  expect(out.sync_changed).toEqual(['single-1.ics', 'single-2.ics', 'weekly-1.ics'])
  expect(out.sync_token_moved).toBe(true)
  expect(out.final_uids).toEqual(['single-1', 'single-2'])
}, 120_000)
