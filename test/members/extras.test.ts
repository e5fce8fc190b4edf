import crypto from 'node:crypto'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSmtp, type TestSmtp } from '../support/smtp.ts'
import { basic, client, startMembersServer, type MembersTestServer } from './support.ts'
import { MESSAGES_QUEUE, messageJobId } from '../../apps/members/src/index.ts'

let t: MembersTestServer
let smtp: TestSmtp
let admin: ReturnType<typeof client>

beforeAll(async () => {
  smtp = await startSmtp()
  t = await startMembersServer({ SMTP_URL: smtp.url }, '2026-03-01T09:00:00Z')
  await t.createSpace('extra')
  admin = client(t.api('extra'), basic('admin', 'extra-password-1'))
})
afterAll(async () => {
  await t?.close()
  await smtp?.stop()
})

const mk = async (body: object) => (await admin.post('/members', body)).body

describe('saved views, bulk message and export of a selection', () => {
  it('saves, renames and deletes views; refuses bad filters and duplicate names', async () => {
    const v = await admin.post('/views', { name: 'Lapsed', query: { status: 'lapsed', sort: 'expiresOn' } })
    expect(v.status).toBe(201)
    expect((await admin.post('/views', { name: 'lapsed', query: {} })).status).toBe(409)
    const bad = await admin.post('/views', { name: 'X', query: { status: 'happy', password: 1 } })
    expect(bad.status).toBe(400)
    expect(bad.body.errors.map((e: any) => e.path)).toContain('query.status')
    expect((await admin.patch(`/views/${v.body.id}`, { name: 'Overdue' })).body).toMatchObject({ name: 'Overdue', query: { status: 'lapsed' } })
    expect((await admin.get('/views')).body.views.map((x: any) => x.name)).toEqual(['Overdue'])
    expect((await admin.del(`/views/${v.body.id}`)).status).toBe(204)
    expect((await admin.del(`/views/${v.body.id}`)).status).toBe(404)
  })

  it('messages a selection through one job, once each even when the POST is retried, skipping members without e-mail', async () => {
    const a = await mk({ firstName: 'Alba', lastName: 'A', email: 'alba@example.org' })
    const b = await mk({ firstName: 'Bert', lastName: 'B' })
    const request = { requestId: crypto.randomUUID(), ids: [a.id, b.id, a.id], subject: 'AG {{firstName}}', body: 'Bonjour {{name}}' }
    // A client that lost the first answer sends the same request again, here even at the same time.
    const [res, retry] = await Promise.all([admin.post('/members/bulk/message', request), admin.post('/members/bulk/message', request)])
    expect(res.status).toBe(202)
    expect(res.body).toMatchObject({ queued: 1, skipped: 1, message: { requestId: request.requestId, recipients: 1, skipped: 1 } })
    expect(retry.status).toBe(202)
    expect(retry.body).toMatchObject({ queued: 1, skipped: 1, message: { id: res.body.message.id } })
    const id = res.body.message.id
    expect(await t.server.services.queues.queue(MESSAGES_QUEUE).getJob(messageJobId('extra', id))).toBeTruthy()
    const mail = await smtp.waitFor((m) => m.subject === 'AG Alba')
    expect(mail.text).toContain('Bonjour Alba A')
    let progress = (await admin.get(`/messages/${id}`)).body
    for (let i = 0; progress.state !== 'sent' && i < 50; i++) progress = (await new Promise((r) => setTimeout(r, 100)), (await admin.get(`/messages/${id}`)).body)
    expect(progress).toMatchObject({ id, state: 'sent', recipients: 1, handed: 1 })
    expect((await admin.post('/members/bulk/message', request)).body.message).toMatchObject({ id, state: 'sent' })
    await new Promise((r) => setTimeout(r, 500))
    expect(smtp.messages.filter((m) => m.subject === 'AG Alba')).toHaveLength(1)
    expect((await admin.get('/messages')).body.messages.filter((m: any) => m.requestId === request.requestId)).toHaveLength(1)

    const other = await admin.post('/members/bulk/message', { ...request, body: 'Something else' })
    expect(other.status).toBe(409)
    const noId = await admin.post('/members/bulk/message', { ids: [a.id], subject: 's', body: 'x' })
    expect(noId.status).toBe(400)
    expect(noId.body.errors.map((e: any) => e.path)).toEqual(['requestId'])
    expect((await admin.post('/members/bulk/message', { requestId: crypto.randomUUID(), ids: [], subject: '', body: 'x' })).status).toBe(400)
    expect((await admin.post('/members/bulk/message', { requestId: crypto.randomUUID(), ids: [999999], subject: 's', body: 'x' })).status).toBe(404)
    expect((await admin.get('/messages/999999')).status).toBe(404)
    const csv = await fetch(`${t.api('extra')}/export.csv?ids=${b.id}`, { headers: { authorization: basic('admin', 'extra-password-1') } })
    const text = await csv.text()
    expect(text).toContain('Bert')
    expect(text).not.toContain('Alba')
  })
})

describe('GDPR, cards and the join form', () => {
  it('exports one member as JSON and anonymises while keeping payments', async () => {
    const act = (await admin.post('/activities', { name: 'Cotisation', validity: { kind: 'days', days: 365 }, fees: [{ label: 'N', amountCents: 3000 }] })).body
    const m = await mk({ firstName: 'Gina', lastName: 'Gdpr', email: 'gina@example.org', notes: 'private' })
    await admin.post(`/members/${m.id}/payments`, { activityId: act.id, amountCents: 3000, paidOn: '2026-03-01', method: 'cash' })
    const data = await admin.get(`/members/${m.id}/data.json`)
    expect(data.status).toBe(200)
    expect(data.body.member).toMatchObject({ firstName: 'Gina', notes: 'private' })
    expect(data.body.payments).toHaveLength(1)
    const anon = await admin.post(`/members/${m.id}/anonymise`)
    expect(anon.status).toBe(200)
    const after = (await admin.get(`/members/${m.id}`)).body
    expect(JSON.stringify(after)).not.toMatch(/Gina|gina@|private/)
    expect(after.payments.map((p: any) => p.amountCents)).toEqual([3000])
    expect((await admin.post('/members/999999/anonymise')).status).toBe(404)
  })

  it('makes a PNG card and an A4 sheet', async () => {
    const a = await mk({ firstName: 'Card', lastName: 'One' })
    const b = await mk({ firstName: 'Card', lastName: 'Two' })
    const auth = { authorization: basic('admin', 'extra-password-1') }
    const png = await fetch(`${t.api('extra')}/members/${a.id}/card.png`, { headers: auth })
    expect(png.headers.get('content-type')).toBe('image/png')
    const img = PNG.sync.read(Buffer.from(await png.arrayBuffer()))
    expect([img.width, img.height]).toEqual([1012, 638])
    const sheet = await fetch(`${t.api('extra')}/cards.pdf?ids=${a.id},${b.id}`, { headers: auth })
    expect(sheet.status).toBe(200)
    expect(Buffer.from(await sheet.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-')
    expect((await admin.get('/cards.pdf?ids=abc')).status).toBe(400)
    expect((await admin.get(`/cards.pdf?ids=${a.id},999999`)).status).toBe(404)
  })

  it('the join form is closed by default, then creates pending members the admins approve', async () => {
    const url = `${t.spaceUrl('extra')}/p/members/join`
    expect((await fetch(url)).status).toBe(404)
    expect((await admin.patch('/settings', { joinEnabled: true })).body.joinEnabled).toBe(true)
    const page = await fetch(url, { headers: { 'accept-language': 'en' } })
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Send my application')
    const post = (fields: Record<string, string>, ip = '') =>
      fetch(`${url}?lang=fr`, { method: 'POST', body: new URLSearchParams(fields), headers: ip ? { 'x-forwarded-for': ip } : {} })
    const bad = await post({ firstName: 'Jo', lastName: '', email: 'not-an-email' })
    expect(bad.status).toBe(400)
    const said = await bad.text()
    expect(said).toContain('Adresse e-mail')
    // The form is in French, and so is what it says of each field.
    expect(said).toContain('adresse e-mail attendue, par exemple nom@exemple.org')
    expect(said).toContain('ne doit pas être vide')
    expect(said).not.toContain('expected an e-mail')
    const robot = await post({ firstName: 'Bot', lastName: 'Bot', email: 'bot@example.org', website: 'http://spam' })
    expect(robot.status).toBe(200)
    const ok = await post({ firstName: 'Jo', lastName: 'Joiner', email: 'jo@example.org', consentNewsletter: 'yes' })
    expect(ok.status).toBe(201)
    const pending = (await admin.get('/members?pending=true')).body.members
    expect(pending.map((m: any) => m.lastName)).toEqual(['Joiner'])
    expect(pending[0]).toMatchObject({ pending: true, consent: { newsletter: true } })
    expect((await admin.post(`/members/${pending[0].id}/approve`)).body.pending).toBe(false)
    expect((await admin.post(`/members/${pending[0].id}/approve`)).status).toBe(409)
    expect((await admin.get('/members?pending=true')).body.total).toBe(0)
    let last = 0
    for (let i = 0; i < 6; i++) last = (await post({ firstName: 'R', lastName: `R${i}`, email: `r${i}@example.org` })).status
    expect(last).toBe(429)
  })
})
