import fs from 'node:fs'
import http from 'node:http'
import { parse as parseYaml } from 'yaml'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { pino } from 'pino'
import type { Redis } from 'ioredis'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createRedis } from '@maison/queue'
import { createPlatformRouters, startProvisionWorkers } from '../../apps/provisioner/src/index.ts'
import { hashPassword } from '../../apps/provisioner/src/domain/secrets.ts'
import { problemHandler } from '../../apps/workspace/src/http/errors.ts'
import { buildApplication, startPlatform, testRedisUrl, until, type TestPlatform } from './support.ts'

let t: TestPlatform
let redis: Redis
let server: http.Server
let base: string
let stopSweep: (() => void) | undefined

const basic = (u: string, pw: string) => ({ authorization: `Basic ${Buffer.from(`${u}:${pw}`).toString('base64')}` })
const ADMIN = basic('alice', 'alice-password')

async function api(method: string, path: string, body?: unknown, headers: Record<string, string> = ADMIN) {
  const res = await fetch(base + path, { method, headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) })
  const text = await res.text()
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: text.startsWith('{') ? JSON.parse(text) : text, headers: res.headers }
}

async function confirmedViaApi(overrides: Record<string, unknown> = {}): Promise<{ id: number; slug: string }> {
  const r = await api('POST', '/api/v1/applications', buildApplication(overrides), {})
  expect(r.status).toBe(201)
  const mail = await until(() => t.outbox.list().find((m) => m.key === `apply-confirm:${r.body.id}`), 10_000, 'confirm mail')
  const link = /(\/apply\/confirm\/[\w-]+)/.exec(mail.text)![1]!
  expect((await fetch(base + link)).status).toBe(200)
  return r.body
}

beforeEach(async () => {
  t = await startPlatform({ options: { applyPerHour: 50 } })
  t.mail.startWorker(2)
  redis = createRedis(testRedisUrl())
  const insert = async (username: string, role: 'admin' | 'reviewer' | 'operator') =>
    t.p.repos.staff.insert({ username, displayName: username, email: null, role, passwordHash: await hashPassword(`${username}-password`), enabled: true, createdAt: new Date().toISOString() })
  await insert('alice', 'admin')
  await insert('rita', 'reviewer')
  const app = express()
  for (const r of createPlatformRouters(t.p, { redis, keyPrefix: t.prefix, secureCookies: false })) app.use(r)
  app.use(problemHandler(pino({ level: 'silent' })))
  server = http.createServer(app)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterEach(async () => {
  stopSweep?.()
  stopSweep = undefined
  server.closeAllConnections()
  await new Promise((r) => server.close(r))
  redis.disconnect()
  await t.close()
})

describe('platform API: bad input', () => {
  it('names every faulty field of an application, as problem+json', async () => {
    const r = await api('POST', '/api/v1/applications', { ...buildApplication(), slug: 'admin', yearFounded: 'old', sectors: ['sport', 'knitting'], contactEmail: 'x@' }, { 'accept-language': 'en' })
    expect(r.status).toBe(400)
    expect(r.type).toContain('application/problem+json')
    const paths = r.body.errors.map((e: { path: string }) => e.path).sort()
    expect(paths).toEqual(['contactEmail', 'sectors.1', 'yearFounded'])
    const slug = await api('POST', '/api/v1/applications', { ...buildApplication(), slug: 'admin' }, {})
    expect(slug.body.errors).toEqual([{ path: 'slug', message: 'The name "admin" is reserved.' }])
    const cyr = await api('POST', '/api/v1/applications', { ...buildApplication(), slug: 'c\u0430fe' }, {})
    expect(cyr.body.errors[0]).toMatchObject({ path: 'slug', message: expect.stringMatching(/Cyrillic/) })
  })

  it('refuses broken JSON, unknown fields and bad query values with a clear message', async () => {
    expect((await api('POST', '/api/v1/applications', '{"organisation":', {})).status).toBe(400)
    const id = (await confirmedViaApi()).id
    const unknown = await api('POST', `/api/v1/applications/${id}/reject`, { reason: 'no', color: 'red' })
    expect(unknown.status).toBe(400)
    expect(unknown.body.errors[0].message).toMatch(/Unknown field\(s\): color/)
    const q = await api('GET', '/api/v1/applications?status=maybe&limit=0')
    expect(q.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['limit', 'status'])
    const path = await api('POST', '/api/v1/applications/abc/approve')
    expect(path.body.errors[0]).toMatchObject({ path: 'id', message: expect.stringMatching(/positive whole number/) })
    const limits = await api('POST', '/api/v1/spaces/x-y/limits', { maxAccounts: 0 })
    expect(limits.body.errors[0]).toMatchObject({ path: 'maxAccounts', message: 'maxAccounts must be at least 1.' })
    // Nothing was changed by all that.
    expect(t.p.repos.apps.byId(id)!.status).toBe('pending')
  })

  it('asks for staff credentials, accepts Basic and Bearer, and checks roles', async () => {
    expect((await api('GET', '/api/v1/applications', undefined, {})).status).toBe(401)
    expect((await api('GET', '/api/v1/applications', undefined, basic('alice', 'wrong'))).status).toBe(401)
    const tok = await api('POST', '/api/v1/tokens', { name: 'ci' })
    expect(tok.status).toBe(201)
    const list = await api('GET', '/api/v1/applications', undefined, { authorization: `Bearer ${tok.body.token}` })
    expect(list.status).toBe(200)
    await t.parts.host.create({ slug: 'ferme', name: 'Ferme', quotaBytes: 1, maxAccounts: 1 })
    const denied = await api('POST', '/api/v1/spaces/ferme/suspend', {}, basic('rita', 'rita-password'))
    expect(denied.status).toBe(403)
    expect((await api('POST', '/api/v1/spaces/ferme/suspend', { reason: 'spam' })).body.status).toBe('suspended')
  })
})

describe('platform API: decisions', () => {
  it('approves once when two staff approve at the same time, and shows progress to ready', async () => {
    const { id, slug } = await confirmedViaApi()
    const [a, b] = await Promise.all([api('POST', `/api/v1/applications/${id}/approve`), api('POST', `/api/v1/applications/${id}/approve`, undefined, basic('rita', 'rita-password'))])
    expect([a.status, b.status].sort()).toEqual([200, 409])
    stopSweep = await startProvisionWorkers(t.p)
    const done = await until(async () => { const s = await api('GET', `/api/v1/spaces/${slug}`); return s.body.application?.status === 'ready' && s.body }, 20_000, 'ready')
    expect(done).toMatchObject({ space: { status: 'active' }, provisioning: { state: 'completed', step: 'done' } })
    const stats = await api('GET', '/api/v1/stats')
    expect(stats.body.byStructureType).toEqual({ association_1901: 1 })
    expect(stats.body.bySector).toEqual({ environment: 1, social: 1 })
  })

  it('rejects with a template and answers 404 for unknown spaces', async () => {
    const { id } = await confirmedViaApi()
    const r = await api('POST', `/api/v1/applications/${id}/reject`, { template: 'duplicate' })
    expect(r.body).toMatchObject({ status: 'rejected', rejectReason: expect.stringMatching(/déjà un espace/) })
    expect((await api('POST', `/api/v1/applications/${id}/reject`, { template: 'nope' })).body.errors[0].path).toBe('template')
    expect((await api('GET', '/api/v1/spaces/nowhere')).status).toBe(404)
  })
})

describe('public form', () => {
  const post = (fields: Record<string, string | string[]>, headers: Record<string, string> = {}) => {
    const body = new URLSearchParams()
    for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x)
    return fetch(`${base}/apply`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } })
  }
  const formOf = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : v === true ? 'on' : String(v)]))

  it('is served in French and English', async () => {
    expect(await (await fetch(`${base}/apply`, { headers: { 'accept-language': 'fr-FR,fr;q=0.9' } })).text()).toContain('Demander un espace')
    expect(await (await fetch(`${base}/apply?lang=en`)).text()).toContain('Apply for a space')
  })

  it('shows each error beside its field and keeps what was typed', async () => {
    const res = await post({ ...formOf(buildApplication({ organisation: 'Ok Asso' })), contactEmail: 'nope', charterAccepted: [], lang: 'en' })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('id="contactEmail-error"')
    expect(html).toContain('id="charterAccepted-error"')
    expect(html).toContain('value="Ok Asso"')
    expect(t.p.repos.apps.list({}).total).toBe(0)
  })

  it('accepts a valid application, ignores bots filling the honeypot, and limits each address', async () => {
    const good = await post({ ...formOf(buildApplication()), lang: 'fr' })
    expect(good.status).toBe(201)
    expect(await good.text()).toContain('/apply/status/')
    const bot = await post({ ...formOf(buildApplication()), website: 'http://spam.example' })
    expect(bot.status).toBe(200)
    expect(t.p.repos.apps.list({}).total).toBe(1)
    let last = 201
    for (let i = 0; i < 60 && last !== 429; i++) last = (await post({ ...formOf(buildApplication()), lang: 'en' })).status
    expect(last).toBe(429)
    const limited = await post({ ...formOf(buildApplication()), lang: 'en' })
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await limited.text()).toContain('Too many applications')
  })

  it('checks names live', async () => {
    const r = await fetch(`${base}/apply/check?slug=www`)
    expect(await r.json()).toMatchObject({ available: false, reason: 'invalid' })
  })
})

describe('staff console', () => {
  it('logs in, refuses a form without its CSRF token, approves and shows live progress', async () => {
    const { id } = await confirmedViaApi()
    const login = await fetch(`${base}/admin/login`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ username: 'alice', password: 'alice-password', next: `/admin/applications/${id}` }) })
    expect(login.status).toBe(303)
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!
    const page = await (await fetch(`${base}/admin/applications/${id}`, { headers: { cookie } })).text()
    expect(page).toContain('Approve')
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!
    const forged = await fetch(`${base}/admin/applications/${id}/approve`, { method: 'POST', redirect: 'manual', headers: { cookie }, body: new URLSearchParams({}) })
    expect(forged.status).toBe(403)
    stopSweep = await startProvisionWorkers(t.p)
    const ok = await fetch(`${base}/admin/applications/${id}/approve`, { method: 'POST', redirect: 'manual', headers: { cookie }, body: new URLSearchParams({ _csrf: csrf }) })
    expect(ok.status).toBe(303)
    const progress = await until(async () => { const p = await (await fetch(`${base}/admin/applications/${id}/progress.json`, { headers: { cookie } })).json(); return p.status === 'ready' && p }, 20_000, 'ready')
    expect(progress).toMatchObject({ percent: 100, step: 'done' })
    const again = await fetch(`${base}/admin/applications/${id}/approve`, { method: 'POST', redirect: 'manual', headers: { cookie }, body: new URLSearchParams({ _csrf: csrf }) })
    expect(decodeURIComponent(again.headers.get('location')!)).toMatch(/error=.*already approved|error=.*ready/)
    for (const path of ['/admin/', '/admin/spaces', '/admin/outbox', '/admin/audit', '/admin/stats', '/admin/templates']) {
      expect((await fetch(base + path, { headers: { cookie } })).status, path).toBe(200)
    }
    expect(await (await fetch(`${base}/admin/outbox`, { headers: { cookie } })).text()).toContain('welcome:')
    expect((await fetch(`${base}/admin/`, { redirect: 'manual' })).status).toBe(303)
  })
})

describe('openapi.yaml', () => {
  it('has a request body example for every body, and each one works against the API', async () => {
    const doc = parseYaml(fs.readFileSync(new URL('../../apps/provisioner/openapi.yaml', import.meta.url), 'utf8')) as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { example?: unknown }> } }>>
    }
    await t.parts.host.create({ slug: 'ferme', name: 'Ferme', quotaBytes: 1, maxAccounts: 1 })
    const checked: string[] = []
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (!op.requestBody) continue
        const content = op.requestBody.content
        if (!content['application/json']) {
          expect(Object.values(content)[0]?.example, `${method} ${path} example`).toBeDefined()
          continue
        }
        const example = content['application/json'].example
        expect(example, `${method} ${path} example`).toBeDefined()
        let url = path.replace('{slug}', 'ferme')
        if (url.includes('{id}')) url = url.replace('{id}', String((await confirmedViaApi()).id))
        if (url.endsWith('/resume')) await api('POST', '/api/v1/spaces/ferme/suspend', {})
        if (url.endsWith('/restore')) await api('POST', '/api/v1/spaces/ferme/delete', {})
        const r = await api(method.toUpperCase(), url, example, path === '/api/v1/applications' ? {} : ADMIN)
        if (url.endsWith('/retry')) expect(r.status, `${method} ${path}: ${JSON.stringify(r.body)}`).toBe(409)
        else expect(r.status, `${method} ${path}: ${JSON.stringify(r.body)}`).toBeLessThan(300)
        checked.push(`${method} ${path}`)
      }
    }
    expect(checked.length).toBeGreaterThanOrEqual(12)
  })
})
