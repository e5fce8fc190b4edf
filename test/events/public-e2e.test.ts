/**
 * The public side on the real host, end to end: events created through the organiser API (VEVENTs in the
 * association calendar, indexed by core's reader), the mini-site and event pages, sign-up with a real SMTP
 * listener, a member's one click with a real session, feeds, cancellation, and the housekeeping job on BullMQ.
 */
import ICAL from 'ical.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REGISTRATIONS_QUEUE } from '../../apps/events/src/registrations/index.ts'
import { startTestServer, type TestServer } from '../support/server.ts'
import { startSmtp, type TestSmtp } from '../support/smtp.ts'
import { addAccount, appPassword, basic, client, phone } from './events-support.ts'
import { from, linkIn, postForm } from './public-support.ts'

const SLUG = 'chorale'
let t: TestServer
let smtp: TestSmtp
let api: ReturnType<typeof client>
let p: string

const local = (days: number, hour: number) => {
  const d = new Date(Date.now() + days * 24 * 3600_000)
  return `${d.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00`
}

beforeAll(async () => {
  smtp = await startSmtp()
  t = await startTestServer({ SMTP_URL: smtp.url })
  await t.createSpace(SLUG, { admin: { username: 'ada', password: 'ada-password-1' }, name: 'Chorale du Port' })
  api = client(`${t.spaceUrl(SLUG)}/apps/events/api`, await appPassword(t, SLUG, 'ada', 'ada-password-1'))
  p = `${t.spaceUrl(SLUG)}/p`
})
afterAll(async () => {
  await t?.close()
  await smtp?.stop()
})

const mailTo = (who: string, subject: RegExp) => (m: { to?: unknown; subject?: string }) => JSON.stringify(m.to).includes(who) && subject.test(m.subject ?? '')

describe('public side on the real host', () => {
  let id: string

  it('an event created by an organiser is on the mini-site, its page, and the tag feed', async () => {
    const created = await api.post('/events', {
      title: 'Concert de printemps', description: '<p>Chants <em>marins</em></p>', start: local(10, 19), end: local(10, 21), timezone: 'Europe/Paris',
      address: 'Quai des Chartrons, Bordeaux', tags: ['concert'], capacity: 1, joinMode: 'free',
      questions: [{ label: 'Pupitre ?', type: 'choice', choices: ['Soprano', 'Basse'], required: true }],
    })
    expect(created.status).toBe(201)
    id = created.body.id
    const site = await (await fetch(`${p}/`, { headers: { 'accept-language': 'en' } })).text()
    expect(site).toContain('Chorale du Port')
    expect(site).toContain('Concert de printemps')
    const page = await (await fetch(`${p}/events/${id}`, { headers: { 'accept-language': 'en' } })).text()
    expect(page).toContain('<em>marins</em>')
    expect(page).toContain('1 seat left.')
    expect(page).toContain('(Europe/Paris)')
    const ics = await (await fetch(`${p}/events.ics?tag=concert`)).text()
    const uids = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((v) => v.getFirstPropertyValue('uid'))
    expect(uids).toEqual([created.body.uid])
  })

  it('sign-up, confirmation, waiting list, cancel and promotion through the host', async () => {
    const q = 'answers[q1]'
    expect((await postForm(`${p}/events/${id}/signup`, { name: 'Nina', email: 'nina@example.org', [q]: 'Soprano', lang: 'en' }, from(1))).status).toBe(202)
    const nina = linkIn((await smtp.waitFor(mailTo('nina@example.org', /^Confirm/))).text, '/registrations/confirm/')
    expect(nina.startsWith(`${t.spaceUrl(SLUG)}/p/registrations/confirm/`)).toBe(true)
    expect(await (await postForm(nina, {}, { accept: 'application/json' })).json()).toMatchObject({ status: 'confirmed' })
    const ninaManage = linkIn((await smtp.waitFor(mailTo('nina@example.org', /^Sign-up confirmed/))).text, '/registrations/')
    await postForm(`${p}/events/${id}/signup`, { name: 'Omar', email: 'omar@example.org', [q]: 'Basse', lang: 'en' }, from(2))
    const omar = linkIn((await smtp.waitFor(mailTo('omar@example.org', /^Confirm/))).text, '/registrations/confirm/')
    expect(await (await postForm(omar, {}, { accept: 'application/json' })).json()).toMatchObject({ status: 'waiting' })
    expect(await (await postForm(`${ninaManage}/cancel`, {}, { accept: 'application/json' })).json()).toMatchObject({ status: 'cancelled' })
    await smtp.waitFor(mailTo('omar@example.org', /^A seat freed up/))
    const list = await api.get(`/events/${id}/registrations`)
    expect(list.status).toBe(200)
    expect(list.body.confirmed.map((r: { name: string }) => r.name)).toEqual(['Omar'])
    expect(list.body.cancelled.map((r: { name: string }) => r.name)).toEqual(['Nina'])
  })

  /** A browser session of an account: the cookies the login page and the login set. */
  async function sessionOf(username: string, password: string): Promise<string> {
    const loginPage = await fetch(`${t.spaceUrl(SLUG)}/login`, { headers: { accept: 'text/html' } })
    const pre = loginPage.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
    const login = await fetch(`${t.spaceUrl(SLUG)}/api/v1/session`, {
      method: 'POST', headers: { 'content-type': 'application/json', origin: t.url, requesttoken: /data-requesttoken="([^"]+)"/.exec(await loginPage.text())![1]!, cookie: pre },
      body: JSON.stringify({ username, password }),
    })
    expect(login.status).toBe(200)
    return [pre, ...login.headers.getSetCookie().map((c) => c.split(';')[0])].join('; ')
  }

  /** The sign-up form posted by a browser without JavaScript: session cookie and Origin, no requesttoken. */
  const browserSignUp = (eventId: string, cookie: string, origin: string, fields: Record<string, string> = {}) =>
    postForm(`${p}/events/${eventId}/signup`, fields, { cookie, origin, accept: 'application/json' })

  let paulCookie: string
  let members: { id: string }

  it('a member signs up in one click from the script-free form (session cookie and same-origin Origin)', async () => {
    await addAccount(t, SLUG, basic('ada', 'ada-password-1'), { username: 'paul', password: 'paul-password-1', role: 'member', email: 'paul@example.org' })
    paulCookie = await sessionOf('paul', 'paul-password-1')
    const created = await api.post('/events', { title: 'Répétition', start: local(12, 20), end: local(12, 22), visibility: 'members', capacity: 20 })
    members = created.body
    expect((await fetch(`${p}/events/${members.id}`)).status).toBe(404)
    const page = await (await fetch(`${p}/events/${members.id}`, { headers: { cookie: paulCookie, 'accept-language': 'en' } })).text()
    expect(page).toContain('Sign up as paul')
    const res = await browserSignUp(members.id, paulCookie, new URL(t.spaceUrl(SLUG)).origin, { lang: 'en' })
    expect(res.status).toBe(202)
    expect(await res.json()).toMatchObject({ status: 'confirmed' })
    // The member's account e-mail gets the status mail (and so later the promotion and the reminder).
    await smtp.waitFor(mailTo('paul@example.org', /^Sign-up confirmed: Répétition/))
  })

  it('a cross-site post with the member\'s cookie is answered as an anonymous visitor: nothing is signed up for them', async () => {
    const evil = 'https://evil.example'
    // Members-only: a stranger does not even see it.
    expect((await browserSignUp(members.id, paulCookie, evil)).status).toBe(404)
    const open = await api.post('/events', { title: 'Porte ouverte', start: local(13, 18), end: local(13, 20), capacity: 5 })
    const res = await browserSignUp(open.body.id, paulCookie, evil)
    expect(res.status).toBe(400)
    expect((await res.json()).errors?.[0]?.path).toMatch(/^(name|email)$/)
    const list = await api.get(`/events/${open.body.id}/registrations`)
    expect(JSON.stringify(list.body)).not.toContain('paul')
  })

  it('raising the capacity gives the freed seat to the member waiting at once, who gets the e-mail', async () => {
    await addAccount(t, SLUG, basic('ada', 'ada-password-1'), { username: 'lea', password: 'lea-password-1', role: 'member', email: 'lea@example.org' })
    const leaCookie = await sessionOf('lea', 'lea-password-1')
    const small = await api.post('/events', { title: 'Atelier couture', start: local(14, 18), end: local(14, 20), capacity: 1 })
    const origin = new URL(t.spaceUrl(SLUG)).origin
    expect(await (await browserSignUp(small.body.id, leaCookie, origin, { lang: 'en' })).json()).toMatchObject({ status: 'confirmed' })
    expect(await (await browserSignUp(small.body.id, paulCookie, origin, { lang: 'en' })).json()).toMatchObject({ status: 'waiting' })
    expect((await api.patch(`/events/${small.body.id}`, { capacity: 2 })).status).toBe(200)
    // No hourly job in between: the PATCH itself promoted.
    const list = await api.get(`/events/${small.body.id}/registrations`)
    expect(list.body.confirmed.map((r: { name: string }) => r.name).sort()).toEqual(['lea', 'paul'])
    await smtp.waitFor(mailTo('paul@example.org', /^A seat freed up: Atelier couture/))
  })

  it('a cancelled event shows as cancelled, carries STATUS:CANCELLED and refuses sign-ups', async () => {
    expect((await api.post(`/events/${id}/cancel`)).status).toBeLessThan(300)
    const page = await (await fetch(`${p}/events/${id}`, { headers: { 'accept-language': 'en' } })).text()
    expect(page).toContain('This event is cancelled.')
    const ics = await (await fetch(`${p}/events.ics?tag=concert`)).text()
    expect(ics).toContain('STATUS:CANCELLED')
    const res = await postForm(`${p}/events/${id}/signup`, { name: 'Pia', email: 'pia@example.org', 'answers[q1]': 'Basse' }, { accept: 'application/json', ...from(3) })
    expect(res.status).toBe(410)
    expect((await res.json()).code).toBe('event_cancelled')
  })

  it('the housekeeping job runs on BullMQ for the space', async () => {
    const queue = t.server.services.queues.queue(REGISTRATIONS_QUEUE)
    const events = t.server.services.queues.queueEvents(REGISTRATIONS_QUEUE)
    await events.waitUntilReady()
    const job = await queue.add('space', { slug: SLUG }, { jobId: `test-${Date.now()}` })
    expect(await job.waitUntilFinished(events, 20_000)).toEqual({ promoted: 0, notified: 0, reminded: 0, purged: 0 })
  })

  it('a recurring event: each occurrence has its own seats and the form lets people pick the date', async () => {
    const created = await api.post('/events', { title: 'Atelier hebdo', start: local(3, 18), end: local(3, 19), rrule: 'FREQ=WEEKLY;COUNT=3', capacity: 1 })
    expect(created.status).toBe(201)
    const occ = await api.get(`/events/${created.body.id}/occurrences`)
    const starts = occ.body.occurrences.map((o: { start: string }) => o.start)
    expect(starts).toHaveLength(3)
    const page = await (await fetch(`${p}/events/${created.body.id}`, { headers: { 'accept-language': 'en' } })).text()
    expect(page).toContain('Other dates')
    expect(page).toContain('<select id="occurrence" name="occurrence">')
    const second = starts[1]
    expect((await postForm(`${p}/events/${created.body.id}/signup`, { name: 'Quentin', email: 'quentin@example.org', occurrence: second, lang: 'en' }, from(20))).status).toBe(202)
    const link = linkIn((await smtp.waitFor(mailTo('quentin@example.org', /^Confirm/))).text, '/registrations/confirm/')
    expect(await (await postForm(link, {}, { accept: 'application/json' })).json()).toMatchObject({ status: 'confirmed' })
    const secondPage = await (await fetch(`${p}/events/${created.body.id}?occurrence=${encodeURIComponent(second)}`, { headers: { 'accept-language': 'en' } })).text()
    expect(secondPage).toContain('data-seats-left="0"')
    const firstPage = await (await fetch(`${p}/events/${created.body.id}`, { headers: { 'accept-language': 'en' } })).text()
    expect(firstPage).toContain('data-seats-left="1"')
    const bad = await postForm(`${p}/events/${created.body.id}/signup`, { name: 'R', email: 'r@example.org', occurrence: '2031-01-01T00:00:00Z' }, { accept: 'application/json', ...from(21) })
    expect(bad.status).toBe(404)
  })

  it('an edit made on a phone (CalDAV) reaches the public page and the feed', async () => {
    const created = await api.post('/events', { title: 'Before the phone', start: local(15, 18), end: local(15, 19), tags: ['phone'] })
    const cal = phone(t, SLUG, 'ada', basic('ada', 'ada-password-1'))
    const obj = await cal.get(`${created.body.uid}.ics`)
    expect(obj.status).toBe(200)
    const edited = obj.text.replace(/SUMMARY:[^\r\n]*/, 'SUMMARY:After the phone')
    expect(await cal.put(`${created.body.uid}.ics`, edited, obj.etag ? { 'if-match': obj.etag } : {})).toBeLessThan(300)
    await expect.poll(async () => (await (await fetch(`${p}/events/${created.body.id}`)).text()).includes('After the phone'), { timeout: 20_000, interval: 500 }).toBe(true)
    await expect.poll(async () => (await (await fetch(`${p}/events.ics?tag=phone`)).text()).includes('SUMMARY:After the phone'), { timeout: 20_000, interval: 500 }).toBe(true)
  })
})
