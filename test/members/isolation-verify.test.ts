import fs from 'node:fs'
import path from 'node:path'
import { openDatabase } from '@maison/db'
import { parse } from 'yaml'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { basic, client, startMembersServer, type MembersTestServer } from './support.ts'

const SECRET = 'BRAVO-SECRET-5d1e'
const BRAVO_REQUEST = '3c9d1f7e-2b4a-4e8c-9f10-7a6b5c4d3e21'
let t: MembersTestServer
let alpha: ReturnType<typeof client>
let bravo: ReturnType<typeof client>
let token = ''

beforeAll(async () => {
  t = await startMembersServer({}, '2026-01-10T09:00:00Z')
  await t.createSpace('alpha')
  await t.createSpace('bravo')
  alpha = client(t.api('alpha'), basic('admin', 'alpha-password-1'))
  bravo = client(t.api('bravo'), basic('admin', 'bravo-password-1'))
  await bravo.post('/categories', { name: SECRET })
  const act = (await bravo.post('/activities', { name: SECRET, validity: { kind: 'days', days: 30 }, fees: [{ label: SECRET, amountCents: 100 }] })).body
  const m = (await bravo.post('/members', { firstName: SECRET, lastName: SECRET, email: 'secret@bravo.invalid', notes: SECRET })).body
  await bravo.post(`/members/${m.id}/payments`, { activityId: act.id, amountCents: 100, paidOn: '2026-01-10', method: 'cash' })
  await bravo.post(`/activities/${act.id}/reminder-rules`, { offsetDays: 0, templates: { fr: { subject: SECRET, body: SECRET }, en: { subject: SECRET, body: SECRET } } })
  expect((await bravo.post('/members/bulk/message', { requestId: BRAVO_REQUEST, ids: [m.id], subject: SECRET, body: SECRET })).status).toBe(202)
  const db = openDatabase(path.join(t.dataDir, 'spaces', 'bravo', 'space.sqlite'), { readonly: true })
  token = (db.prepare('SELECT verify_token AS t FROM members_members').get() as { t: string }).t
  db.close()
})
afterAll(async () => t?.close())

describe('tenant isolation of the members routes', () => {
  it("space A's admin asking for space B's ids gets 404 and nothing of B", async () => {
    const probes: [string, string, unknown?][] = [
      ['get', '/members/1'], ['patch', '/members/1', { notes: 'x' }], ['del', '/members/1'], ['get', '/members/1/reminders'],
      ['post', '/members/1/payments', { activityId: 1, amountCents: 100, paidOn: '2026-01-10', method: 'cash' }],
      ['get', '/members/1/payments/1'], ['del', '/members/1/payments/1'], ['get', '/activities/1'], ['patch', '/activities/1', { name: 'x' }],
      ['del', '/activities/1'], ['get', '/activities/1/reminder-rules'], ['patch', '/reminder-rules/1', { enabled: false }], ['del', '/reminder-rules/1'],
      ['patch', '/categories/1', { name: 'x' }], ['del', '/categories/1'], ['post', '/members/bulk/category', { ids: [1], categoryId: null }],
      ['get', '/messages/1'], ['post', '/members/bulk/message', { requestId: BRAVO_REQUEST, ids: [1], subject: 'x', body: 'x' }],
    ]
    for (const [verb, p, body] of probes) {
      const res = await (alpha as any)[verb](p, body)
      expect(res.status, `${verb} ${p}`).toBe(404)
      expect(JSON.stringify(res.body)).not.toContain(SECRET)
    }
    for (const p of ['/members?hidden=true', '/categories', '/activities', '/reminders/preview?date=2026-02-08', '/export.csv', '/export.vcf', '/messages']) {
      const res = await alpha.get(p)
      expect(res.status, p).toBe(200)
      expect(JSON.stringify(res.body)).not.toContain(SECRET)
    }
    // A's credentials on B's paths: not an account there.
    expect((await client(t.api('bravo'), basic('admin', 'alpha-password-1')).get('/members')).status).toBe(401)
    // B still has all of it.
    expect((await bravo.get('/members/1')).body).toMatchObject({ notes: SECRET, payments: [{ amountCents: 100 }] })
    expect((await bravo.get('/reminders/preview?date=2026-02-08')).body.reminders).toHaveLength(1)
    expect((await bravo.get('/messages/1')).body).toMatchObject({ subject: SECRET, requestId: BRAVO_REQUEST })
  })

  it("the verify page answers for its own space only and shows nothing personal", async () => {
    const own = await fetch(`${t.spaceUrl('bravo')}/p/members/verify/${token}`, { headers: { 'accept-language': 'en' } })
    const html = await own.text()
    expect(own.status).toBe(200)
    expect(html).toContain('Valid until 8 February 2026')
    expect(html).not.toContain(SECRET)
    expect(html).not.toContain('secret@')
    const other = await fetch(`${t.spaceUrl('alpha')}/p/members/verify/${token}`)
    expect(other.status).toBe(404)
    expect(await other.text()).toContain('Carte inconnue')
    expect((await fetch(`${t.spaceUrl('bravo')}/p/members/verify/..%2f..%2fetc`)).status).toBe(404)
    t.setNow('2026-02-09T09:00:00Z')
    const later = await fetch(`${t.spaceUrl('bravo')}/p/members/verify/${token}`, { headers: { accept: 'application/json' } })
    expect(await later.json()).toEqual({ valid: false, validUntil: null })
    const fr = await (await fetch(`${t.spaceUrl('bravo')}/p/members/verify/${token}`, { headers: { 'accept-language': 'fr' } })).text()
    expect(fr).toContain('Expirée')
    t.setNow('2026-01-10T09:00:00Z')
  })
})

describe('openapi.yaml', () => {
  it('every request body example is accepted by the API', async () => {
    const doc = parse(fs.readFileSync(new URL('../../apps/members/openapi.yaml', import.meta.url), 'utf8')) as any
    const c = client(t.api('alpha'), basic('admin', 'alpha-password-1'))
    // Ids the examples refer to: categories 1 and 2, a member, activity 1.
    await c.post('/categories', { name: 'Membres' })
    await c.post('/categories', { name: 'Étudiants' })
    await c.post('/fields', { key: 'instrument', label: 'Instrument', type: 'text' })
    await c.post('/members', { firstName: 'A', lastName: 'B' })
    await c.post('/members', { firstName: 'C', lastName: 'D' })
    await c.post('/members', { firstName: 'E', lastName: 'F' })
    await c.post('/activities', { name: 'Adhésion', validity: { kind: 'days', days: 365 }, fees: [] })
    await c.post('/activities/1/reminder-rules', { offsetDays: 0, templates: { fr: { subject: 's', body: 'b' }, en: { subject: 's', body: 'b' } } })
    const order = ['/settings', '/categories', '/fields', '/members', '/members/{id}', '/fields/{id}', '/members/bulk/category', '/activities', '/activities/{id}',
      '/activities/{id}/reminder-rules', '/reminder-rules/{id}', '/members/{id}/payments', '/import', '/categories/{id}', '/members/bulk/message', '/views', '/views/{id}', '/me']
    const seen: string[] = []
    for (const p of order) {
      for (const [verb, op] of Object.entries(doc.paths[p] ?? {}) as [string, any][]) {
        const example = op?.requestBody?.content?.['application/json']?.example
        if (!example) continue
        seen.push(`${verb} ${p}`)
        const url = p.replace('{id}', p === '/fields/{id}' ? '1' : p === '/categories/{id}' ? '2' : '1')
        if (p === '/me') {
          await c.patch('/members/1', { account: 'admin' })
          await c.post('/fields', { key: 'tshirt', label: 'T-shirt', type: 'choice', options: ['S', 'M'], memberVisible: true, memberEditable: true })
        }
        const res = await (c as any)[verb === 'delete' ? 'del' : verb](url, example)
        expect(res.status, `${verb} ${p}: ${JSON.stringify(res.body)}`).toBeLessThan(300)
      }
    }
    const all = Object.entries(doc.paths).flatMap(([p, ops]: [string, any]) => Object.entries(ops).filter(([, op]: [string, any]) => op?.requestBody).map(([v]) => `${v} ${p}`))
    expect(seen.sort()).toEqual(all.sort())
  })
})
