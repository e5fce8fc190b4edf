/**
 * Round trip of a whole space (issue 4, "Life of a space" 4): a space with files in two accounts and the
 * association folder, two calendars with a recurring event, members with categories and payments →
 * export through the staff API → delete → import into a new name → the same bytes, events and members.
 */
import crypto from 'node:crypto'
import path from 'node:path'
import ICAL from 'ical.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../support/server.ts'
import { SqliteCalendarRepository } from '../../apps/workspace/src/calendars/index.ts'
import { SqliteMembersTablesRepository } from '../../apps/members/src/archive/table-dump.ts'
import { accountsEnv } from '../../apps/workspace/src/auth/deps.ts'
import { basic, call, ensureStaff, exportThroughApi, importThroughApi, sha256, STAFF, treeDigest, untar } from './archive-support.ts'

let t: TestServer
const ADMIN = basic('admin', 'admin-password-1')
const BOB = basic('bob', 'bob-password-1')
const binary = crypto.randomBytes(300_000)
const UNICODE = 'Rapports/Compte-rendu été 2026 — «\u00a0vélo\u00a0» 日本.txt'

const dav = (slug: string, p: string) => `${t.spaceUrl(slug)}/remote.php/dav/${p}`
async function put(url: string, auth: string, body: Buffer | string, headers: Record<string, string> = {}): Promise<void> {
  const res = await fetch(url, { method: 'PUT', headers: { authorization: auth, ...headers }, body: typeof body === 'string' ? body : new Uint8Array(body) })
  if (res.status >= 300) throw new Error(`PUT ${url}: ${res.status} ${await res.text()}`)
}
async function mkcol(url: string, auth: string): Promise<void> {
  const res = await fetch(url, { method: 'MKCOL', headers: { authorization: auth } })
  if (res.status >= 300) throw new Error(`MKCOL ${url}: ${res.status}`)
}
const enc = (p: string) => p.split('/').map(encodeURIComponent).join('/')

const WEEKLY = [
  'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN',
  'BEGIN:VTIMEZONE', 'TZID:Europe/Paris',
  'BEGIN:STANDARD', 'DTSTART:19701025T030000', 'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'END:STANDARD',
  'BEGIN:DAYLIGHT', 'DTSTART:19700329T020000', 'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'END:DAYLIGHT',
  'END:VTIMEZONE',
  'BEGIN:VEVENT', 'UID:weekly-ride@velo', 'DTSTAMP:20260101T000000Z', 'DTSTART;TZID=Europe/Paris:20260107T180000', 'DTEND;TZID=Europe/Paris:20260107T200000',
  'SUMMARY:Sortie du mercredi', 'RRULE:FREQ=WEEKLY;BYDAY=WE;COUNT=20', 'END:VEVENT',
  'BEGIN:VEVENT', 'UID:weekly-ride@velo', 'DTSTAMP:20260101T000000Z', 'RECURRENCE-ID;TZID=Europe/Paris:20260114T180000',
  'DTSTART;TZID=Europe/Paris:20260115T180000', 'DTEND;TZID=Europe/Paris:20260115T200000', 'SUMMARY:Sortie décalée au jeudi', 'END:VEVENT',
  'END:VCALENDAR', '',
].join('\r\n')
const ASSEMBLY = [
  'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'BEGIN:VEVENT', 'UID:ag-2026', 'DTSTAMP:20260101T000000Z',
  'DTSTART:20260321T090000Z', 'DTEND:20260321T120000Z', 'SUMMARY:Assemblée générale', 'END:VEVENT', 'END:VCALENDAR', '',
].join('\r\n')

/** Everything a person would compare: calendars with their properties and each event's UID, summaries and rule. */
function calendarsOf(slug: string) {
  const db = t.server.parts.pool.get(slug)
  const repo = new SqliteCalendarRepository(db)
  return ['admin', 'bob', '_association'].flatMap((owner) => repo.calendarsOf(owner).map((c) => ({
    owner, uri: c.uri, displayName: c.displayName, color: c.color, description: c.description, components: c.components,
    objects: repo.allObjects(c.id).map((o) => {
      const events = ICAL.Component.fromString(o.data).getAllSubcomponents('vevent')
      return {
        uid: o.uid,
        summaries: events.map((e) => String(e.getFirstPropertyValue('summary'))).sort(),
        rrule: events.map((e) => e.getFirstPropertyValue('rrule')?.toString() ?? null).filter(Boolean),
        recurrenceIds: events.map((e) => e.getFirstPropertyValue('recurrence-id')?.toString() ?? null).filter(Boolean),
      }
    }).sort((a, b) => a.uid.localeCompare(b.uid)),
  })))
}

function membersOf(slug: string) {
  const tables = new SqliteMembersTablesRepository(t.server.parts.pool.get(slug)).dump()
  return tables
}

beforeAll(async () => {
  t = await startTestServer()
  await ensureStaff(t)
  await t.createSpace('velo', { name: 'Les Amis du Vélo', admin: { username: 'admin', password: 'admin-password-1', email: 'admin@velo.invalid' } })
  const ocs = (p: string, body: unknown) => fetch(`${t.spaceUrl('velo')}/ocs/v2.php/cloud/${p}`, {
    method: 'POST', headers: { authorization: ADMIN, 'ocs-apirequest': 'true', 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body),
  })
  expect((await ocs('groups', { groupid: 'bureau' })).status).toBe(200)
  expect((await ocs('users', { userid: 'bob', password: 'bob-password-1', email: 'bob@velo.invalid', displayName: 'Bob Léger', groups: ['bureau'] })).status).toBe(200)

  // Files: two accounts, the association folder, a binary, a non-ASCII name, set mtimes.
  await mkcol(dav('velo', 'files/admin/Rapports'), ADMIN)
  await put(dav('velo', `files/admin/${enc(UNICODE)}`), ADMIN, 'Compte rendu\n', { 'x-oc-mtime': '1700000000' })
  await put(dav('velo', 'files/admin/photo.bin'), ADMIN, binary, { 'x-oc-mtime': '1650000000' })
  await mkcol(dav('velo', 'files/admin/Vide'), ADMIN)
  await put(dav('velo', 'files/bob/notes.txt'), BOB, 'Bob’s notes\n')
  await mkcol(dav('velo', 'files/admin/Association/Statuts'), ADMIN)
  await put(dav('velo', `files/admin/Association/Statuts/${enc('Statuts signés.pdf')}`), ADMIN, crypto.randomBytes(5000), { 'x-oc-mtime': '1600000000' })

  // Calendars: the admin's own (colour, description) with a weekly event and a moved instance; the association's.
  const mk = await fetch(dav('velo', 'calendars/admin/sorties/'), {
    method: 'MKCALENDAR', headers: { authorization: ADMIN, 'content-type': 'application/xml' },
    body: `<?xml version="1.0"?><c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" xmlns:a="http://apple.com/ns/ical/"><d:set><d:prop>
      <d:displayname>Sorties vélo</d:displayname><a:calendar-color>#FF8800</a:calendar-color>
      <c:calendar-description>Les sorties du club</c:calendar-description></d:prop></d:set></c:mkcalendar>`,
  })
  expect(mk.status).toBe(201)
  await put(dav('velo', 'calendars/admin/sorties/weekly.ics'), ADMIN, WEEKLY, { 'content-type': 'text/calendar' })
  await put(dav('velo', 'calendars/admin/association/ag.ics'), ADMIN, ASSEMBLY, { 'content-type': 'text/calendar' })

  // Members: categories, an activity with fees, members, a payment.
  const api = (p: string, body: unknown) => call(`${t.spaceUrl('velo')}/apps/members/api${p}`, {
    method: 'POST', headers: { authorization: ADMIN, 'content-type': 'application/json' }, body: JSON.stringify(body),
  })
  const board = (await api('/categories', { name: 'Bureau' })).body
  await api('/categories', { name: 'Anciens', hidden: true })
  const act = (await api('/activities', { name: 'Adhésion 2026', validity: { kind: 'days', days: 365 }, fees: [{ label: 'Normal', amountCents: 3000 }, { label: 'Bureau', amountCents: 0, categoryId: board.id }] })).body
  const m1 = (await api('/members', { firstName: 'Émile', lastName: 'Zola', email: 'emile@example.org', categoryId: board.id })).body
  expect(m1.number).toBe('1')
  const m2 = (await api('/members', { firstName: 'Paul', lastName: 'Adam', address: { city: 'Lyon' } })).body
  const paid = await api(`/members/${m2.id}/payments`, { activityId: act.id, amountCents: 1500, paidOn: '2026-01-10', method: 'cheque', reference: 'CHQ-1' })
  expect(paid.status, JSON.stringify(paid.body)).toBe(201)
}, 60_000)
afterAll(async () => t?.close())

describe('export → delete → import', () => {
  let archive: Buffer
  let before: { files: ReturnType<typeof treeDigest>; calendars: ReturnType<typeof calendarsOf>; members: ReturnType<typeof membersOf> }

  it('exports the space into one .tar.gz whose manifest lists every entry with size and SHA-256', async () => {
    before = { files: treeDigest(path.join(t.server.parts.pool.dir('velo'), 'files')), calendars: calendarsOf('velo'), members: membersOf('velo') }
    expect(Object.keys(before.files).sort()).toEqual(['_association/Statuts/Statuts signés.pdf', 'admin/photo.bin', `admin/${UNICODE}`, 'bob/notes.txt'].sort())
    const exported = await exportThroughApi(t, 'velo')
    archive = exported.archive
    const items = await untar(archive)
    const manifest = JSON.parse(items.find((i) => i.name === 'manifest.json')!.content.toString('utf8'))
    expect(manifest).toMatchObject({ format: 'maison-space-archive', version: 1, space: { slug: 'velo', name: 'Les Amis du Vélo' } })
    for (const i of items.filter((x) => x.type === 'file' && x.name !== 'manifest.json')) {
      expect(manifest.entries.find((e: any) => e.path === i.name), i.name).toMatchObject({ size: i.content.length, sha256: sha256(i.content) })
    }
    const names = items.map((i) => i.name)
    expect(names).toEqual(expect.arrayContaining([
      'space.json', 'accounts.json', 'calendars/admin/sorties.ics', 'calendars/_association/association.ics',
      'apps/members/members.csv', 'apps/members/members.vcf', 'apps/members/tables.json', `files/admin/${UNICODE}`, 'files/bob/notes.txt',
      'files/_association/Statuts/Statuts signés.pdf', 'files/admin/Vide/',
    ]))
    const accounts = JSON.parse(items.find((i) => i.name === 'accounts.json')!.content.toString('utf8'))
    expect(JSON.stringify(accounts)).not.toMatch(/scrypt|password/i)
    expect(accounts.accounts.find((a: any) => a.username === 'bob')).toMatchObject({ email: 'bob@velo.invalid', displayName: 'Bob Léger', groups: ['bureau'] })
    const sorties = items.find((i) => i.name === 'calendars/admin/sorties.ics')!.content.toString('utf8')
    expect(sorties).toMatch(/X-WR-CALNAME:Sorties vélo/)
    expect(sorties).toMatch(/X-APPLE-CALENDAR-COLOR:#FF8800/i)
    expect(items.find((i) => i.name === 'apps/members/members.csv')!.content.toString('utf8')).toMatch(/Zola/)
    expect(items.find((i) => i.name === 'apps/members/members.vcf')!.content.toString('utf8')).toMatch(/FN:Émile Zola/)
    // Listed for staff and for the space's admin.
    const listed = await call(`${t.url}/api/v1/spaces/velo/exports`, { headers: { authorization: STAFF } })
    expect(listed.body.exports[0]).toMatchObject({ id: exported.id, state: 'ready', size: archive.length, sha256: sha256(archive) })
  }, 60_000)

  it('deletes the space, imports the archive into a new name, and everything is equal', async () => {
    expect((await call(`${t.url}/api/v1/spaces/velo/delete`, { method: 'POST', headers: { authorization: STAFF } })).status).toBe(200)
    const res = await importThroughApi(t, 'velo-bis', archive)
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body).toMatchObject({ slug: 'velo-bis', name: 'Les Amis du Vélo', sourceSlug: 'velo', files: 4, calendars: 2, apps: expect.arrayContaining(['members']) })
    expect(res.body.accounts.map((a: any) => [a.username, a.activationMailed]).sort()).toEqual([['admin', true], ['bob', true]])

    const after = treeDigest(path.join(t.server.parts.pool.dir('velo-bis'), 'files'), 'round')
    expect(after).toEqual(before.files)
    expect(calendarsOf('velo-bis')).toEqual(before.calendars)
    const weekly = before.calendars.find((c) => c.uri === 'sorties')!.objects[0]!
    expect(weekly).toMatchObject({ uid: 'weekly-ride@velo', rrule: ['FREQ=WEEKLY;COUNT=20;BYDAY=WE'], summaries: ['Sortie du mercredi', 'Sortie décalée au jeudi'] })
    expect(membersOf('velo-bis')).toEqual(before.members)
    expect(before.members.members_payments).toHaveLength(1)

    const env = accountsEnv(t.server.parts.pool.get('velo-bis'), () => new Date())
    const bob = env.store.accounts.byUsername('bob')!
    expect(bob).toMatchObject({ email: 'bob@velo.invalid', displayName: 'Bob Léger', role: 'member' })
    expect(env.store.groups.groupsOf(bob.id)).toEqual(['bureau'])
    // Each person gets a link to choose a password (accounts have none in the archive).
    // Mails go through the mail queue: wait for its worker to file them in the outbox.
    const outbox = () => t.server.outbox.list(50).filter((m) => m.key.startsWith('import-activation:velo-bis:'))
    for (let i = 0; i < 200 && outbox().length < 2; i++) await new Promise((r) => setTimeout(r, 50))
    const mails = outbox()
    expect(mails.map((m) => m.to).sort()).toEqual(['admin@velo.invalid', 'bob@velo.invalid'])
    expect(mails[0]!.text).toMatch(new RegExp(`/s/velo-bis/reset/`))

    // The imported space works: the association folder is served over WebDAV to its admin once activated.
    const link = /\/s\/velo-bis\/reset\/(\S+)/.exec(mails.find((m) => m.to === 'admin@velo.invalid')!.text)
    expect(link).toBeTruthy()
  }, 60_000)

  it('lets the space admin export their own space and download it, but not another space\'s export', async (ctx) => {
    await t.createSpace('club', { admin: { username: 'admin', password: 'admin-password-1' } })
    const started = await call(`${t.spaceUrl('club')}/api/v1/export`, { method: 'POST', headers: { authorization: ADMIN } })
    expect(started.status).toBe(202)
    let got
    for (let i = 0; i < 300; i++) {
      got = await call(`${t.spaceUrl('club')}/api/v1/exports/${started.body.id}`, { headers: { authorization: ADMIN } })
      if (got.status === 200) break
      await new Promise((r) => setTimeout(r, 100))
    }
    expect(got!.status).toBe(200)
    expect((await untar(got!.bytes)).some((i) => i.name === 'manifest.json')).toBe(true)
    // The admin of another space, with the same credentials, never reaches this space's export.
    await t.createSpace('club2', { admin: { username: 'admin', password: 'admin-password-1' } })
    const other = await call(`${t.spaceUrl('club2')}/api/v1/exports/${started.body.id}`, { headers: { authorization: ADMIN } })
    expect(other.status).toBe(404)
    const member = await call(`${t.spaceUrl('club')}/api/v1/exports`, { headers: { authorization: basic('admin', 'wrong-password') } })
    expect(member.status).toBe(401)
  }, 60_000)
})

describe('staff console', () => {
  it('has an export button per space, lists the exports and downloads them', async () => {
    const base = t.url
    const login = await fetch(`${base}/admin/login`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ username: 'staff', password: 'staff-password-1', next: '/admin/spaces' }) })
    expect(login.status).toBe(303)
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!
    const page = await (await fetch(`${base}/admin/spaces`, { headers: { cookie } })).text()
    expect(page).toContain('action="/admin/spaces/velo-bis/export"')
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!
    const forged = await fetch(`${base}/admin/spaces/velo-bis/export`, { method: 'POST', redirect: 'manual', headers: { cookie }, body: new URLSearchParams({}) })
    expect(forged.status).toBe(403)
    const asked = await fetch(`${base}/admin/spaces/velo-bis/export`, { method: 'POST', redirect: 'manual', headers: { cookie }, body: new URLSearchParams({ _csrf: csrf }) })
    expect(asked.status).toBe(303)
    expect(asked.headers.get('location')).toBe('/admin/spaces/velo-bis/exports')
    let link: string | undefined
    for (let i = 0; i < 300 && !link; i++) {
      const list = await (await fetch(`${base}/admin/spaces/velo-bis/exports`, { headers: { cookie } })).text()
      link = /href="(\/admin\/exports\/[^"]+)"/.exec(list)?.[1]
      if (!link) await new Promise((r) => setTimeout(r, 100))
    }
    expect(link).toBeTruthy()
    const file = await fetch(`${base}${link}`, { headers: { cookie } })
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toMatch(/gzip/)
    const items = await untar(Buffer.from(await file.arrayBuffer()))
    expect(JSON.parse(items.find((i) => i.name === 'manifest.json')!.content.toString('utf8')).space.slug).toBe('velo-bis')
  }, 60_000)
})
