import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildEvent, from, postForm, startPublicHarness, type PublicHarness } from './public-support.ts'

let h: PublicHarness
beforeAll(async () => {
  h = await startPublicHarness({ spaceName: 'Les Amis du Quartier' })
  // The look the host hands out (AppServices.appearance): the app never reads the workspace's tables.
  h.look = { colors: { primary: '#aa3355', background: '#fff8f0' }, logoUrl: '/s/pub/logo' }
})
afterAll(async () => {
  await h?.close()
})

const DAY = 24 * 3600_000
const jsonLdOf = (html: string) => JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!)

describe('mini-site', () => {
  it('lists upcoming and past listed events in the space colours, FR by default and EN on request', async () => {
    h.reader.presentationHtml = '<p>Nous animons le quartier.</p>'
    const up = buildEvent({ id: 'up', title: 'Vide-grenier' })
    const gone = buildEvent({ id: 'gone', title: 'Fête passée', start: new Date(Date.now() - 10 * DAY).toISOString(), end: new Date(Date.now() - 10 * DAY + 3600_000).toISOString() })
    const cancelled = buildEvent({ id: 'cx', title: 'Pique-nique', status: 'cancelled' })
    const hidden = [buildEvent({ id: 'h1', title: 'Brouillon', draft: true }), buildEvent({ id: 'h2', title: 'Caché', visibility: 'unlisted' }), buildEvent({ id: 'h3', title: 'Réservé', visibility: 'members' })]
    h.reader.put(up, gone, cancelled, ...hidden)
    const res = await fetch(`${h.p}/`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    const html = await res.text()
    expect(html).toContain('<html lang="fr">')
    expect(html).toContain('Prochains événements')
    expect(html).toContain('Nous animons le quartier.')
    expect(html).toContain('--primary:#aa3355')
    expect(html).toContain('src="/s/pub/logo"')
    expect(html).toContain('Vide-grenier')
    expect(html).toContain('Fête passée')
    expect(html).toMatch(/data-status="cancelled"[\s\S]*Pique-nique/)
    for (const t of ['Brouillon', 'Caché', 'Réservé']) expect(html).not.toContain(t)
    expect(html).toContain('webcal://')
    expect(html).not.toContain('<script src')
    const member = await (await fetch(`${h.p}/`, { headers: h.as('zoe') })).text()
    expect(member).toContain('Réservé')
    expect(member).not.toContain('Caché')
    const en = await (await fetch(`${h.p}/`, { headers: { 'accept-language': 'en-GB,en;q=0.9' } })).text()
    expect(en).toContain('<html lang="en">')
    expect(en).toContain('Upcoming events')
    expect(en).toContain('href="/s/pub/p/?lang=fr"')
    expect(await (await fetch(`${h.p}/?lang=fr`, { headers: { 'accept-language': 'en' } })).text()).toContain('Prochains événements')
  })
})

describe('event page', () => {
  it('shows details in the event zone, map, calendar and share links, accessibility, OpenGraph and JSON-LD', async () => {
    const event = buildEvent({
      id: 'fete', title: 'Fête de la musique', start: '2030-06-21T16:00:00.000Z', end: '2030-06-21T20:00:00.000Z', timezone: 'America/New_York',
      address: '5 place du Marché, Lyon', accessibility: 'Accès en fauteuil par la rue latérale.', pictureUrl: 'https://img.example/fete.png', capacity: 30,
      questions: [{ id: 'instr', label: 'Instrument', type: 'text', required: false }],
    })
    h.reader.put(event)
    const res = await fetch(`${h.p}/events/fete`, { headers: { 'accept-language': 'en' } })
    expect(res.status).toBe(200)
    const html = await res.text()
    // 16:00 UTC is 12:00 in New York (EDT).
    expect(html).toContain('12:00')
    expect(html).toContain('America/New_York')
    expect(html).toContain('https://www.openstreetmap.org/search?query=5%20place%20du%20March%C3%A9%2C%20Lyon')
    expect(html).toContain('href="http://127.0.0.1:')
    expect(html).toMatch(/href="[^"]*\/p\/events\/fete\.ics"/)
    expect(html).toMatch(/href="webcal:\/\/127\.0\.0\.1:\d+\/s\/pub\/p\/events\/fete\.ics"/)
    expect(html).toContain('Accès en fauteuil par la rue latérale.')
    expect(html).toContain('30 seats left.')
    expect(html).toContain('<meta property="og:title" content="Fête de la musique">')
    expect(html).toContain('<meta property="og:image" content="https://img.example/fete.png">')
    expect(html).toContain('https://www.facebook.com/sharer/sharer.php?u=')
    const ld = jsonLdOf(html)
    expect(ld).toMatchObject({ '@type': 'Event', name: 'Fête de la musique', startDate: '2030-06-21T16:00:00.000Z', eventStatus: 'https://schema.org/EventScheduled' })
    expect(ld.location[0]).toMatchObject({ '@type': 'Place', address: '5 place du Marché, Lyon' })
  })

  it('drafts, scheduled and members-only events are not found by strangers; unlisted ones are, with noindex; cancelled ones say so', async () => {
    const later = new Date(Date.now() + 5 * DAY).toISOString()
    h.reader.put(
      buildEvent({ id: 'd', draft: true }), buildEvent({ id: 's', publishAt: later }), buildEvent({ id: 'm', visibility: 'members' }),
      buildEvent({ id: 'u', visibility: 'unlisted', title: 'Secret garden' }), buildEvent({ id: 'c', status: 'cancelled', title: 'Rained out', capacity: 10 }),
    )
    // A calendar-only event (made on a phone, never published in the app) stays hidden by its id too, even if a reader says it is no draft.
    h.reader.put(buildEvent({ id: 'phone', calendarOnly: true, draft: false }))
    for (const id of ['d', 's', 'm', 'phone', 'unknown']) expect((await fetch(`${h.p}/events/${id}`)).status, id).toBe(404)
    expect((await postForm(`${h.p}/events/phone/signup`, { name: 'Eve', email: 'eve@example.org' }, { accept: 'application/json', ...from(90) })).status).toBe(404)
    expect((await fetch(`${h.p}/events/m`, { headers: h.as('zoe') })).status).toBe(200)
    for (const id of ['d', 'phone']) expect((await fetch(`${h.p}/events/${id}`, { headers: h.as('zoe') })).status, id).toBe(404)
    const unlisted = await (await fetch(`${h.p}/events/u`)).text()
    expect(unlisted).toContain('Secret garden')
    expect(unlisted).toContain('<meta name="robots" content="noindex">')
    const cancelled = await (await fetch(`${h.p}/events/c`, { headers: { 'accept-language': 'en' } })).text()
    expect(cancelled).toContain('This event is cancelled.')
    expect(cancelled).toContain('Sign-ups are closed: the event is cancelled.')
    expect(cancelled).not.toContain('<form')
    expect(jsonLdOf(cancelled).eventStatus).toBe('https://schema.org/EventCancelled')
  })

  it('external and no-sign-up modes; a member page is private to caches', async () => {
    h.reader.put(buildEvent({ id: 'ext', joinMode: 'external', externalUrl: 'https://tickets.example/x' }), buildEvent({ id: 'no', joinMode: 'none' }), buildEvent({ id: 'bad', joinMode: 'external', externalUrl: 'javascript:alert(1)' }))
    expect(await (await fetch(`${h.p}/events/ext`)).text()).toContain('href="https://tickets.example/x"')
    expect(await (await fetch(`${h.p}/events/no`)).text()).not.toContain('<form')
    expect(await (await fetch(`${h.p}/events/bad`)).text()).not.toContain('javascript:')
    const anon = await fetch(`${h.p}/events/ext`)
    expect(anon.headers.get('cache-control')).toContain('public')
    const member = await fetch(`${h.p}/events/ext`, { headers: h.as('zoe') })
    expect(member.headers.get('cache-control')).toContain('private')
  })
})
