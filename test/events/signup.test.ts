import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildEvent, from, linkIn, postForm, startPublicHarness, type PublicHarness } from './public-support.ts'

let h: PublicHarness
beforeAll(async () => {
  h = await startPublicHarness()
})
afterAll(async () => {
  await h?.close()
})

const statusOf = (h: PublicHarness, email: string): string | undefined =>
  (h.db.prepare("SELECT status FROM events_registrations WHERE email = ? AND status NOT IN ('cancelled','refused')").get(email) as { status: string } | undefined)?.status

const mailTo = (to: string, subject: RegExp) => (m: { to?: unknown; subject?: string }) =>
  JSON.stringify(m.to).includes(to) && subject.test(m.subject ?? '')

describe('sign-up without an account', () => {
  it('sign-up → confirm → waiting list → cancel → promotion, with the e-mails of each step', async () => {
    const event = buildEvent({ title: 'Repair café', capacity: 1, questions: [{ id: 'diet', label: 'Diet', type: 'choice', choices: ['veg', 'any'], required: true }] })
    h.reader.put(event)
    const en = { 'accept-language': 'en' }

    const page = await fetch(`${h.p}/events/${event.id}`, { headers: en })
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('1 seat left.')
    expect(html).toContain('name="answers[diet]"')

    const alice = await postForm(`${h.p}/events/${event.id}/signup`, { name: 'Alice', email: 'alice@example.org', 'answers[diet]': 'veg', lang: 'en' }, { ...en, ...from(1) })
    expect(alice.status).toBe(202)
    expect(await alice.text()).toContain('Check your mailbox')
    expect(statusOf(h, 'alice@example.org')).toBe('unconfirmed')
    const confirmMail = await h.smtp.waitFor(mailTo('alice@example.org', /^Confirm your sign-up: Repair café$/))
    const confirmLink = linkIn(confirmMail.text, '/registrations/confirm/')

    // Opening the link (a mail scanner would) only shows a button.
    const shown = await fetch(confirmLink, { headers: en })
    expect(shown.status).toBe(200)
    expect(await shown.text()).toContain('Confirm my sign-up')
    expect(statusOf(h, 'alice@example.org')).toBe('unconfirmed')

    const confirmed = await postForm(confirmLink, { lang: 'en' }, { ...en, accept: 'application/json' })
    expect(confirmed.status).toBe(200)
    expect(await confirmed.json()).toMatchObject({ status: 'confirmed', already: false })
    const seatMail = await h.smtp.waitFor(mailTo('alice@example.org', /^Sign-up confirmed: Repair café$/))
    const aliceManage = linkIn(seatMail.text, '/registrations/')

    const again = await postForm(confirmLink, {}, { accept: 'application/json' })
    expect(await again.json()).toMatchObject({ status: 'confirmed', already: true })

    await postForm(`${h.p}/events/${event.id}/signup`, { name: 'Bob', email: 'bob@example.org', 'answers[diet]': 'any' }, { ...en, ...from(2) })
    const bobConfirm = linkIn((await h.smtp.waitFor(mailTo('bob@example.org', /^Confirm your sign-up/))).text, '/registrations/confirm/')
    const bob = await postForm(bobConfirm, { lang: 'en' }, { accept: 'application/json' })
    expect(await bob.json()).toMatchObject({ status: 'waiting' })
    await h.smtp.waitFor(mailTo('bob@example.org', /^Waiting list: Repair café$/))
    const full = await (await fetch(`${h.p}/events/${event.id}`, { headers: en })).text()
    expect(full).toContain('Full: waiting list (1 person waiting).')

    const cancel = await postForm(`${aliceManage}/cancel`, { lang: 'en' }, { accept: 'application/json' })
    expect(await cancel.json()).toMatchObject({ status: 'cancelled', already: false })
    await h.smtp.waitFor(mailTo('bob@example.org', /^A seat freed up: Repair café$/))
    expect(statusOf(h, 'bob@example.org')).toBe('confirmed')

    // A replayed cancel link answers clearly and changes nothing (Bob keeps the seat, no second promotion).
    const replay = await postForm(`${aliceManage}/cancel`, {}, { accept: 'application/json' })
    expect(await replay.json()).toMatchObject({ status: 'cancelled', already: true })
    const replayPage = await postForm(`${aliceManage}/cancel`, { lang: 'en' })
    expect(await replayPage.text()).toContain('already cancelled: nothing changed')
    expect(statusOf(h, 'bob@example.org')).toBe('confirmed')
    const counts = h.db.prepare('SELECT status, count(*) AS n FROM events_registrations WHERE event_id = ? GROUP BY status ORDER BY status').all(event.id)
    expect(counts).toEqual([{ status: 'cancelled', n: 1 }, { status: 'confirmed', n: 1 }])
  })

  it('answers a second sign-up of the same person without a second row', async () => {
    const event = buildEvent()
    h.reader.put(event)
    const first = await postForm(`${h.p}/events/${event.id}/signup`, { name: 'Carol', email: 'Carol@Example.org' }, { accept: 'application/json', ...from(3) })
    expect(first.status).toBe(202)
    const second = await postForm(`${h.p}/events/${event.id}/signup`, { name: 'Carol', email: 'carol@example.org' }, { accept: 'application/json', ...from(3) })
    expect(second.status).toBe(200)
    expect(await second.json()).toMatchObject({ outcome: 'existing', status: 'unconfirmed' })
    expect(h.db.prepare('SELECT count(*) AS n FROM events_registrations WHERE event_id = ?').get(event.id)).toEqual({ n: 1 })
    // Each new request re-sends the confirmation (the first mail may be lost), three in all, never more.
    for (let i = 0; i < 2; i++) {
      expect((await postForm(`${h.p}/events/${event.id}/signup`, { name: 'Carol', email: 'carol@example.org' }, { accept: 'application/json', ...from(3) })).status).toBe(200)
    }
    const confirmations = () => h.smtp.messages.filter((m) => JSON.stringify(m.to).includes('carol@example.org') && /^Confirm/.test(m.subject ?? '')).length
    await expect.poll(confirmations, { timeout: 15_000, interval: 200 }).toBe(3)
    await new Promise((r) => setTimeout(r, 1500))
    expect(confirmations()).toBe(3)
  })

  it('a member signs up in one click, without an e-mail round trip', async () => {
    const event = buildEvent({ capacity: 5, visibility: 'members' })
    h.reader.put(event)
    expect((await fetch(`${h.p}/events/${event.id}`)).status).toBe(404)
    const page = await (await fetch(`${h.p}/events/${event.id}`, { headers: { ...h.as('dora'), 'accept-language': 'en' } })).text()
    expect(page).toContain('Sign up as Member dora')
    const res = await postForm(`${h.p}/events/${event.id}/signup`, {}, { ...h.as('dora'), accept: 'application/json', ...from(4) })
    expect(res.status).toBe(202)
    const body = await res.json()
    expect(body).toMatchObject({ outcome: 'created', status: 'confirmed' })
    expect(body.manageUrl).toMatch(/\/p\/registrations\//)
    const after = await (await fetch(`${h.p}/events/${event.id}`, { headers: { ...h.as('dora'), 'accept-language': 'en' } })).text()
    expect(after).toContain('data-registration-status="confirmed"')
    // Strangers cannot sign up to a members-only event, even by posting directly.
    const stranger = await postForm(`${h.p}/events/${event.id}/signup`, { name: 'X', email: 'x@example.org' }, { accept: 'application/json', ...from(5) })
    expect(stranger.status).toBe(404)
  })

  it('approval mode: pending until an organiser approves; refusal mails the person', async () => {
    const event = buildEvent({ joinMode: 'approval', capacity: 10, title: 'Atelier' })
    h.reader.put(event)
    const ids: string[] = []
    for (const [n, who] of ['eve', 'fred'].entries()) {
      await postForm(`${h.p}/events/${event.id}/signup`, { name: who, email: `${who}@example.org`, lang: 'en' }, from(10 + n))
      const link = linkIn((await h.smtp.waitFor(mailTo(`${who}@example.org`, /^Confirm/))).text, '/registrations/confirm/')
      const res = await postForm(link, {}, { accept: 'application/json' })
      expect(await res.json()).toMatchObject({ status: 'pending' })
      await h.smtp.waitFor(mailTo(`${who}@example.org`, /^Sign-up received/))
      ids.push((h.db.prepare('SELECT id FROM events_registrations WHERE email = ?').get(`${who}@example.org`) as { id: string }).id)
    }
    const api = `${h.spaceUrl}/apps/events/api/events/${event.id}`
    const denied = await fetch(`${api}/registrations/${ids[0]}/approve`, { method: 'POST', headers: h.as('someone') })
    expect(denied.status).toBe(403)
    const ok = await fetch(`${api}/registrations/${ids[0]}/approve`, { method: 'POST', headers: h.as('admin', 'admin') })
    expect(ok.status).toBe(200)
    expect(await ok.json()).toMatchObject({ status: 'confirmed' })
    await h.smtp.waitFor(mailTo('eve@example.org', /^Sign-up confirmed: Atelier/))
    const twice = await fetch(`${api}/registrations/${ids[0]}/approve`, { method: 'POST', headers: h.as('admin', 'admin') })
    expect(twice.status).toBe(409)
    const refused = await fetch(`${api}/registrations/${ids[1]}/refuse`, { method: 'POST', headers: h.as('admin', 'admin') })
    expect(await refused.json()).toMatchObject({ status: 'refused' })
    await h.smtp.waitFor(mailTo('fred@example.org', /^Sign-up not accepted: Atelier/))
    const list = await (await fetch(`${api}/registrations`, { headers: h.as('admin', 'admin') })).json()
    expect(list.confirmed.map((p: { name: string }) => p.name)).toEqual(['eve'])
    expect(list.refused.map((p: { name: string }) => p.name)).toEqual(['fred'])
  })
})

describe('bad input', () => {
  const post = (id: string, fields: Record<string, string>, n: number) =>
    postForm(`${h.p}/events/${id}/signup`, fields, { accept: 'application/json', ...from(100 + n) })

  it('names the wrong field, refuses closed events clearly and stores nothing', async () => {
    const event = buildEvent({ questions: [{ id: 'size', label: 'T-shirt', type: 'choice', choices: ['S', 'M'], required: true }, { id: 'ok', label: 'Rules', type: 'checkbox', required: true }] })
    const cancelled = buildEvent({ status: 'cancelled' })
    const started = buildEvent({ start: new Date(Date.now() - 3600_000).toISOString(), end: new Date(Date.now() + 3600_000).toISOString() })
    const none = buildEvent({ joinMode: 'none' })
    const draft = buildEvent({ draft: true })
    h.reader.put(event, cancelled, started, none, draft)
    const good = { name: 'Gil', email: 'gil@example.org', 'answers[size]': 'M', 'answers[ok]': 'on' }
    const cases: [string, Record<string, string>, number, string][] = [
      [event.id, { ...good, email: 'not-an-email' }, 400, 'email'],
      [event.id, { ...good, name: '' }, 400, 'name'],
      [event.id, { ...good, 'answers[size]': 'XXL' }, 400, 'answers.size'],
      [event.id, { name: 'Gil', email: 'gil@example.org', 'answers[size]': 'M' }, 400, 'answers.ok'],
      [event.id, { ...good, occurrence: 'yesterday' }, 400, 'occurrence'],
    ]
    for (const [i, [id, fields, status, field]] of cases.entries()) {
      const res = await post(id, fields, i)
      expect(res.status, JSON.stringify(fields)).toBe(status)
      expect((await res.json()).errors[0].path).toBe(field)
    }
    const closed: [string, number, string][] = [[cancelled.id, 410, 'event_cancelled'], [started.id, 410, 'event_past'], [none.id, 409, 'signup_closed'], [draft.id, 404, 'not_found'], ['nope', 404, 'not_found']]
    for (const [i, [id, status, code]] of closed.entries()) {
      const res = await post(id, { ...good, email: `gil${i}@example.org` }, 20 + i)
      expect(res.status).toBe(status)
      expect((await res.json()).code).toBe(code)
    }
    // The page form gets a page (in French by default) with the reason, not a JSON error.
    const page = await postForm(`${h.p}/events/${cancelled.id}/signup`, { ...good, email: 'gil9@example.org' }, from(40))
    expect(page.status).toBe(410)
    expect(page.headers.get('content-type')).toContain('text/html')
    expect(await page.text()).toContain('Cet événement est annulé : les inscriptions sont closes.')
    // …and what is wrong with a field, in French too.
    const field = await postForm(`${h.p}/events/${event.id}/signup`, { ...good, email: 'gil41@example.org', name: '' }, from(41))
    expect(field.status).toBe(400)
    const said = await field.text()
    expect(said).toMatch(/\(Nom : [^)]*\)/)
    expect(said.match(/.{0,200}(Too small|expected|must ).{0,100}/)?.[0] ?? null, "English left in the French page").toBeNull()
    const answer = await (await postForm(`${h.p}/events/${event.id}/signup`, { ...good, email: 'gil42@example.org', 'answers[size]': 'XXL' }, from(42))).text()
    expect(answer.match(/<p class="error">.*?<\/p>/)?.[0]).toMatch(/\(T-shirt : [^)]+\)/)
    expect(h.db.prepare("SELECT count(*) AS n FROM events_registrations WHERE email LIKE 'gil%'").get()).toEqual({ n: 0 })
  })

  it('a filled honeypot looks like success but stores and sends nothing', async () => {
    const event = buildEvent()
    h.reader.put(event)
    const res = await post(event.id, { name: 'Bot', email: 'bot@example.org', website: 'http://spam.example' }, 50)
    expect(res.status).toBe(202)
    expect(h.db.prepare('SELECT count(*) AS n FROM events_registrations WHERE email = ?').get('bot@example.org')).toEqual({ n: 0 })
  })

  it('forged, truncated and cross-purpose links are refused', async () => {
    for (const token of ['abc', 'AAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB', '%3Cscript%3E']) {
      const res = await fetch(`${h.p}/registrations/${token}`, { headers: { accept: 'application/json' } })
      expect(res.status).toBe(404)
      expect((await res.json()).code).toBe('link_invalid')
    }
    const event = buildEvent()
    h.reader.put(event)
    await post(event.id, { name: 'Hal', email: 'hal@example.org' }, 60)
    const confirmLink = linkIn((await h.smtp.waitFor(mailTo('hal@example.org', /Confirm|Confirmez/))).text, '/registrations/confirm/')
    const token = confirmLink.split('/').pop()!
    // A confirm token does not open the cancel action.
    const cancel = await postForm(`${h.p}/registrations/${token}/cancel`, {}, { accept: 'application/json' })
    expect(cancel.status).toBe(404)
  })

  it('rate-limits sign-ups from one address', async () => {
    const event = buildEvent()
    h.reader.put(event)
    const statuses: number[] = []
    for (let i = 0; i < 22; i++) {
      const res = await postForm(`${h.p}/events/${event.id}/signup`, { name: `P${i}`, email: `p${i}@example.org` }, { accept: 'application/json', 'x-forwarded-for': '192.0.2.77' })
      statuses.push(res.status)
      if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
    }
    expect(statuses.filter((s) => s === 202)).toHaveLength(20)
    expect(statuses.slice(20)).toEqual([429, 429])
  })
})
