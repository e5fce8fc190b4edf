import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSmtp, type TestSmtp } from '../support/smtp.ts'
import { basic, client, startMembersServer, type MembersTestServer } from './support.ts'

let t: MembersTestServer
let smtp: TestSmtp
let admin: ReturnType<typeof client>

beforeAll(async () => {
  smtp = await startSmtp()
  t = await startMembersServer({ SMTP_URL: smtp.url }, '2026-01-01T09:00:00Z')
  await t.createSpace('club')
  admin = client(t.api('club'), basic('admin', 'club-password-1'))
})
afterAll(async () => {
  await t?.close()
  await smtp?.stop()
})

const to = (m: { to?: unknown }) => [m.to].flat().map((a: any) => a?.text).join(',')

async function runAndSettle(): Promise<void> {
  expect((await admin.post('/reminders/run')).status).toBe(202)
  // The run is a BullMQ job, then each mail another: give both time to drain.
  await new Promise((r) => setTimeout(r, 1500))
}

describe('reminders over real SMTP with a moved clock', () => {
  it('sends the right reminders once each; renewing moves the next one', async () => {
    const former = (await admin.post('/categories', { name: 'Anciens', hidden: true })).body
    const act = (await admin.post('/activities', { name: 'Cotisation', validity: { kind: 'days', days: 30 }, fees: [{ label: 'Normal', amountCents: 2000 }] })).body
    const tpl = { fr: { subject: 'J{{expiryDate}} {{name}}', body: 'Bonjour {{firstName}}, {{amount}}' }, en: { subject: 'D{{expiryDate}} {{name}}', body: 'Hello {{firstName}}, {{amount}}' } }
    await admin.post(`/activities/${act.id}/reminder-rules`, { offsetDays: -5, templates: tpl })
    await admin.post(`/activities/${act.id}/reminder-rules`, { offsetDays: 2, templates: tpl })
    const mk = async (body: object) => (await admin.post('/members', body)).body
    const ana = await mk({ firstName: 'Ana', lastName: 'A', email: 'ana@example.org' })
    const bob = await mk({ firstName: 'Bob', lastName: 'B', email: 'bob@example.org', language: 'en' })
    const cid = await mk({ firstName: 'Cid', lastName: 'C', email: 'cid@example.org', categoryId: former.id })
    const dan = await mk({ firstName: 'Dan', lastName: 'D' })
    const eve = await mk({ firstName: 'Eve', lastName: 'E', email: 'eve@example.org', remindersOptOut: true })
    for (const m of [ana, bob, cid, dan, eve]) {
      expect((await admin.post(`/members/${m.id}/payments`, { activityId: act.id, amountCents: 2000, paidOn: '2026-01-01', method: 'cash' })).status).toBe(201)
    }
    // All expire on 2026-01-30: the first rule is due on the 25th.
    t.setNow('2026-01-24T08:00:00Z')
    await runAndSettle()
    expect(smtp.messages).toHaveLength(0)
    t.setNow('2026-01-25T08:00:00Z')
    await runAndSettle()
    await smtp.waitFor((m) => to(m).includes('bob@'))
    await smtp.waitFor((m) => to(m).includes('ana@'))
    await runAndSettle()
    expect(smtp.messages.map(to).sort()).toEqual(['ana@example.org', 'bob@example.org'])
    const bobMail = smtp.messages.find((m) => to(m).includes('bob@'))!
    expect(bobMail.subject).toBe('D30 January 2026 Bob B')
    expect(bobMail.text).toContain('Hello Bob, €20.00')
    expect(smtp.messages.find((m) => to(m).includes('ana@'))!.subject).toBe('J30 janvier 2026 Ana A')

    // Bob renews: his "after expiry" reminder must not come; Ana's does, once.
    await admin.post(`/members/${bob.id}/payments`, { activityId: act.id, amountCents: 2000, paidOn: '2026-01-26', method: 'card' })
    t.setNow('2026-02-01T08:00:00Z')
    await runAndSettle()
    await runAndSettle()
    expect(smtp.messages.map(to).sort()).toEqual(['ana@example.org', 'ana@example.org', 'bob@example.org'])
    const log = await admin.get(`/members/${ana.id}/reminders`)
    expect(log.body.reminders.map((r: any) => r.expiresOn)).toEqual(['2026-01-30', '2026-01-30'])
    expect((await admin.get(`/members/${bob.id}/reminders`)).body.reminders).toHaveLength(1)
    // Bob's next expiry (2026-03-01) brings its own reminder on 2026-02-24.
    t.setNow('2026-02-24T08:00:00Z')
    await runAndSettle()
    await smtp.waitFor((m) => to(m).includes('bob@') && m.subject === 'D1 March 2026 Bob B')
    expect(smtp.messages).toHaveLength(4)
  })
})
