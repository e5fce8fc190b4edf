/**
 * Tenant isolation: every route × verb, with each kind of credential of space A, aimed at space B's
 * paths and ids (and path tricks that try to climb from A into B). Never a 2xx, never B's data.
 */
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '@maison/db'
import { startTestServer, type TestServer } from '../support/server.ts'
import { basic, browserSession } from '../support/session.ts'

const MARK = 'secret-7f3a'
/** Data only space B holds: never part of a request, so never echoed back by an error message. */
const CONTENT = 'BRAVO-CONTENT-91c2'
let t: TestServer
const creds: Record<string, Record<string, string>> = {}
let bravoShareToken = ''
let bravoCalendar = { id: 0, uri: '', token: '' }
const bravoEvent = `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:${MARK}\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20990101T100000Z\r\nDTEND:20990101T110000Z\r\nSUMMARY:${CONTENT}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`

beforeAll(async () => {
  t = await startTestServer()
  await t.createSpace('alpha', { admin: { username: 'admin', password: 'alpha-password-1', email: 'admin@alpha.invalid' } })
  await t.createSpace('bravo', { admin: { username: 'admin', password: 'bravo-password-1', email: 'owner@bravo.invalid' } })
  const b = basic('admin', 'bravo-password-1')
  const bravo = t.spaceUrl('bravo')
  expect((await fetch(`${bravo}/remote.php/dav/files/admin/${MARK}.txt`, { method: 'PUT', headers: { authorization: b }, body: CONTENT })).status).toBe(201)
  expect((await fetch(`${bravo}/remote.php/dav/files/admin/Association/${MARK}-assoc.txt`, { method: 'PUT', headers: { authorization: b }, body: CONTENT })).status).toBe(201)
  const bs = await browserSession(t, 'bravo', 'admin', 'bravo-password-1')
  const share = await fetch(`${bravo}/api/v1/shares`, { method: 'POST', headers: { ...bs, 'content-type': 'application/json' }, body: JSON.stringify({ path: `/${MARK}.txt` }) })
  bravoShareToken = ((await share.json()) as { token: string }).token
  // Calendars of B: an event in the association calendar, a personal calendar shared and published.
  expect((await fetch(`${bravo}/remote.php/dav/calendars/admin/association/${MARK}.ics`, { method: 'PUT', headers: { authorization: b }, body: bravoEvent })).status).toBe(201)
  const cal = (await (await fetch(`${bravo}/api/v1/calendars`, { method: 'POST', headers: { authorization: b, 'content-type': 'application/json' }, body: '{"displayName":"B private"}' })).json()) as { id: number; uri: string }
  expect((await fetch(`${bravo}/remote.php/dav/calendars/admin/${cal.uri}/${MARK}.ics`, { method: 'PUT', headers: { authorization: b }, body: bravoEvent })).status).toBe(201)
  const link = (await (await fetch(`${bravo}/api/v1/calendars/${cal.id}/public-link`, { method: 'POST', headers: { authorization: b } })).json()) as { token: string }
  bravoCalendar = { id: cal.id, uri: cal.uri, token: link.token }

  const session = await browserSession(t, 'alpha', 'admin', 'alpha-password-1')
  const ap = await fetch(`${t.spaceUrl('alpha')}/api/v1/me/app-passwords`, { method: 'POST', headers: { ...session, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'phone' }) })
  expect(ap.status).toBe(201)
  const { loginName, password } = (await ap.json()) as { loginName: string; password: string }
  creds['session'] = session
  creds['app password'] = { authorization: basic(loginName, password) }
  creds['account password'] = { authorization: basic('admin', 'alpha-password-1') }
}, 60_000)
afterAll(async () => t?.close())

/** Ids and the card token of space B's members data (members rows of the matrix). */
const bravoMembers = { member: 0, payment: 0, category: 0, field: 0, activity: 0, rule: 0, view: 0, token: '' }

beforeAll(async () => {
  const b = { authorization: basic('admin', 'bravo-password-1'), 'content-type': 'application/json' }
  const call = async (p: string, body: unknown) => {
    const res = await fetch(`${t.spaceUrl('bravo')}/apps/members/api${p}`, { method: 'POST', headers: b, body: JSON.stringify(body) })
    expect(res.status, p).toBeLessThan(300)
    return (await res.json()) as { id: number; payment?: { id: number } }
  }
  // Fillers so that B's interesting ids are ones space A never has.
  for (const n of [1, 2]) await call('/members', { firstName: `Filler${n}`, lastName: CONTENT })
  bravoMembers.category = (await call('/categories', { name: CONTENT })).id
  bravoMembers.field = (await call('/fields', { key: 'secret', label: CONTENT, type: 'text' })).id
  bravoMembers.activity = (await call('/activities', { name: CONTENT, validity: { kind: 'days', days: 30 }, fees: [{ label: CONTENT, amountCents: 100 }] })).id
  bravoMembers.rule = (await call(`/activities/${bravoMembers.activity}/reminder-rules`, { offsetDays: 0, templates: { fr: { subject: CONTENT, body: CONTENT }, en: { subject: CONTENT, body: CONTENT } } })).id
  bravoMembers.member = (await call('/members', { firstName: CONTENT, lastName: CONTENT, email: 'member@bravo.invalid', notes: CONTENT, categoryId: bravoMembers.category, account: 'admin' })).id
  bravoMembers.payment = (await call(`/members/${bravoMembers.member}/payments`, { activityId: bravoMembers.activity, amountCents: 100, paidOn: '2026-01-10', method: 'cash' })).payment!.id
  bravoMembers.view = (await call('/views', { name: CONTENT, query: { q: CONTENT } })).id
  await fetch(`${t.spaceUrl('bravo')}/apps/members/api/settings`, { method: 'PATCH', headers: b, body: JSON.stringify({ joinEnabled: true, associationName: CONTENT }) })
  const db = openDatabase(path.join(t.dataDir, 'spaces', 'bravo', 'space.sqlite'), { readonly: true })
  bravoMembers.token = (db.prepare('SELECT verify_token AS t FROM members_members WHERE id = ?').get(bravoMembers.member) as { t: string }).t
  db.close()
}, 60_000)

/** Every members route: space B's paths, then space A's own paths carrying B's ids and card token. */
function memberProbes(): Probe[] {
  const json = { 'content-type': 'application/json' }
  const { member: m, payment: p, category: c, field: f, activity: a, rule: r, view: v, token } = bravoMembers
  const routes = (api: string, own = false): Probe[] => [
    { method: 'GET', path: `${api}/members/${m}` }, { method: 'PATCH', path: `${api}/members/${m}`, headers: json, body: '{"notes":"pwned"}' },
    { method: 'DELETE', path: `${api}/members/${m}` }, { method: 'GET', path: `${api}/members/${m}/reminders` },
    { method: 'POST', path: `${api}/members/${m}/payments`, headers: json, body: `{"activityId":${a},"amountCents":100,"paidOn":"2026-01-10","method":"cash"}` },
    { method: 'GET', path: `${api}/members/${m}/payments/${p}` }, { method: 'DELETE', path: `${api}/members/${m}/payments/${p}` },
    { method: 'GET', path: `${api}/members/${m}/payments/${p}/receipt.pdf` }, { method: 'GET', path: `${api}/members/${m}/card.pdf` },
    { method: 'GET', path: `${api}/members/${m}/card.png` }, { method: 'GET', path: `${api}/cards.pdf?ids=${m}` },
    { method: 'GET', path: `${api}/members/${m}/data.json` }, { method: 'POST', path: `${api}/members/${m}/anonymise` }, { method: 'POST', path: `${api}/members/${m}/approve` },
    { method: 'POST', path: `${api}/members/bulk/category`, headers: json, body: `{"ids":[${m}],"categoryId":null}` },
    { method: 'POST', path: `${api}/members/bulk/message`, headers: json, body: `{"ids":[${m}],"subject":"s","body":"b"}` },
    { method: 'PATCH', path: `${api}/categories/${c}`, headers: json, body: '{"name":"pwned"}' }, { method: 'DELETE', path: `${api}/categories/${c}` },
    { method: 'PATCH', path: `${api}/fields/${f}`, headers: json, body: '{"label":"pwned"}' }, { method: 'DELETE', path: `${api}/fields/${f}` },
    { method: 'GET', path: `${api}/activities/${a}` }, { method: 'PATCH', path: `${api}/activities/${a}`, headers: json, body: '{"name":"pwned"}' },
    { method: 'DELETE', path: `${api}/activities/${a}` }, { method: 'GET', path: `${api}/activities/${a}/reminder-rules` },
    { method: 'POST', path: `${api}/activities/${a}/reminder-rules`, headers: json, body: '{"offsetDays":1,"templates":{"fr":{"subject":"s","body":"b"},"en":{"subject":"s","body":"b"}}}' },
    { method: 'PATCH', path: `${api}/reminder-rules/${r}`, headers: json, body: '{"enabled":false}' }, { method: 'DELETE', path: `${api}/reminder-rules/${r}` },
    { method: 'PATCH', path: `${api}/views/${v}`, headers: json, body: '{"name":"pwned"}' }, { method: 'DELETE', path: `${api}/views/${v}` },
    // An export filtered on ids the space does not have is an empty file of its own (the body is still checked).
    { method: 'GET', path: `${api}/export.csv?ids=${m}`, ...(own ? { ownSpace: true as const } : {}) },
    { method: 'GET', path: `${api}/export.vcf?ids=${m}`, ...(own ? { ownSpace: true as const } : {}) },
    { method: 'GET', path: `${api}/me/payments/${p}/receipt.pdf` },
  ]
  const B = '/s/bravo/apps/members/api'
  const A = '/s/alpha/apps/members/api'
  return [
    ...routes(B),
    ...['/members', '/categories', '/fields', '/settings', '/activities', '/reminders/preview', '/views', '/messages', '/me', '/me/card.pdf', '/me/card.png', '/export.csv', '/export.vcf']
      .map((p) => ({ method: 'GET', path: `${B}${p}` })),
    { method: 'POST', path: `${B}/members`, headers: json, body: '{"firstName":"In","lastName":"Truder"}' },
    { method: 'POST', path: `${B}/categories`, headers: json, body: '{"name":"intruder"}' },
    { method: 'POST', path: `${B}/fields`, headers: json, body: '{"key":"intruder","label":"x","type":"text"}' },
    { method: 'PATCH', path: `${B}/settings`, headers: json, body: '{"associationName":"pwned"}' },
    { method: 'POST', path: `${B}/activities`, headers: json, body: '{"name":"intruder","validity":{"kind":"none"}}' },
    { method: 'POST', path: `${B}/reminders/run` }, { method: 'PATCH', path: `${B}/me`, headers: json, body: '{"phone":"0102030405"}' },
    { method: 'POST', path: `${B}/views`, headers: json, body: '{"name":"intruder","query":{}}' },
    { method: 'POST', path: `${B}/import`, headers: json, body: JSON.stringify({ content: Buffer.from('Nom;Prénom\nTruder;In\n').toString('base64') }) },
    { method: 'GET', path: '/s/bravo/apps/members/' },
    ...routes(A, true),
    { method: 'GET', path: `/s/alpha/p/members/verify/${token}`, headers: { accept: 'application/json' } },
    { method: 'GET', path: `/s/alpha/p/members/verify/${token}` },
    { method: 'GET', path: `/s/alpha/p/members/verify/..%2f..%2fbravo%2fp%2fmembers%2fverify%2f${token}` },
    { method: 'GET', path: '/s/alpha/p/members/join' },
    { method: 'POST', path: '/s/alpha/p/members/join', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'firstName=In&lastName=Truder&email=in%40example.org' },
  ]
}

type Probe = { method: string; path: string; body?: string; headers?: Record<string, string>; ownSpace?: true }

function probes(): Probe[] {
  const B = '/s/bravo'
  const A = '/s/alpha'
  const dav = `${B}/remote.php/dav/files/admin`
  const xml = { 'content-type': 'application/xml' }
  const propfind = '<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:allprop/></d:propfind>'
  const lock = '<?xml version="1.0"?><d:lockinfo xmlns:d="DAV:"><d:lockscope><d:exclusive/></d:lockscope><d:locktype><d:write/></d:locktype></d:lockinfo>'
  const list: Probe[] = []
  for (const target of [`${dav}/`, `${dav}/${MARK}.txt`, `${dav}/Association/${MARK}-assoc.txt`, `${B}/remote.php/webdav/${MARK}.txt`, `${B}/remote.php/dav/`]) {
    list.push(
      { method: 'PROPFIND', path: target, body: propfind, headers: { ...xml, depth: '1' } },
      { method: 'GET', path: target }, { method: 'HEAD', path: target },
      { method: 'PUT', path: target, body: 'overwritten' }, { method: 'DELETE', path: target },
      { method: 'MKCOL', path: `${target}x/` },
      { method: 'PROPPATCH', path: target, body: '<?xml version="1.0"?><d:propertyupdate xmlns:d="DAV:" xmlns:z="urn:z"><d:set><d:prop><z:p>1</z:p></d:prop></d:set></d:propertyupdate>', headers: xml },
      { method: 'LOCK', path: target, body: lock, headers: xml },
      { method: 'COPY', path: target, headers: { destination: `${t.url}${dav}/copied.txt` } },
      { method: 'MOVE', path: target, headers: { destination: `${t.url}${dav}/moved.txt` } },
    )
  }
  // CalDAV: B's principals, homes, calendars and objects, with every calendar method.
  const bcal = `${B}/remote.php/dav/calendars/admin`
  const query = '<c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><c:calendar-data/></d:prop><c:filter><c:comp-filter name="VCALENDAR"/></c:filter></c:calendar-query>'
  const sync = '<d:sync-collection xmlns:d="DAV:"><d:sync-token/><d:prop><d:getetag/></d:prop></d:sync-collection>'
  for (const target of [`${B}/remote.php/dav/principals/users/admin/`, `${bcal}/`, `${bcal}/association/`, `${bcal}/association/${MARK}.ics`, `${bcal}/${bravoCalendar.uri}/`, `${bcal}/${bravoCalendar.uri}/${MARK}.ics`]) {
    list.push(
      { method: 'PROPFIND', path: target, body: propfind, headers: { ...xml, depth: '1' } },
      { method: 'GET', path: target }, { method: 'PUT', path: target, body: 'BEGIN:VCALENDAR' }, { method: 'DELETE', path: target },
      { method: 'REPORT', path: target, body: query, headers: { ...xml, depth: '1' } }, { method: 'REPORT', path: target, body: sync, headers: xml },
      { method: 'MKCALENDAR', path: `${target}new/` },
      { method: 'PROPPATCH', path: target, body: '<?xml version="1.0"?><d:propertyupdate xmlns:d="DAV:"><d:set><d:prop><d:displayname>pwned</d:displayname></d:prop></d:set></d:propertyupdate>', headers: xml },
    )
  }
  // A's own calendar tree reaching for B's calendars by name.
  const acal = `${A}/remote.php/dav/calendars/admin`
  for (const trick of [`${acal}/${bravoCalendar.uri}/`, `${acal}/${bravoCalendar.uri}_shared_by_admin/`, `${acal}/../../../../bravo/remote.php/dav/calendars/admin/association/${MARK}.ics`]) {
    list.push({ method: 'PROPFIND', path: trick, headers: { depth: '1' } }, { method: 'GET', path: trick }, { method: 'REPORT', path: trick, body: query, headers: { ...xml, depth: '1' } })
  }
  // From A's own tree into B: path tricks and Destination headers.
  const adav = `${A}/remote.php/dav/files/admin`
  for (const trick of [
    `${adav}/../../../../bravo/remote.php/dav/files/admin/${MARK}.txt`,
    `${adav}/%2e%2e/%2e%2e/%2e%2e/%2e%2e/bravo/remote.php/dav/files/admin/${MARK}.txt`,
    `${adav}/..%2f..%2f..%2f..%2fbravo%2fremote.php%2fdav%2ffiles%2fadmin%2f${MARK}.txt`,
    `${A}/remote.php/dav/files/..%2f..%2f..%2fbravo/admin/${MARK}.txt`,
    `/s/alpha%2f..%2fbravo/remote.php/dav/files/admin/${MARK}.txt`,
    `/s/bravo%00/remote.php/dav/files/admin/${MARK}.txt`,
  ]) {
    list.push({ method: 'GET', path: trick }, { method: 'PROPFIND', path: trick, headers: { depth: '0' } }, { method: 'DELETE', path: trick })
  }
  list.push(
    { method: 'PUT', path: `${adav}/mine.txt`, body: 'mine', ownSpace: true },
    { method: 'COPY', path: `${adav}/mine.txt`, headers: { destination: `${t.url}${dav}/from-alpha.txt` } },
    { method: 'MOVE', path: `${adav}/mine.txt`, headers: { destination: `${t.url}${dav}/${MARK}.txt`, overwrite: 'T' } },
    { method: 'COPY', path: `${adav}/mine.txt`, headers: { destination: `${t.url}${adav}/../../../../bravo/remote.php/dav/files/admin/x.txt` } },
  )
  // OCS
  const ocs = { 'ocs-apirequest': 'true' }
  for (const v of ['v1', 'v2']) {
    const o = `${B}/ocs/${v}.php/cloud`
    list.push(
      { method: 'GET', path: `${o}/users?format=json`, headers: ocs },
      { method: 'GET', path: `${o}/users/admin?format=json`, headers: ocs },
      { method: 'GET', path: `${o}/user?format=json`, headers: ocs },
      { method: 'POST', path: `${o}/users`, headers: { ...ocs, 'content-type': 'application/json' }, body: JSON.stringify({ userid: 'intruder', password: 'intruder-pw-123' }) },
      { method: 'PUT', path: `${o}/users/admin`, headers: { ...ocs, 'content-type': 'application/json' }, body: JSON.stringify({ key: 'email', value: 'x@y.z' }) },
      { method: 'PUT', path: `${o}/users/admin/disable`, headers: ocs },
      { method: 'DELETE', path: `${o}/users/admin`, headers: ocs },
      { method: 'GET', path: `${o}/groups?format=json`, headers: ocs },
      { method: 'POST', path: `${o}/groups`, headers: { ...ocs, 'content-type': 'application/json' }, body: JSON.stringify({ groupid: 'g' }) },
    )
  }
  // UI API and pages
  const api = `${B}/api/v1`
  const json = { 'content-type': 'application/json' }
  list.push(
    { method: 'GET', path: `${api}/me` }, { method: 'PATCH', path: `${api}/me`, headers: json, body: '{"displayName":"x"}' },
    { method: 'POST', path: `${api}/me/password`, headers: json, body: '{"currentPassword":"alpha-password-1","newPassword":"zzzzzzzzzz1"}' },
    { method: 'GET', path: `${api}/me/app-passwords` }, { method: 'POST', path: `${api}/me/app-passwords`, headers: json, body: '{"name":"x"}' },
    { method: 'DELETE', path: `${api}/me/app-passwords/1` },
    { method: 'GET', path: `${api}/accounts` }, { method: 'POST', path: `${api}/accounts`, headers: json, body: '{"username":"intruder","role":"admin","password":"intruder-pw-123"}' },
    { method: 'PATCH', path: `${api}/accounts/1`, headers: json, body: '{"enabled":false}' }, { method: 'DELETE', path: `${api}/accounts/1?files=delete` },
    { method: 'GET', path: `${api}/invitations` }, { method: 'POST', path: `${api}/invitations`, headers: json, body: '{"email":"x@example.org","role":"admin"}' },
    { method: 'GET', path: `${api}/space` }, { method: 'PATCH', path: `${api}/space`, headers: json, body: '{"name":"pwned"}' },
    { method: 'PUT', path: `${api}/space/logo`, headers: { 'content-type': 'image/png' }, body: 'png' },
    { method: 'GET', path: `${api}/trash` }, { method: 'POST', path: `${api}/trash/1/restore` }, { method: 'DELETE', path: `${api}/trash` },
    { method: 'GET', path: `${api}/shares` }, { method: 'POST', path: `${api}/shares`, headers: json, body: `{"path":"/${MARK}.txt"}` },
    { method: 'DELETE', path: `${api}/shares/1` },
    { method: 'GET', path: `${api}/association-folder` }, { method: 'PUT', path: `${api}/association-folder`, headers: json, body: '{"writers":"members"}' },
    { method: 'GET', path: `${B}/apps/files/` }, { method: 'GET', path: `${B}/settings` },
    { method: 'GET', path: `${api}/calendars` }, { method: 'POST', path: `${api}/calendars`, headers: json, body: '{"displayName":"intruder"}' },
    { method: 'PATCH', path: `${api}/calendars/${bravoCalendar.id}`, headers: json, body: '{"displayName":"pwned"}' },
    { method: 'DELETE', path: `${api}/calendars/${bravoCalendar.id}` },
    { method: 'GET', path: `${api}/calendars/${bravoCalendar.id}/shares` },
    { method: 'PUT', path: `${api}/calendars/${bravoCalendar.id}/shares`, headers: json, body: '{"kind":"user","principal":"admin","access":"read-write"}' },
    { method: 'POST', path: `${api}/calendars/${bravoCalendar.id}/public-link` }, { method: 'DELETE', path: `${api}/calendars/${bravoCalendar.id}/public-link` },
    { method: 'GET', path: `${api}/calendars/${bravoCalendar.id}/trash` }, { method: 'GET', path: `${api}/calendars/trash` },
    // A's own calendar API with B's ids, and A's feed with B's public token
    { method: 'GET', path: `${A}/api/v1/calendars/${bravoCalendar.id}/shares` }, { method: 'PATCH', path: `${A}/api/v1/calendars/${bravoCalendar.id}`, headers: json, body: '{"displayName":"pwned"}' },
    { method: 'POST', path: `${A}/api/v1/calendars/${bravoCalendar.id}/public-link` },
    { method: 'GET', path: `${A}/p/calendars/${bravoCalendar.token}.ics` },
    // A's share lookups with B's token, through A's space
    { method: 'GET', path: `${A}/p/share/${bravoShareToken}` }, { method: 'GET', path: `${A}/p/share/${bravoShareToken}/download` },
  )
  list.push(...memberProbes())
  return list
}

describe('tenant isolation', () => {
  it('never lets space A credentials reach space B', async () => {
    const failures: string[] = []
    let count = 0
    for (const [kind, headers] of Object.entries(creds)) {
      for (const p of probes()) {
        const res = await fetch(`${t.url}${p.path}`, { method: p.method, headers: { ...p.headers, ...headers }, body: p.body, redirect: 'manual' })
        const text = p.method === 'HEAD' ? '' : await res.text()
        count++
        // Redirects are fine only when they stay out of B (login pages).
        const leaked = text.includes(CONTENT) || text.includes('bravo.invalid')
        // OCS v1 answers HTTP 200 with the failure in its envelope, as Nextcloud does.
        const ocsV1Ok = p.path.includes('/ocs/v1.php') && /<statuscode>100<\/statuscode>|"statuscode":100/.test(text)
        const ok = p.path.includes('/ocs/v1.php') ? ocsV1Ok : res.status >= 200 && res.status < 300
        if ((ok && !p.ownSpace) || leaked) failures.push(`${kind}: ${p.method} ${p.path} → ${res.status}${leaked ? ' (B data in body)' : ''}`)
      }
    }
    expect(failures, failures.join('\n')).toEqual([])
    expect(count).toBeGreaterThan(200)
  })

  it('leaves space B exactly as it was', async () => {
    const b = basic('admin', 'bravo-password-1')
    const bravo = t.spaceUrl('bravo')
    expect(await (await fetch(`${bravo}/remote.php/dav/files/admin/${MARK}.txt`, { headers: { authorization: b } })).text()).toBe(CONTENT)
    const list = await (await fetch(`${bravo}/remote.php/dav/files/admin/`, { method: 'PROPFIND', headers: { authorization: b, depth: '1' } })).text()
    expect(list).not.toMatch(/copied|moved|from-alpha|x\.txt|intruder/)
    const users = await (await fetch(`${bravo}/ocs/v2.php/cloud/users?format=json`, { headers: { authorization: b, 'ocs-apirequest': 'true' } })).json() as { ocs: { data: { users: string[] } } }
    expect(users.ocs.data.users).toEqual(['admin'])
    const space = await (await fetch(`${bravo}/api/v1/space`, { headers: { authorization: b } })).json() as { name: string }
    expect(space.name).toBe('Space bravo')
    const event = await fetch(`${bravo}/remote.php/dav/calendars/admin/${bravoCalendar.uri}/${MARK}.ics`, { headers: { authorization: b } })
    expect(await event.text()).toBe(bravoEvent)
    const cals = (await (await fetch(`${bravo}/api/v1/calendars`, { headers: { authorization: b } })).json()) as { calendars: Array<{ displayName: string; publicLink: { token: string } | null }> }
    expect(cals.calendars.map((c) => c.displayName).sort()).toEqual(['B private', 'Space bravo'])
    expect(cals.calendars.find((c) => c.displayName === 'B private')!.publicLink?.token).toBe(bravoCalendar.token)
    // Members: the same records, payments, catalogue, views and settings as before the probes.
    const mapi = (p: string) => fetch(`${bravo}/apps/members/api${p}`, { headers: { authorization: b } }).then((r) => r.json() as Promise<any>)
    const m = await mapi(`/members/${bravoMembers.member}`)
    expect(m).toMatchObject({ firstName: CONTENT, notes: CONTENT, categoryId: bravoMembers.category, email: 'member@bravo.invalid' })
    expect(m.payments.map((p: { id: number }) => p.id)).toEqual([bravoMembers.payment])
    expect((await mapi('/members?hidden=true')).total).toBe(3)
    expect((await mapi('/categories')).categories.map((c: { name: string }) => c.name)).toEqual([CONTENT])
    expect((await mapi('/fields')).fields.map((f: { label: string }) => f.label)).toEqual([CONTENT])
    expect((await mapi('/activities')).activities.map((a: { name: string }) => a.name)).toEqual([CONTENT])
    expect((await mapi(`/activities/${bravoMembers.activity}/reminder-rules`)).rules).toMatchObject([{ id: bravoMembers.rule, enabled: true }])
    expect((await mapi('/views')).views.map((v: { name: string }) => v.name)).toEqual([CONTENT])
    expect((await mapi('/messages')).messages).toEqual([])
    expect((await mapi('/settings')).associationName).toBe(CONTENT)
  })
})
