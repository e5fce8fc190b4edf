import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient } from 'webdav'
import { hashPassword } from '../../apps/provisioner/src/domain/secrets.ts'
import { SqliteStaffRepository } from '../../apps/provisioner/src/storage/sqlite-staff.ts'
import { startTestServer, type TestServer } from '../support/server.ts'
import { until } from './support.ts'

const DAY = 86400_000
let t: TestServer
let shift = 0
const basic = { authorization: `Basic ${Buffer.from('carla:carla-password').toString('base64')}` }

async function api(method: string, path: string) {
  const res = await fetch(t.url + path, { method, headers: basic })
  return { status: res.status, body: await res.json() }
}

/** Asks for a new computation and waits for a snapshot newer than `after`. */
async function refreshed(after: string | null) {
  expect((await api('POST', '/api/v1/stats/refresh')).status).toBe(202)
  return until(async () => {
    const s = (await api('GET', '/api/v1/stats')).body
    return s.usage && s.usage.computedAt !== after && s
  }, 20_000, 'a new usage snapshot')
}

beforeAll(async () => {
  t = await startTestServer({}, { clock: () => new Date(Date.now() - shift) })
  new SqliteStaffRepository(t.server.parts.platformDb).insert({
    username: 'carla', displayName: 'Carla', email: null, role: 'reviewer', passwordHash: await hashPassword('carla-password'), enabled: true, createdAt: new Date().toISOString(),
  })
  await t.createSpace('lune', { admin: { username: 'ada', password: 'lune-password-1' } })
  await t.createSpace('soleil', { admin: { username: 'sol', password: 'soleil-password-1' } })
  await t.createSpace('vide', { admin: { username: 'vic', password: 'vide-password-1' } })
})
afterAll(async () => t?.close())

describe('fleet statistics', () => {
  it('counts accounts, files, disk and recent logins per space, computed by the job, as JSON and as charts', async () => {
    const before = await refreshed(null)
    expect(before.usage).toMatchObject({ spaces: 3, unreadable: 0, accounts: { total: 3 } })
    const files0 = before.usage.files.total
    const bytes0 = before.usage.disk.totalBytes

    // Ada works today through WebDAV; Sol last came ten days ago; nobody ever logged into "vide".
    const lune = createClient(`${t.spaceUrl('lune')}/remote.php/dav/files/ada/`, { username: 'ada', password: 'lune-password-1' })
    await lune.putFileContents('minutes.txt', 'x'.repeat(1000))
    await lune.putFileContents('budget.csv', 'y'.repeat(24_000))
    shift = 10 * DAY
    const soleil = createClient(`${t.spaceUrl('soleil')}/remote.php/dav/files/sol/`, { username: 'sol', password: 'soleil-password-1' })
    await soleil.putFileContents('poster.svg', 'z'.repeat(500))
    shift = 0

    const after = await refreshed(before.usage.computedAt)
    expect(after.usage.files.total - files0).toBe(3)
    expect(after.usage.disk.totalBytes - bytes0).toBe(25_500)
    expect(after.usage.logins).toEqual({ last3Days: 1, last15Days: 2, never: 1 })
    expect(after.usage.accounts.perSpace['0–1']).toBe(3)
    expect(Object.values(after.usage.files.perSpace as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(3)
    expect(after.spaces).toMatchObject({ total: 3, byStatus: { active: 3 } })
    expect(after.applicationsByWeek).toHaveLength(12)

    // The job also runs on its own schedule.
    const schedulers = await t.server.queues.queue('fleet-stats').getJobSchedulers()
    expect(schedulers).toHaveLength(1)
    expect(Number(schedulers[0]!.every)).toBe(60 * 60_000)
    // Its first run is one interval away: starting a worker costs no computation.
    expect(Number(schedulers[0]!.next)).toBeGreaterThan(Date.now() + 50 * 60_000)

    // The page: SVG charts labelled by title and description, the numbers in tables, and when they were computed.
    const login = await fetch(`${t.url}/admin/login`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ username: 'carla', password: 'carla-password', next: '/admin/stats' }) })
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!
    const html = await (await fetch(`${t.url}/admin/stats`, { headers: { cookie } })).text()
    expect(html).toContain(`data-computed-at="${after.usage.computedAt}"`)
    expect(html).toMatch(/<svg [^>]*role="img" aria-labelledby="chart-accounts-title chart-accounts-desc"/)
    expect(html).toContain('<title id="chart-logins-title">Spaces by last login</title>')
    expect(html).toMatch(/<desc id="chart-logins-desc">Spaces by last login: 3 in all; the largest group is in the last 3 days with 1\./)
    expect(html).toMatch(/<th scope="row">4 to 15 days ago<\/th><td>1<\/td>/)
    expect(html).toContain('id="chart-weekly"')
    expect(html).not.toMatch(/<script(?![^>]*console\.js)/)
    const fr = await (await fetch(`${t.url}/admin/stats?lang=fr`, { headers: { cookie } })).text()
    expect(fr).toContain('<html lang="fr">')
    expect(fr).toContain('<title id="chart-accounts-title">Comptes par espace</title>')
    expect(fr).toMatch(/<th scope="row">ces 3 derniers jours<\/th><td>1<\/td>/)
  })
})
