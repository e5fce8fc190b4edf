import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { basic, client, startMembersServer, type MembersTestServer } from './support.ts'

let t: MembersTestServer
let admin: ReturnType<typeof client>

beforeAll(async () => {
  t = await startMembersServer()
  await t.createSpace('amis')
  admin = client(t.api('amis'), basic('admin', 'amis-password-1'))
})
afterAll(async () => t?.close())

describe('members API (admin over Basic)', () => {
  it('categories, fields, members with search, sort and paging', async () => {
    const board = await admin.post('/categories', { name: 'Board' })
    expect(board.status).toBe(201)
    expect((await admin.post('/categories', { name: 'board' })).status).toBe(409)
    const former = await admin.post('/categories', { name: 'Former members', hidden: true })
    expect((await admin.post('/fields', { key: 'tshirt', label: 'T-shirt', type: 'choice', options: ['S', 'M'], memberVisible: true, memberEditable: true })).status).toBe(201)
    const a = await admin.post('/members', { firstName: 'Émile', lastName: 'Zola', email: 'EMILE@example.org', categoryId: board.body.id, custom: { tshirt: 'M' } })
    expect(a.status).toBe(201)
    expect(a.body).toMatchObject({ number: '1', email: 'emile@example.org', status: 'none', custom: { tshirt: 'M' } })
    expect(a.body.verifyToken).toBeUndefined()
    await admin.post('/members', { firstName: 'Paul', lastName: 'Adam', address: { city: 'Lyon' } })
    await admin.post('/members', { firstName: 'Old', lastName: 'Timer', categoryId: former.body.id })
    const list = await admin.get('/members?sort=name&order=desc&perPage=1')
    expect(list.body).toMatchObject({ total: 2, page: 1, perPage: 1, members: [{ lastName: 'Zola' }] })
    expect((await admin.get('/members?q=lyon')).body.members.map((m: any) => m.lastName)).toEqual(['Adam'])
    expect((await admin.get('/members?hidden=true')).body.total).toBe(3)
    const bad = await admin.get('/members?sort=password&perPage=100000')
    expect(bad.status).toBe(400)
    expect(bad.body.errors.map((e: any) => e.path).sort()).toEqual(['perPage', 'sort'])
  })

  it('bad input gets a 400 naming each field and changes nothing', async () => {
    const before = (await admin.get('/members?hidden=true')).body.total
    const res = await admin.post('/members', { firstName: 'X', lastName: 'Y', email: 'nope', joinedOn: '2026-13-01', custom: { tshirt: 'XXL' } })
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toMatch(/problem\+json/)
    expect(res.body.errors.map((e: any) => e.path).sort()).toEqual(['email', 'joinedOn'])
    const custom = await admin.post('/members', { firstName: 'X', lastName: 'Y', custom: { tshirt: 'XXL' } })
    expect(custom.body.errors).toEqual([{ path: 'custom.tshirt', message: 'expected one of S, M' }])
    const dup = await admin.post('/members', { number: '1', firstName: 'X', lastName: 'Y' })
    expect(dup.status).toBe(409)
    expect((await fetch(`${t.api('amis')}/members`, { method: 'POST', headers: { authorization: basic('admin', 'amis-password-1'), 'content-type': 'application/json' }, body: '{"firstName":' })).status).toBe(400)
    expect((await admin.get('/members?hidden=true')).body.total).toBe(before)
    expect((await admin.get('/members/abc')).status).toBe(404)
    expect((await admin.get('/members/99999')).status).toBe(404)
  })

  it('activities, fees per category, payments, partial payments and amounts due', async () => {
    const cats = (await admin.get('/categories')).body.categories
    const board = cats.find((c: any) => c.name === 'Board')
    const act = await admin.post('/activities', {
      name: 'Adhésion 2026', validity: { kind: 'days', days: 365 },
      fees: [{ label: 'Normal', amountCents: 3000 }, { label: 'Bureau', amountCents: 0, categoryId: board.id }],
    })
    expect(act.status).toBe(201)
    const paul = (await admin.get('/members?q=Adam')).body.members[0]
    const p1 = await admin.post(`/members/${paul.id}/payments`, { activityId: act.body.id, amountCents: 1000, paidOn: '2026-01-10', method: 'online', reference: 'HA-1' })
    expect(p1.status).toBe(201)
    expect(p1.body.subscription).toMatchObject({ activityName: 'Adhésion 2026', amountDueCents: 3000, paidCents: 1000, dueCents: 2000, expiresOn: '2027-01-09' })
    const rec = await admin.get(`/members/${paul.id}`)
    expect(rec.body).toMatchObject({ status: 'up_to_date', expiresOn: '2027-01-09', dueCents: 2000, payments: [{ method: 'online', reference: 'HA-1' }] })
    const over = await admin.post(`/members/${paul.id}/payments`, { activityId: act.body.id, amountCents: 2500, paidOn: '2026-01-11', method: 'cash' })
    expect(over.status).toBe(400)
    expect(over.body.errors[0].path).toBe('amountCents')
    expect((await admin.get('/members?status=up_to_date')).body.members.map((m: any) => m.lastName)).toEqual(['Adam'])
    t.setNow('2026-12-20T09:00:00Z')
    expect((await admin.get(`/members/${paul.id}`)).body.status).toBe('due_soon')
    t.setNow('2026-01-10T09:00:00Z')
  })

  it('reminder rules, preview and settings', async () => {
    const act = (await admin.get('/activities')).body.activities[0]
    const rule = await admin.post(`/activities/${act.id}/reminder-rules`, {
      offsetDays: -7,
      templates: { fr: { subject: 'Rappel {{activity}}', body: 'Bonjour {{firstName}}, échéance le {{expiryDate}} ({{amount}}).' }, en: { subject: 'Reminder {{activity}}', body: 'Hello {{firstName}}, due {{expiryDate}} ({{amount}}).' } },
    })
    expect(rule.status).toBe(201)
    const typo = await admin.post(`/activities/${act.id}/reminder-rules`, { offsetDays: 0, templates: { fr: { subject: '{{nom}}', body: 'x' }, en: { subject: 'x', body: 'x' } } })
    expect(typo.body.errors[0].path).toBe('templates.fr.subject')
    const preview = await admin.get('/reminders/preview?date=2027-01-02')
    expect(preview.body.reminders).toMatchObject([{ memberName: 'Paul Adam', expiresOn: '2027-01-09', subject: 'Rappel Adhésion 2026', skip: 'no_email' }])
    expect((await admin.get('/reminders/preview?date=2027-02-30')).status).toBe(400)
    expect((await admin.patch('/settings', { associationName: 'Les Amis', dueSoonDays: 15 })).body).toMatchObject({ associationName: 'Les Amis', dueSoonDays: 15 })
    expect((await admin.patch('/settings', { timeZone: 'Mars/Olympus' })).body.errors[0].path).toBe('timeZone')
  })

  it('a member sees only their own record and edits only what they may', async () => {
    const acc = await fetch(`${t.spaceUrl('amis')}/api/v1/accounts`, {
      method: 'POST', headers: { authorization: basic('admin', 'amis-password-1'), 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'emile', password: 'emile-password-1', role: 'member' }),
    })
    expect(acc.status).toBe(201)
    const me = client(t.api('amis'), basic('emile', 'emile-password-1'))
    expect((await me.get('/me')).status).toBe(404)
    const zola = (await admin.get('/members?q=Zola')).body.members[0]
    await admin.patch(`/members/${zola.id}`, { account: 'emile', notes: 'board secret' })
    const mine = await me.get('/me')
    expect(mine.status).toBe(200)
    expect(mine.body.member).toMatchObject({ lastName: 'Zola', category: 'Board', custom: { tshirt: 'M' } })
    expect(mine.body.member.notes).toBeUndefined()
    expect(JSON.stringify(mine.body)).not.toContain('board secret')
    const edit = await me.patch('/me', { phone: '+33 6 12 34 56 78', remindersOptOut: true, custom: { tshirt: 'S' } })
    expect(edit.status).toBe(200)
    expect(edit.body.member).toMatchObject({ phone: '+33 6 12 34 56 78', remindersOptOut: true, custom: { tshirt: 'S' } })
    expect((await me.patch('/me', { lastName: 'Hugo' })).status).toBe(400)
    expect((await me.patch('/me', { categoryId: 1 })).status).toBe(400)
    for (const [verb, p] of [['get', '/members'], ['get', `/members/${zola.id}`], ['get', '/categories'], ['post', '/activities'], ['get', '/reminders/preview']] as const) {
      expect((await (me as any)[verb](p)).status, `${verb} ${p}`).toBe(403)
    }
  })
})
