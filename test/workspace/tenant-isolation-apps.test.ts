/**
 * Tenant isolation of the apps (events organiser API and public side, visuals, space export, CardDAV): every route,
 * with alpha's admin session, alpha's app password and no credentials (and bravo's non-admin member where roles
 * matter), aimed at space bravo's routes and at alpha's own routes carrying bravo's ids and tokens. Each probe
 * states its status; no answer may hold a marker of bravo's data it is not entitled to.
 */
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '@maison/db'
import { startTestServer, type TestServer } from '../support/server.ts'
import { basic } from '../support/session.ts'
import { BRAVO_ADMIN, PUBLIC, SECRET, UNLISTED, alphaCredentials, runProbes, seedBravo, type Bravo, type Cred, type Probe } from './tenant-isolation-apps-support.ts'

const ATTACKERS: Cred[] = ['alpha session', 'alpha app password', 'no credentials']

let t: TestServer
let b: Bravo
const creds = {} as Record<Cred, Record<string, string>>

beforeAll(async () => {
  // TRUST_PROXY: each credential comes from an address of its own (X-Forwarded-For), so the intruders' failed
  // logins, throttled per address, never make bravo's own member wait. BASE_DOMAIN: spaces also answer on
  // {slug}.maison.test, which the host-name probes mix with /s/{space} paths.
  t = await startTestServer({ TRUST_PROXY: 'true', BASE_DOMAIN: 'maison.test' })
  b = await seedBravo(t)
  const alpha = await alphaCredentials(t)
  creds['alpha session'] = alpha.session
  creds['alpha app password'] = alpha.appPassword
  creds['no credentials'] = {}
  creds['bravo member'] = { authorization: basic('max', 'max-password-12') }
  creds['bravo admin'] = { authorization: BRAVO_ADMIN }
  // The short-lived token the host hands alpha's apps for DAV (AppServices.dav), for the same user name "admin".
  const token = (await t.server.services.spaces.use('alpha', (space) => t.server.services.dav.as(space, 'admin'))) as { headers: Record<string, string> }
  creds['alpha DAV token'] = { authorization: token.headers.Authorization! }
  Object.values(creds).forEach((headers, i) => (headers['x-forwarded-for'] = `10.77.0.${i + 1}`))
}, 60_000)
afterAll(async () => t?.close())

const JSON_BODY = { 'content-type': 'application/json' }
const ACCEPT_JSON = { accept: 'application/json' }
/** Denied in bravo: alpha's credentials mean nothing there (429 once the failed logins of that address pile up). */
const INTRUDER = [401, 429]
/** Bravo's public pages: anyone reads them, but a Basic header is checked (and refused) before the page. */
const onBravoPages = (status: number) => ({ 'alpha session': status, 'alpha app password': INTRUDER, 'no credentials': status })
/** Bravo's app pages in the shell: a browser is sent to the login page. */
const BRAVO_SHELL = { 'alpha session': 303, 'alpha app password': INTRUDER, 'no credentials': 303 }
/** Alpha's own API with bravo's ids: alpha's credentials work, bravo's ids do not exist there. */
const ALPHA_WITH_BRAVO_IDS = { 'alpha session': 404, 'alpha app password': 404, 'no credentials': 401 }
/** Alpha's own listing: its own (empty) data, nothing of bravo's. */
const ALPHA_OWN = { 'alpha session': 200, 'alpha app password': 200, 'no credentials': 401 }

const j = (method: string, p: string, body: unknown, status: Probe['status'], extra: Partial<Probe> = {}): Probe =>
  ({ method, path: p, headers: JSON_BODY, body: JSON.stringify(body), status, ...extra })

/** Every organiser route of the events app under `api`, carrying bravo's event, occurrence and registration ids. */
function organiserRoutes(api: string, status: Probe['status'], ownList: Probe['status']): Probe[] {
  const { pub, recurring } = b.events
  const occ = `${api}/events/${recurring}/occurrences/${encodeURIComponent(b.occurrence)}`
  const byId = (id: string): Probe[] => [
    { method: 'GET', path: `${api}/events/${id}`, status },
    j('PATCH', `${api}/events/${id}`, { title: 'pwned' }, status),
    j('POST', `${api}/events/${id}/duplicate`, {}, status),
    { method: 'POST', path: `${api}/events/${id}/cancel`, status },
    j('POST', `${api}/events/${id}/publish`, { visibility: 'public' }, status),
    { method: 'GET', path: `${api}/events/${id}/occurrences`, status },
    { method: 'PUT', path: `${api}/events/${id}/picture`, headers: { 'content-type': 'image/png' }, body: 'not-a-png', status },
    { method: 'DELETE', path: `${api}/events/${id}/picture`, status },
    { method: 'GET', path: `${api}/events/${id}/registrations`, status },
    { method: 'GET', path: `${api}/events/${id}/registrations.csv`, status },
    { method: 'POST', path: `${api}/events/${id}/registrations/${b.registration.pending}/approve`, status },
    { method: 'POST', path: `${api}/events/${id}/registrations/${b.registration.pending}/refuse`, status },
    j('POST', `${api}/events/${id}/messages`, { subject: 'pwned', body: 'pwned' }, status),
    { method: 'DELETE', path: `${api}/events/${id}`, status },
  ]
  return [
    ...[pub, b.events.members, b.events.draft].flatMap(byId),
    j('PATCH', occ, { scope: 'this', title: 'pwned' }, status),
    { method: 'POST', path: `${occ}/cancel`, status },
    { method: 'DELETE', path: occ, status },
    ...['/events', '/events?tag=accueil', '/site', '/tags'].map((p) => ({ method: 'GET', path: `${api}${p}`, status: ownList })),
  ]
}

function eventsProbes(): Probe[] {
  const B = '/s/bravo/apps/events/api'
  return [
    ...organiserRoutes(B, INTRUDER, INTRUDER),
    j('POST', `${B}/events`, { title: 'intruder', start: '2099-01-01T10:00:00Z' }, INTRUDER),
    j('PUT', `${B}/site`, { presentation: 'pwned' }, INTRUDER),
    { method: 'GET', path: '/s/bravo/apps/events/', status: BRAVO_SHELL },
    ...organiserRoutes('/s/alpha/apps/events/api', ALPHA_WITH_BRAVO_IDS, ALPHA_OWN),
  ]
}

/** Bravo's public side: public events show; unlisted ones only on their own page; members-only, drafts, scheduled never. */
function publicProbes(): Probe[] {
  const P = '/s/bravo/p'
  const A = '/s/alpha/p'
  const { pub, recurring, unlisted, members, draft, scheduled } = b.events
  const listed = { status: onBravoPages(200), allow: [PUBLIC] }
  const lists = ['/', '/events.ics', '/events.rss', '/events.atom', '/events.json', '/embed']
    .flatMap((p) => [p, `${p}?tag=accueil`])
    .map((p): Probe => ({ method: 'GET', path: `${P}${p}`, ...listed }))
  const gone = onBravoPages(404)
  const hidden = [members, draft, scheduled].flatMap((id): Probe[] => [
    { method: 'GET', path: `${P}/events/${id}`, status: gone },
    { method: 'GET', path: `${P}/events/${id}.ics`, status: gone },
    { method: 'GET', path: `${P}/events/${id}/picture`, status: gone },
    j('POST', `${P}/events/${id}/signup`, { name: 'In Truder', email: 'in@example.org' }, gone, { headers: { ...JSON_BODY, ...ACCEPT_JSON } }),
  ])
  const form = { 'content-type': 'application/x-www-form-urlencoded' }
  const { confirm, manage, pendingManage } = b.tokens
  // Alpha's public side with bravo's event ids and personal links: nothing there.
  const alphaWithBravo: Probe[] = [
    ...[pub, recurring, unlisted, members].flatMap((id): Probe[] => [
      { method: 'GET', path: `${A}/events/${id}`, status: 404 },
      { method: 'GET', path: `${A}/events/${id}`, headers: ACCEPT_JSON, status: 404 },
      { method: 'GET', path: `${A}/events/${id}.ics`, status: 404 },
      { method: 'GET', path: `${A}/events/${id}/picture`, status: 404 },
      { method: 'POST', path: `${A}/events/${id}/signup`, headers: form, body: 'name=In+Truder&email=in%40example.org', status: 404 },
      j('POST', `${A}/events/${id}/signup`, { name: 'In Truder', email: 'in@example.org' }, 404, { headers: { ...JSON_BODY, ...ACCEPT_JSON } }),
    ]),
    ...[{}, ACCEPT_JSON].flatMap((headers): Probe[] => [
      { method: 'GET', path: `${A}/registrations/confirm/${confirm}`, headers, status: 404 },
      { method: 'POST', path: `${A}/registrations/confirm/${confirm}`, headers: { ...headers, ...form }, body: '', status: 404 },
      { method: 'GET', path: `${A}/registrations/${manage}`, headers, status: 404 },
      { method: 'GET', path: `${A}/registrations/${pendingManage}`, headers, status: 404 },
      { method: 'POST', path: `${A}/registrations/${manage}/cancel`, headers: { ...headers, ...form }, body: '', status: 404 },
      { method: 'POST', path: `${A}/registrations/${pendingManage}/cancel`, headers: { ...headers, ...form }, body: '', status: 404 },
    ]),
    { method: 'GET', path: `${A}/events/..%2f..%2f..%2fbravo%2fp%2fevents%2f${pub}`, status: 404 },
    { method: 'GET', path: `${A}/registrations/..%2f..%2f..%2fbravo%2fp%2fregistrations%2f${pendingManage}`, status: 404 },
    { method: 'GET', path: `${A}/events/%2e%2e/%2e%2e/%2e%2e/bravo/p/events/${pub}`, status: 404 },
    ...['/', '/events.ics?tag=accueil', '/events.json', '/events.rss?tag=accueil', '/embed?tag=accueil'].map((p): Probe => ({ method: 'GET', path: `${A}${p}`, status: 200 })),
  ]
  return [
    ...lists,
    { method: 'GET', path: `${P}/events/${pub}`, ...listed },
    { method: 'GET', path: `${P}/events/${pub}.ics`, ...listed },
    { method: 'GET', path: `${P}/events/${pub}/picture`, status: onBravoPages(200) },
    { method: 'GET', path: `${P}/events/${recurring}`, ...listed },
    // A member's one-click sign-up (no name, no e-mail): alpha's session is no bravo member, so it is an incomplete form.
    j('POST', `${P}/events/${pub}/signup`, {}, onBravoPages(400), { headers: { ...JSON_BODY, ...ACCEPT_JSON } }),
    { method: 'GET', path: `${P}/events/${unlisted}`, status: onBravoPages(200), allow: [UNLISTED] },
    { method: 'GET', path: `${P}/events/${unlisted}.ics`, status: onBravoPages(200), allow: [UNLISTED] },
    ...hidden,
    // Feeds and the widget are cached publicly: even bravo's own member gets no members-only event there, and no one a draft.
    ...['/events.ics', '/events.rss', '/events.atom', '/events.json', '/embed'].flatMap((p) => [p, `${p}?tag=accueil`])
      .map((p): Probe => ({ method: 'GET', path: `${P}${p}`, status: 200, allow: [PUBLIC], as: ['bravo member'] })),
    ...[draft, scheduled].flatMap((id): Probe[] => [`/events/${id}`, `/events/${id}.ics`].map((p) => ({ method: 'GET', path: `${P}${p}`, status: 404, as: ['bravo member'] }))),
    ...alphaWithBravo,
  ]
}

function visualsProbes(): Probe[] {
  const render = { template: b.template, size: 'square', type: 'png', scale: 0.2, fields: {} }
  const routes = (api: string, status: Probe['status'], own: Probe['status']): Probe[] => [
    { method: 'GET', path: `${api}/templates`, status: own },
    { method: 'GET', path: `${api}/brand-kit`, status: own },
    j('POST', `${api}/render`, render, status),
    j('POST', `${api}/preview`, { template: b.template, size: 'square', maxSide: 200, fields: {} }, status),
    { method: 'GET', path: `${api}/thumbnails/${b.template}/square.png`, status },
    j('POST', `${api}/save`, { ...render, name: 'intruder' }, status),
    { method: 'DELETE', path: `${api}/templates/${b.template}`, status },
  ]
  const V = '/s/bravo/apps/visuals/api'
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1080 1080" width="1080" height="1080"><text id="t" x="10" y="50">x</text></svg>'
  return [
    ...routes(V, INTRUDER, INTRUDER),
    j('POST', `${V}/templates/inspect`, { svg }, INTRUDER),
    j('POST', `${V}/templates`, { name: 'intruder', category: 'event', size: 'square', svg, fields: [{ part: 't', type: 'text', label: 'x' }] }, INTRUDER),
    j('PUT', `${V}/brand-kit`, { name: 'pwned' }, INTRUDER),
    { method: 'PUT', path: `${V}/brand-kit/logo`, headers: { 'content-type': 'image/png' }, body: 'png', status: INTRUDER },
    j('POST', `${V}/brand-kit/logo/from-files`, { path: '/logo.png' }, INTRUDER),
    // Alpha's admin picking "a file of their own" that climbs into bravo's files (bravo's admin has /logo.png).
    ...[
      '/../../../../../bravo/remote.php/dav/files/admin/logo.png', '/../../../../../../s/bravo/remote.php/dav/files/admin/logo.png',
      '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/bravo/remote.php/dav/files/admin/logo.png', '/..%2f..%2f..%2f..%2f..%2fbravo%2fremote.php%2fdav%2ffiles%2fadmin%2flogo.png',
    ].map((path) => j('POST', '/s/alpha/apps/visuals/api/brand-kit/logo/from-files', { path }, ALPHA_WITH_BRAVO_IDS)),
    j('POST', '/s/alpha/apps/visuals/api/save', { template: 'banner-fr', size: 'banner', type: 'png', scale: 0.2, fields: {}, name: '../../../../../bravo/remote.php/dav/files/admin/pwned' }, { ...ALPHA_WITH_BRAVO_IDS, 'alpha session': 400, 'alpha app password': 400 }),
    { method: 'DELETE', path: `${V}/brand-kit/logo`, status: INTRUDER },
    { method: 'GET', path: '/s/bravo/apps/visuals/', status: BRAVO_SHELL },
    ...routes('/s/alpha/apps/visuals/api', ALPHA_WITH_BRAVO_IDS, ALPHA_OWN),
  ]
}

function exportProbes(): Probe[] {
  const api = '/s/bravo/api/v1'
  const bravoRoutes: Probe[] = [
    { method: 'POST', path: `${api}/export`, status: INTRUDER },
    { method: 'GET', path: `${api}/exports`, status: INTRUDER },
    { method: 'GET', path: `${api}/exports/${b.exportId}`, status: INTRUDER },
  ]
  return [
    ...bravoRoutes,
    ...bravoRoutes.map((p) => ({ ...p, status: 403, as: ['bravo member'] as Cred[] })),
    { method: 'GET', path: `/s/alpha/api/v1/exports/${b.exportId}`, status: ALPHA_WITH_BRAVO_IDS },
    { method: 'GET', path: `/s/alpha/api/v1/exports/..%2f..%2f..%2fbravo%2fapi%2fv1%2fexports%2f${b.exportId}`, status: ALPHA_WITH_BRAVO_IDS },
    { method: 'GET', path: '/s/alpha/api/v1/exports', status: ALPHA_OWN, forbid: [b.exportId] },
  ]
}

function addressBookProbes(): Probe[] {
  const xml = { 'content-type': 'application/xml', depth: '1' }
  const query = '<c:addressbook-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav"><d:prop><d:getetag/><c:address-data/></d:prop></c:addressbook-query>'
  const card = b.card.split('/').pop()!
  const vcard = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:pwned\r\nEND:VCARD\r\n'
  const on = (book: string, status: Probe['status'], writes: { put: Probe['status']; del: Probe['status'] }, as?: Cred[]): Probe[] => [
    { method: 'PROPFIND', path: book, headers: { depth: '1' }, status, as },
    { method: 'REPORT', path: book, headers: xml, body: query, status, as },
    // A card that exists and one that does not answer alike: no oracle of who is in the book.
    ...[card, 'maison-bravo-999.vcf'].flatMap((name): Probe[] => [
      { method: 'GET', path: `${book}${name}`, status, as },
      { method: 'PUT', path: `${book}${name}`, headers: { 'content-type': 'text/vcard' }, body: vcard, status: writes.put, as },
      { method: 'DELETE', path: `${book}${name}`, status: writes.del, as },
    ]),
  ]
  const bravoBooks = '/s/bravo/remote.php/dav/addressbooks/users'
  const alphaBooks = '/s/alpha/remote.php/dav/addressbooks/users'
  const alphaOwnBook = { 'alpha session': 207, 'alpha app password': 207, 'no credentials': 401 }
  return [
    ...on(`${bravoBooks}/admin/members/`, INTRUDER, { put: INTRUDER, del: INTRUDER }),
    { method: 'PROPFIND', path: `${bravoBooks}/admin/`, headers: { depth: '1' }, status: INTRUDER },
    // Another account's home inside bravo, as bravo's member: it does not exist for them.
    // Address books are read-only: writes are refused by method before any lookup (405 PUT, 403 DELETE).
    ...on(`${bravoBooks}/admin/members/`, 404, { put: 405, del: 403 }, ['bravo member']),
    { method: 'PROPFIND', path: `${bravoBooks}/admin/`, headers: { depth: '1' }, status: 404, as: ['bravo member'] },
    { method: 'GET', path: `${bravoBooks}/max/members/${card}`, status: 404, as: ['bravo member'] },
    // Alpha's own book (same user name "admin") carrying bravo's card, and a climb out of it.
    { method: 'PROPFIND', path: `${alphaBooks}/admin/members/`, headers: { depth: '1' }, status: alphaOwnBook },
    { method: 'REPORT', path: `${alphaBooks}/admin/members/`, headers: xml, body: query, status: alphaOwnBook },
    { method: 'GET', path: `${alphaBooks}/admin/members/${card}`, status: ALPHA_WITH_BRAVO_IDS },
    // Encoded slashes in a DAV path are refused outright.
    { method: 'GET', path: `${alphaBooks}/admin/members/..%2f..%2f..%2f..%2f..%2f..%2fbravo%2fremote.php%2fdav%2faddressbooks%2fusers%2fadmin%2fmembers%2f${card}`, status: { 'alpha session': 400, 'alpha app password': 400, 'no credentials': 401 } },
  ]
}

/**
 * Space by host name against space by path: on alpha's host, `/s/bravo/...` is a path inside alpha; on bravo's host,
 * alpha's credentials are strangers. Host and path must never combine into bravo's data for alpha.
 */
function hostProbes(): Probe[] {
  const alpha = { host: 'alpha.maison.test' }
  const bravo = { host: 'bravo.maison.test' }
  const { pub, members, draft } = b.events
  const card = b.card.split('/').pop()!
  const onAlphaHost = (p: string, status: Probe['status'] = ALPHA_WITH_BRAVO_IDS): Probe => ({ method: 'GET', path: p, headers: alpha, status })
  return [
    // On a space's host name, `/s/...` names nothing at all.
    ...['/s/bravo/apps/events/api/events', `/s/bravo/apps/events/api/events/${pub}/registrations.csv`, '/s/bravo/apps/visuals/api/brand-kit',
      '/s/bravo/api/v1/exports', `/s/bravo/api/v1/exports/${b.exportId}`, `/s/bravo/remote.php/dav/addressbooks/users/admin/members/${card}`,
      `/s/bravo/p/events/${members}`, `/s/bravo/p/events/${pub}`, '/s/alpha/p/events.json'].map((p) => onAlphaHost(p, 404)),
    ...[`/apps/events/api/events/${pub}`, `/apps/events/api/events/${members}/registrations`, `/api/v1/exports/${b.exportId}`,
      `/remote.php/dav/addressbooks/users/admin/members/${card}`].map((p) => onAlphaHost(p)),
    ...[`/p/events/${pub}`, `/p/events/${pub}.ics`, `/p/registrations/${b.tokens.pendingManage}`]
      .map((p) => onAlphaHost(p, 404)),
    ...['/p/', '/p/events.ics', '/p/embed?tag=accueil'].map((p) => onAlphaHost(p, 200)),
    ...['/apps/events/api/events', `/apps/events/api/events/${pub}/registrations.csv`, '/apps/visuals/api/templates', '/api/v1/exports', `/api/v1/exports/${b.exportId}`]
      .map((p): Probe => ({ method: 'GET', path: p, headers: bravo, status: INTRUDER })),
    ...[`/p/events/${members}`, `/p/events/${draft}`, `/p/events/${members}.ics`].map((p): Probe => ({ method: 'GET', path: p, headers: bravo, status: onBravoPages(404) })),
    ...['/p/', '/p/events.json?tag=accueil', '/p/embed'].map((p): Probe => ({ method: 'GET', path: p, headers: bravo, status: onBravoPages(200), allow: [PUBLIC] })),
  ]
}

/** The DAV token alpha's apps hold: good in alpha's DAV tree, nothing in bravo's (same user name) nor in bravo's APIs. */
function davTokenProbes(): Probe[] {
  const as: Cred[] = ['alpha DAV token']
  const card = b.card.split('/').pop()!
  const dav = '/s/bravo/remote.php/dav'
  const query = '<c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><c:calendar-data/></d:prop><c:filter><c:comp-filter name="VCALENDAR"/></c:filter></c:calendar-query>'
  return [
    { method: 'PROPFIND', path: `${dav}/addressbooks/users/admin/members/`, headers: { depth: '1' }, status: INTRUDER, as },
    { method: 'GET', path: `${dav}/addressbooks/users/admin/members/${card}`, status: INTRUDER, as },
    { method: 'REPORT', path: `${dav}/calendars/admin/association/`, headers: { 'content-type': 'application/xml', depth: '1' }, body: query, status: INTRUDER, as },
    { method: 'GET', path: `${dav}/files/admin/logo.png`, status: INTRUDER, as },
    { method: 'PROPFIND', path: `${dav}/files/admin/Association/`, headers: { depth: '1' }, status: INTRUDER, as },
    { method: 'GET', path: `/s/bravo/apps/events/api/events/${b.events.pub}/registrations`, status: INTRUDER, as },
    { method: 'GET', path: '/s/bravo/api/v1/exports', status: INTRUDER, as },
    { method: 'PROPFIND', path: '/s/alpha/remote.php/dav/addressbooks/users/admin/members/', headers: { depth: '1' }, status: 207, as },
    { method: 'GET', path: `/s/alpha/remote.php/dav/addressbooks/users/admin/members/${card}`, status: 404, as },
    { method: 'PROPFIND', path: '/remote.php/dav/addressbooks/users/admin/members/', headers: { depth: '1', host: 'bravo.maison.test' }, status: INTRUDER, as },
  ]
}

/** Runs a table against the running host with the matrix's credentials. */
const runAll = (table: Probe[]) => runProbes(t.url, creds, ATTACKERS, table)

describe('tenant isolation of the apps', () => {
  for (const [name, table] of [
    ['events organiser API', eventsProbes], ['events public side', publicProbes], ['visuals', visualsProbes],
    ['space export', exportProbes], ['CardDAV address book', addressBookProbes], ['host names', hostProbes],
    ['internal DAV token', davTokenProbes],
  ] as const) {
    it(`${name}: another space's credentials and ids reach nothing of bravo`, async () => {
      const { failures, count } = await runAll(table())
      expect(failures, failures.join('\n')).toEqual([])
      expect(count).toBeGreaterThanOrEqual(table().length)
    })
  }

  it('flags real access: the same checks catch bravo\'s own admin reading bravo (the matrix can fail)', async () => {
    const { pub, members } = b.events
    const control: Probe[] = [
      { method: 'GET', path: '/s/bravo/apps/events/api/events', status: INTRUDER },
      { method: 'GET', path: `/s/bravo/apps/events/api/events/${pub}/registrations.csv`, status: INTRUDER },
      { method: 'GET', path: `/s/bravo/apps/events/api/events/${members}`, status: INTRUDER },
      { method: 'GET', path: `/s/bravo/p/events/${members}`, status: 404 },
      { method: 'GET', path: '/s/bravo/apps/visuals/api/brand-kit', status: INTRUDER },
      { method: 'GET', path: '/s/bravo/apps/visuals/api/templates', status: INTRUDER },
      { method: 'GET', path: `/s/bravo/remote.php/dav/addressbooks/users/admin/members/${b.card.split('/').pop()}`, status: INTRUDER },
    ].map((p) => ({ ...p, as: ['bravo admin'] as Cred[] }))
    const { failures } = await runAll(control)
    expect(failures).toHaveLength(control.length)
    for (const f of failures) expect(f).toMatch(/LEAK .*BRAVO-SECRET-a7c3/)
  })

  it('gave alpha nothing of bravo', async () => {
    const appPassword = creds['alpha app password']
    const get = async (p: string) => (await fetch(`${t.spaceUrl('alpha')}${p}`, { headers: { ...appPassword, accept: 'application/json' } })).json() as Promise<any>
    expect((await get('/apps/visuals/api/brand-kit')).kit.logo).toBeNull()
    expect((await get('/apps/events/api/events')).total).toBe(0)
    expect((await get('/api/v1/exports')).exports).toEqual([])
  })

  it('leaves bravo exactly as it was', async () => {
    const owner = { authorization: BRAVO_ADMIN, 'x-forwarded-for': '10.77.1.1' }
    const get = async (p: string) => {
      const res = await fetch(`${t.spaceUrl('bravo')}${p}`, { headers: { ...owner, accept: 'application/json' } })
      expect(res.status, p).toBe(200)
      return res.json() as Promise<any>
    }
    const { events } = await get('/apps/events/api/events?perPage=200')
    expect(events.map((e: { title: string }) => e.title).sort()).toEqual([
      `${PUBLIC} atelier`, `${PUBLIC} fête`, `${SECRET} draft`, `${SECRET} members`, `${SECRET} scheduled`, `${UNLISTED} unlisted`,
    ])
    expect(events.filter((e: { status: string }) => e.status === 'cancelled')).toEqual([])
    const pub = await get(`/apps/events/api/events/${b.events.pub}`)
    expect(pub).toMatchObject({ visibility: 'public', draft: false })
    expect(pub.pictureUrl).toBeTruthy()
    expect((await get(`/apps/events/api/events/${b.events.draft}`)).draft).toBe(true)
    expect((await get(`/apps/events/api/events/${b.events.members}`)).visibility).toBe('members')
    expect((await get(`/apps/events/api/events/${b.events.recurring}/occurrences`)).occurrences.map((o: { status: string }) => o.status)).toEqual(['confirmed', 'confirmed', 'confirmed'])
    expect(JSON.stringify(await get('/apps/events/api/site'))).toContain(`${PUBLIC} bienvenue`)
    const db = openDatabase(path.join(t.dataDir, 'spaces', 'bravo', 'space.sqlite'), { readonly: true })
    const regs = db.prepare('SELECT id, status, name FROM events_registrations ORDER BY name').all()
    db.close()
    expect(regs).toEqual([
      { id: b.registration.pending, status: 'pending', name: `${SECRET} jane` },
      { id: b.registration.unconfirmed, status: 'unconfirmed', name: `${SECRET} john` },
    ])
    const kit = (await get('/apps/visuals/api/brand-kit')).kit
    expect(kit).toMatchObject({ name: `${SECRET} kit`, logo: null })
    const templates = (await get('/apps/visuals/api/templates')).templates as { id: string; custom?: boolean }[]
    expect(templates.filter((x) => x.custom).map((x) => x.id).sort()).toEqual(b.templates)
    expect((await get('/api/v1/exports')).exports.map((e: { id: string }) => e.id)).toEqual([b.exportId])
    const files = await fetch(`${t.spaceUrl('bravo')}/remote.php/dav/files/admin/Visuals/`, { method: 'PROPFIND', headers: { ...owner, depth: '0' } })
    expect(files.status).toBe(404)
    const book = await fetch(`${t.spaceUrl('bravo')}/remote.php/dav/addressbooks/users/admin/members/`, { method: 'PROPFIND', headers: { ...owner, depth: '1' } })
    expect([...(await book.text()).matchAll(/\.vcf<\/d:href>/gi)]).toHaveLength(1)
  })
})
