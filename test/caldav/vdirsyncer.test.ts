/**
 * vdirsyncer (Debian) syncing a calendar both ways with a local folder: creations, changes and
 * deletions on either side arrive on the other; an edit on both sides is reported, not lost.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../support/server.ts'
import { basic, dav, run, vevent } from './support.ts'

let t: TestServer
let dir: string
let cal: string
const auth = basic('alice', 'alice-password-1')

async function vdirsyncer(...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run('vdirsyncer', ['-c', path.join(dir, 'config'), ...args], { timeout: 60_000, env: { ...process.env, LANG: 'C.UTF-8' } })
    return { code: 0, out: stdout + stderr }
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string }
    return { code: e.code, out: e.stdout + e.stderr }
  }
}

const local = (name: string) => path.join(dir, 'local', name)
const localFiles = () => fs.readdirSync(path.join(dir, 'local')).filter((f) => f.endsWith('.ics')).sort()
const localWithUid = (uid: string) => localFiles().find((f) => fs.readFileSync(local(f), 'utf8').includes(`UID:${uid}`))

beforeAll(async () => {
  t = await startTestServer()
  await t.createSpace('sync', { admin: { username: 'alice', password: 'alice-password-1' } })
  cal = `${t.spaceUrl('sync')}/remote.php/dav/calendars/alice/work/`
  expect((await dav(cal, auth, 'MKCALENDAR')).status).toBe(201)
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maison-vdirsyncer-'))
  fs.mkdirSync(path.join(dir, 'local'))
  fs.writeFileSync(
    path.join(dir, 'config'),
    [
      '[general]', `status_path = "${dir}/status/"`, '',
      '[pair work]', 'a = "local"', 'b = "remote"', 'collections = null', '',
      '[storage local]', 'type = "filesystem"', `path = "${dir}/local/"`, 'fileext = ".ics"', '',
      '[storage remote]', 'type = "caldav"', `url = "${cal}"`, 'username = "alice"', 'password = "alice-password-1"', '',
    ].join('\n'),
  )
})
afterAll(async () => {
  await t?.close()
  if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

it('syncs creations, changes and deletions both ways and reports conflicts', async () => {
  expect((await dav(cal + 'remote-1.ics', auth, 'PUT', vevent('remote-1', '20260410T100000Z', '20260410T110000Z'))).status).toBe(201)
  fs.writeFileSync(local('local-1.ics'), vevent('local-1', '20260411T100000Z', '20260411T110000Z'))
  const discover = await vdirsyncer('discover', 'work')
  expect(discover.code, discover.out).toBe(0)
  const first = await vdirsyncer('sync')
  expect(first.code, first.out).toBe(0)
  expect(localWithUid('remote-1')).toBeDefined()
  const remoteLocal = await dav(cal, auth, 'PROPFIND', undefined, { depth: '1' })
  expect(remoteLocal.text).toContain('local-1')

  // Change on the server, delete locally; then the other way round.
  expect((await dav(cal + 'remote-1.ics', auth, 'PUT', vevent('remote-1', '20260410T100000Z', '20260410T120000Z', 'LOCATION:Salle 2\r\n'))).status).toBe(204)
  fs.rmSync(local('local-1.ics'))
  fs.writeFileSync(local('local-2.ics'), vevent('local-2', '20260412T100000Z', '20260412T110000Z'))
  const second = await vdirsyncer('sync')
  expect(second.code, second.out).toBe(0)
  expect(fs.readFileSync(local(localWithUid('remote-1')!), 'utf8')).toContain('LOCATION:Salle 2')
  const listing = (await dav(cal, auth, 'PROPFIND', undefined, { depth: '1' })).text
  expect(listing).not.toContain('local-1')
  expect(listing).toContain('local-2')

  const remote2 = listing.match(/[^/<>]*local-2[^/<>]*\.ics/)![0]
  fs.writeFileSync(local(localWithUid('local-2')!), vevent('local-2', '20260412T100000Z', '20260412T110000Z', 'LOCATION:Changed locally\r\n'))
  expect((await dav(cal + remote2, auth, 'DELETE')).status).toBe(204)
  fs.rmSync(local(localWithUid('remote-1')!))
  const third = await vdirsyncer('sync')
  expect(third.code, third.out).toBe(0)
  expect(localWithUid('remote-1')).toBeUndefined()
  expect((await dav(cal + 'remote-1.ics', auth, 'GET')).status).toBe(404)

  // Both sides edit the same event: vdirsyncer without conflict_resolution must report it.
  fs.writeFileSync(local('local-3.ics'), vevent('local-3', '20260413T100000Z', '20260413T110000Z'))
  expect((await vdirsyncer('sync')).code).toBe(0)
  const href3 = (await dav(cal, auth, 'PROPFIND', undefined, { depth: '1' })).text.match(/[^/<>]*local-3[^/<>]*\.ics/)![0]
  fs.writeFileSync(local('local-3.ics'), vevent('local-3', '20260413T100000Z', '20260413T110000Z', 'SUMMARY;LANGUAGE=fr:Local edit\r\n'))
  expect((await dav(cal + href3, auth, 'PUT', vevent('local-3', '20260413T100000Z', '20260413T110000Z', 'LOCATION:Server edit\r\n'))).status).toBe(204)
  const conflict = await vdirsyncer('sync')
  expect(conflict.code).not.toBe(0)
  expect(conflict.out).toMatch(/conflict/i)
  expect(fs.readFileSync(local('local-3.ics'), 'utf8')).toContain('Local edit')
  expect((await dav(cal + href3, auth, 'GET')).text).toContain('Server edit')
}, 180_000)
