import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registrationsEnv } from '../../apps/events/src/registrations/context.ts'
import { purgeExpired, resendUnnotified, sendDueReminders } from '../../apps/events/src/registrations/housekeeping.ts'
import { cancelRegistration, fillFreeSeats } from '../../apps/events/src/registrations/signup.ts'
import { buildEvent, from, linkIn, postForm, startPublicHarness, type PublicHarness } from './public-support.ts'

let now = new Date()
let h: PublicHarness
beforeAll(async () => {
  h = await startPublicHarness({ clock: () => now })
})
afterAll(async () => {
  await h?.close()
})

const HOUR = 3600_000
const env = () => registrationsEnv(h.t.server.services, h.reader, h.space)

async function signUpAndConfirm(eventId: string, who: string, n: number): Promise<void> {
  await postForm(`${h.p}/events/${eventId}/signup`, { name: who, email: `${who}@example.org`, lang: 'en' }, from(n))
  const link = linkIn((await h.smtp.waitFor((m) => JSON.stringify(m.to).includes(`${who}@example.org`) && /^Confirm/.test(m.subject ?? ''))).text, '/registrations/confirm/')
  const res = await postForm(link, {}, { accept: 'application/json' })
  expect((await res.json()).status).toBe('confirmed')
}

const mailsTo = (who: string, subject: RegExp) => h.smtp.messages.filter((m) => JSON.stringify(m.to).includes(`${who}@example.org`) && subject.test(m.subject ?? ''))

describe('reminders, retention and messages', () => {
  it('reminds each confirmed participant once, the day before; later the personal data goes and the counts stay', async () => {
    now = new Date()
    const start = new Date(now.getTime() + 40 * HOUR)
    const event = buildEvent({ title: 'Rando', start: start.toISOString(), end: new Date(start.getTime() + 3 * HOUR).toISOString() })
    const other = buildEvent({ title: 'Cancelled one', start: start.toISOString(), end: new Date(start.getTime() + HOUR).toISOString() })
    h.reader.put(event, other)
    await signUpAndConfirm(event.id, 'ida', 1)
    await signUpAndConfirm(event.id, 'jon', 2)
    await signUpAndConfirm(other.id, 'kim', 3)
    h.reader.put({ ...other, status: 'cancelled' })

    expect(await sendDueReminders(env())).toBe(0)
    now = new Date(start.getTime() - 20 * HOUR)
    expect(await sendDueReminders(env())).toBe(2)
    expect(await sendDueReminders(env())).toBe(0)
    await h.smtp.waitFor((m) => JSON.stringify(m.to).includes('ida@example.org') && /^Reminder: Rando tomorrow$/.test(m.subject ?? ''))
    await h.smtp.waitFor((m) => JSON.stringify(m.to).includes('jon@example.org') && /^Reminder/.test(m.subject ?? ''))
    await new Promise((r) => setTimeout(r, 500))
    expect(mailsTo('ida', /^Reminder/)).toHaveLength(1)
    expect(mailsTo('kim', /^Reminder/)).toHaveLength(0)

    now = new Date(start.getTime() + 3 * HOUR + 89 * 24 * HOUR)
    expect(purgeExpired(env(), 90)).toBe(0)
    now = new Date(start.getTime() + 3 * HOUR + 91 * 24 * HOUR)
    expect(purgeExpired(env(), 90)).toBe(3)
    const rows = h.db.prepare('SELECT status, name, email, answers, purged_at FROM events_registrations WHERE event_id = ?').all(event.id) as Record<string, unknown>[]
    expect(rows).toHaveLength(2)
    for (const r of rows) expect(r).toMatchObject({ status: 'confirmed', name: null, email: null, answers: '{}' })
    const list = await (await fetch(`${h.spaceUrl}/apps/events/api/events/${event.id}/registrations`, { headers: h.as('admin', 'admin') })).json()
    expect(list.confirmed).toHaveLength(2)
    expect(list.confirmed[0].email).toBeNull()
  })

  it('messages all participants once, even when the request is retried', async () => {
    now = new Date()
    const event = buildEvent({ title: 'AG' })
    h.reader.put(event)
    await signUpAndConfirm(event.id, 'lea', 10)
    await signUpAndConfirm(event.id, 'max', 11)
    const api = `${h.spaceUrl}/apps/events/api/events/${event.id}/messages`
    const messageId = crypto.randomUUID()
    const send = () => fetch(api, { method: 'POST', headers: { ...h.as('admin', 'admin'), 'content-type': 'application/json' }, body: JSON.stringify({ subject: 'Salle changée', body: 'Rendez-vous salle B.\n\nMerci !', messageId }) })
    const first = await send()
    expect(first.status).toBe(202)
    expect(await first.json()).toMatchObject({ recipients: 2 })
    await h.smtp.waitFor((m) => JSON.stringify(m.to).includes('lea@example.org') && m.subject === 'Salle changée')
    await h.smtp.waitFor((m) => JSON.stringify(m.to).includes('max@example.org') && m.subject === 'Salle changée')
    expect((await send()).status).toBe(409)
    await new Promise((r) => setTimeout(r, 500))
    expect(mailsTo('lea', /^Salle changée$/)).toHaveLength(1)
    const bad = await fetch(api, { method: 'POST', headers: { ...h.as('admin', 'admin'), 'content-type': 'application/json' }, body: JSON.stringify({ subject: '', body: 'x' }) })
    expect(bad.status).toBe(400)
    expect((await bad.json()).errors[0].path).toBe('subject')
    const stranger = await fetch(api, { method: 'POST', headers: { ...h.as('nobody'), 'content-type': 'application/json' }, body: JSON.stringify({ subject: 'x', body: 'y' }) })
    expect(stranger.status).toBe(403)
  })

  it('raising the capacity gives the new seats to the first people waiting, in order', async () => {
    now = new Date()
    const event = buildEvent({ title: 'Stage', capacity: 1 })
    h.reader.put(event)
    for (const [n, who] of ['quin', 'rosa', 'sam', 'tom'].entries()) {
      await postForm(`${h.p}/events/${event.id}/signup`, { name: who, email: `${who}@example.org`, lang: 'en' }, from(30 + n))
      const link = linkIn((await h.smtp.waitFor((m) => JSON.stringify(m.to).includes(`${who}@example.org`) && /^Confirm/.test(m.subject ?? ''))).text, '/registrations/confirm/')
      await postForm(link, {}, { accept: 'application/json' })
    }
    expect(await fillFreeSeats(env())).toBe(0)
    h.reader.put({ ...event, capacity: 3 })
    expect(await fillFreeSeats(env())).toBe(2)
    await h.smtp.waitFor((m) => JSON.stringify(m.to).includes('rosa@example.org') && /^A seat freed up/.test(m.subject ?? ''))
    await h.smtp.waitFor((m) => JSON.stringify(m.to).includes('sam@example.org') && /^A seat freed up/.test(m.subject ?? ''))
    const rows = h.db.prepare('SELECT name, status FROM events_registrations WHERE event_id = ? ORDER BY created_at').all(event.id)
    expect(rows).toEqual([{ name: 'quin', status: 'confirmed' }, { name: 'rosa', status: 'confirmed' }, { name: 'sam', status: 'confirmed' }, { name: 'tom', status: 'waiting' }])
    expect(await fillFreeSeats(env())).toBe(0)
  })
})

describe('status e-mails a dying process did not queue', () => {
  it('the housekeeping sends the promotion e-mail left unsent after the deciding commit, once', async () => {
    now = new Date()
    const event = buildEvent({ title: 'Atelier pain', capacity: 1 })
    h.reader.put(event)
    await signUpAndConfirm(event.id, 'oona', 40)
    await postForm(`${h.p}/events/${event.id}/signup`, { name: 'remy', email: 'remy@example.org', lang: 'en' }, from(41))
    const link = linkIn((await h.smtp.waitFor((m) => JSON.stringify(m.to).includes('remy@example.org') && /^Confirm/.test(m.subject ?? ''))).text, '/registrations/confirm/')
    expect((await (await postForm(link, {}, { accept: 'application/json' })).json()).status).toBe('waiting')
    const oona = h.db.prepare("SELECT id FROM events_registrations WHERE email = 'oona@example.org'").get() as { id: string }
    // Oona cancels; the process dies after the commit that promoted Rémy, before queueing his e-mail.
    const dying = registrationsEnv({ ...h.t.server.services, sendMail: async () => { throw new Error('process died') } }, h.reader, h.space)
    await expect(cancelRegistration(dying, oona.id)).rejects.toThrow('process died')
    expect(h.db.prepare("SELECT status, notified_at FROM events_registrations WHERE email = 'remy@example.org'").get()).toEqual({ status: 'confirmed', notified_at: null })
    expect(await resendUnnotified(env())).toBe(1)
    expect(await resendUnnotified(env())).toBe(0)
    await h.smtp.waitFor((m) => JSON.stringify(m.to).includes('remy@example.org') && /^A seat freed up: Atelier pain$/.test(m.subject ?? ''))
    await new Promise((r) => setTimeout(r, 500))
    expect(mailsTo('remy', /^A seat freed up/)).toHaveLength(1)
    expect(mailsTo('oona', /^A seat freed up/)).toHaveLength(0)
  })
})
