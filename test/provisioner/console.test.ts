import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { pino } from 'pino'
import type { Redis } from 'ioredis'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createRedis } from '@maison/queue'
import { createPlatformRouters } from '../../apps/provisioner/src/index.ts'
import { hashPassword } from '../../apps/provisioner/src/domain/secrets.ts'
import { startFleetWorkers } from '../../apps/provisioner/src/jobs/fleet-workers.ts'
import { problemHandler } from '../../apps/workspace/src/http/errors.ts'
import { buildApplication, testRedisUrl, until } from './support.ts'
import { openFleet, type Fleet } from './upgrade-fleet.ts'

let dataDir: string
let f: Fleet
let redis: Redis
let server: http.Server
let base: string
let failing = 'gamma'

const basic = (u: string) => ({ authorization: `Basic ${Buffer.from(`${u}:${u}-password`).toString('base64')}` })

async function api(method: string, url: string, body?: unknown, user = 'alice') {
  const res = await fetch(base + url, { method, headers: { 'content-type': 'application/json', ...basic(user) }, body: body === undefined ? undefined : JSON.stringify(body) })
  return { status: res.status, body: await res.json(), headers: res.headers }
}

async function session(user = 'alice'): Promise<{ cookie: string; csrf: string }> {
  const login = await fetch(`${base}/admin/login`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ username: user, password: `${user}-password` }) })
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!
  const page = await (await fetch(`${base}/admin/upgrades`, { headers: { cookie } })).text()
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(page)![1]! }
}

const get = async (url: string, headers: Record<string, string>) => {
  const res = await fetch(base + url, { headers })
  return { status: res.status, html: await res.text(), setCookie: res.headers.get('set-cookie') }
}

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'maison-console-'))
  failing = 'gamma'
  const prefix = `tc${crypto.randomBytes(5).toString('hex')}`
  const v1 = openFleet({ dataDir, redisUrl: testRedisUrl(), prefix, version: 1 })
  for (const slug of ['alpha', 'beta', 'gamma', 'delta']) await v1.parts.host.create({ slug, name: slug, quotaBytes: 1024 ** 3, maxAccounts: 5 })
  await v1.close()
  f = openFleet({ dataDir, redisUrl: testRedisUrl(), prefix, version: 2, hooks: { fails: (s) => s === failing }, options: { applyPerHour: 50 } })
  for (const [username, role] of [['alice', 'admin'], ['rita', 'reviewer']] as const) {
    f.p.repos.staff.insert({ username, displayName: username, email: null, role, passwordHash: await hashPassword(`${username}-password`), enabled: true, createdAt: new Date().toISOString() })
  }
  redis = createRedis(testRedisUrl())
  const app = express()
  for (const r of createPlatformRouters(f.p, { redis, keyPrefix: prefix, secureCookies: false })) app.use(r)
  app.use(problemHandler(pino({ level: 'silent' })))
  server = http.createServer(app)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterEach(async () => {
  server.closeAllConnections()
  await new Promise((r) => server.close(r))
  redis.disconnect()
  await f.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

describe('fleet upgrade over HTTP', () => {
  it('starts from the console, shows live progress and the report, retries from the report', async () => {
    const { cookie, csrf } = await session()
    const list = await get('/admin/upgrades', { cookie })
    expect(list.html).toContain('data-behind="4"')
    expect(list.html).toContain('id="upgrade-start"')
    const start = await fetch(`${base}/admin/upgrades`, { method: 'POST', redirect: 'manual', headers: { cookie }, body: new URLSearchParams({ _csrf: csrf }) })
    expect(start.status).toBe(303)
    const where = start.headers.get('location')!
    expect(where).toMatch(/^\/admin\/upgrades\/\d+$/)
    const running = await get(where, { cookie })
    expect(running.html).toMatch(/<progress id="upgrade-progress" max="100" value="\d+" data-poll="\/admin\/upgrades\/\d+\/progress.json">/)
    expect((await fetch(`${base}${where}/progress.json`, { headers: { cookie } }).then((r) => r.json())).counts.total).toBe(4)

    await startFleetWorkers(f.p)
    await until(async () => (await (await fetch(`${base}${where}/progress.json`, { headers: { cookie } })).json()).status === 'done', 20_000, 'done')
    const report = await get(where, { cookie })
    expect(report.html).toContain('data-status="done"')
    expect(report.html).toMatch(/<dd id="upgrade-done">3<\/dd>/)
    expect(report.html).toMatch(/<table id="upgrade-failures">.*gamma.*tags migration refused for gamma/s)
    expect(report.html).toMatch(/id="upgrade-max-downtime" data-ms="[0-9.]+"/)
    expect(report.html).not.toContain('data-poll')
    const retry = await fetch(`${base}${where}/retry`, { method: 'POST', redirect: 'manual', headers: { cookie, referer: base + where }, body: new URLSearchParams({ _csrf: csrf }) })
    expect(retry.status).toBe(303)
    await until(() => f.p.upgrades.report(Number(where.split('/').pop())).status !== 'running', 20_000, 'retry ended')
    expect(f.p.upgrades.report(Number(where.split('/').pop()))).toMatchObject({ attempt: 2, counts: { failed: 1, done: 3 } })
    // A refused form comes back to the page with the reason.
    const forged = await fetch(`${base}/admin/upgrades`, { method: 'POST', redirect: 'manual', headers: { cookie }, body: new URLSearchParams({ _csrf: 'nope' }) })
    expect(forged.status).toBe(403)
  })

  it('answers the API with 202 and a report, and rejects bad input with a clear message', async () => {
    const bad = await api('POST', '/api/v1/upgrades', { maxFailures: 0 })
    expect(bad.status).toBe(400)
    expect(bad.body.errors).toEqual([{ path: 'maxFailures', message: expect.stringMatching(/whole number from 1/) }])
    expect((await api('POST', '/api/v1/upgrades', { maxFailures: 2, colour: 'red' })).body.errors[0].message).toMatch(/Unknown field\(s\): colour/)
    expect((await api('POST', '/api/v1/upgrades', {}, 'rita')).status).toBe(403)
    expect((await api('GET', '/api/v1/upgrades/abc')).body.errors[0]).toMatchObject({ path: 'id', message: /positive whole number/ })
    expect((await api('GET', '/api/v1/upgrades/99')).status).toBe(404)
    expect(f.p.repos.staff.byUsername('alice')).toBeTruthy()

    // Spaces go in name order (alpha, beta, delta, gamma): beta's failure halts the upgrade.
    failing = 'beta'
    const started = await api('POST', '/api/v1/upgrades', { maxFailures: 1 })
    expect(started.status).toBe(202)
    expect(started.headers.get('location')).toBe(`/api/v1/upgrades/${started.body.id}`)
    expect(started.body).toMatchObject({ created: true, status: 'running', maxFailures: 1, counts: { total: 4, pending: 4 } })
    expect((await api('POST', '/api/v1/upgrades', {})).body).toMatchObject({ id: started.body.id, created: false })
    expect((await api('POST', `/api/v1/upgrades/${started.body.id}/retry`)).status).toBe(409)
    await startFleetWorkers(f.p)
    const halted = await until(async () => { const r = (await api('GET', `/api/v1/upgrades/${started.body.id}`)).body; return r.status !== 'running' && r }, 20_000, 'halt')
    expect(halted).toMatchObject({ status: 'halted', counts: { failed: 1, done: 1, pending: 2 }, failures: [{ slug: 'beta' }] })
    expect((await api('GET', '/api/v1/upgrades')).body).toMatchObject({ behind: 3, upgrades: [{ id: started.body.id }] })
  })
})

describe('console in French and English', () => {
  it('follows ?lang=, then its cookie, then the browser, and keeps ids and names', async () => {
    const { cookie, csrf } = await session()
    const app = (await api('POST', '/api/v1/applications', buildApplication({ employees: 40 }))).body
    f.p.repos.apps.transition(app.id, ['unconfirmed'], 'pending', { confirmedAt: new Date().toISOString() }, new Date().toISOString())

    const plain = await get(`/admin/applications/${app.id}`, { cookie })
    expect(plain.html).toContain('<html lang="en">')
    expect(plain.html).toContain('<button type="submit" name="approve">Approve</button>')
    expect(plain.html).toContain('40 employees, above the threshold of 10.')

    const browserFr = await get(`/admin/applications/${app.id}`, { cookie, 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' })
    expect(browserFr.html).toContain('<html lang="fr">')
    expect(browserFr.html).toContain('<button type="submit" name="approve">Accepter</button>')
    expect(browserFr.html).toContain('<span id="app-status" data-status="pending">en attente</span>')
    expect(browserFr.html).toContain('40 salarié·es, au-delà du seuil de 10.')
    expect(browserFr.html).toContain('<option value="not_eligible">Non éligible</option>')
    expect(browserFr.html).toMatch(/<a id="lang-switch" href="\/admin\/applications\/\d+\?lang=en"/)

    const switched = await get('/admin/?lang=en', { cookie, 'accept-language': 'fr' })
    expect(switched.html).toContain('<h1>Applications</h1>')
    expect(switched.setCookie).toMatch(/maison_console_lang=en/)
    const remembered = await get('/admin/spaces', { cookie: `${cookie}; maison_console_lang=fr`, 'accept-language': 'en' })
    expect(remembered.html).toContain('<h1>Espaces</h1>')
    expect(remembered.html).toContain('>Suspendre</button>')

    for (const url of ['/admin/', '/admin/spaces', '/admin/upgrades', '/admin/stats', '/admin/audit', '/admin/outbox', '/admin/templates']) {
      const fr = await get(`${url}${url.includes('?') ? '&' : '?'}lang=fr`, { cookie })
      expect(fr.status, url).toBe(200)
      expect(fr.html, url).toContain('<html lang="fr">')
      expect(fr.html, url).toContain('>Se déconnecter</button>')
      const en = await get(`${url}?lang=en`, { cookie })
      expect(en.html, url).toContain('>Log out</button>')
    }
    // Messages from the domain (English) come back translated after a form.
    const approve = () => fetch(`${base}/admin/applications/${app.id}/approve`, { method: 'POST', redirect: 'manual', headers: { cookie }, body: new URLSearchParams({ _csrf: csrf }) })
    expect((await approve()).headers.get('location')).toBe(`/admin/applications/${app.id}`)
    const refused = (await approve()).headers.get('location')!
    expect(decodeURIComponent(refused)).toContain(`Application ${app.id} is already approved; it can't be approved now.`)
    expect((await get(refused, { cookie: `${cookie}; maison_console_lang=fr` })).html)
      .toContain(`<p class="error" role="alert">La demande n° ${app.id} est déjà acceptée ; elle ne peut pas être acceptée maintenant.</p>`)
    expect((await get(refused, { cookie })).html).toContain(`<p class="error" role="alert">Application ${app.id} is already approved; it can&#39;t be approved now.</p>`)

    // The approval shows in this week's column of the statistics; another application waits.
    const other = (await api('POST', '/api/v1/applications', buildApplication())).body
    f.p.repos.apps.transition(other.id, ['unconfirmed'], 'pending', { confirmedAt: new Date().toISOString() }, new Date().toISOString())
    const weeks = (await api('GET', '/api/v1/stats')).body.applicationsByWeek
    expect(weeks.at(-1)).toMatchObject({ approved: 1, rejected: 0, pending: 1 })
    expect(weeks.slice(0, -1).every((w: { approved: number; pending: number }) => w.approved === 0 && w.pending === 0)).toBe(true)

    const loginFr = await get('/admin/login?lang=fr', {})
    expect(loginFr.html).toContain('<label for="username">Identifiant</label>')
    const wrong = await fetch(`${base}/admin/login`, { method: 'POST', headers: { 'accept-language': 'fr' }, body: new URLSearchParams({ username: 'alice', password: 'nope' }) })
    expect(await wrong.text()).toContain('Identifiant ou mot de passe incorrect.')
  })
})
