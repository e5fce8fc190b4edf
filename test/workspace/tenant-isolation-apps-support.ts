/**
 * Fixtures of the apps' tenant-isolation matrix: space "bravo" (the victim) filled with events of every visibility,
 * sign-ups, a site, a brand kit, an uploaded template, a ready export and a member in the address book; space
 * "alpha" (the intruder) with an admin session and an app password; and the runner of the probe tables.
 */
import http from 'node:http'
import path from 'node:path'
import { expect } from 'vitest'
import { openDatabase } from '@maison/db'
import { linkToken } from '../../apps/events/src/registrations/tokens.ts'
import type { TestServer } from '../support/server.ts'
import { basic, browserSession } from '../support/session.ts'

/** In bravo's public data: may show on bravo's own public pages, nowhere else. */
export const PUBLIC = 'BRAVO-PUBLIC-5d1e'
/** In the title of bravo's unlisted event: on that event's own page and .ics only, never in a list. */
export const UNLISTED = 'BRAVO-UNLISTED-3b9f'
/** In bravo's private data (hidden events, sign-ups, kit, templates, members): never in any probe's answer. */
export const SECRET = 'BRAVO-SECRET-a7c3'
/** E-mail domain of bravo's people. */
export const SECRET_MAIL = 'bravo.invalid'

export const BRAVO_ADMIN = basic('admin', 'bravo-password-1')
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

/** Ids, tokens and links of bravo's data that the probes carry. */
export interface Bravo {
  events: { pub: string; recurring: string; unlisted: string; members: string; draft: string; scheduled: string }
  /** Id of the second occurrence of the recurring event. */
  occurrence: string
  registration: { pending: string; unconfirmed: string }
  tokens: { confirm: string; manage: string; pendingManage: string }
  /** The first of bravo's uploaded templates, and all of them (one per language). */
  template: string
  templates: string[]
  exportId: string
  card: string
}

/** A JSON call that must succeed; answers the parsed body. */
async function call(url: string, method: string, body: unknown, authorization = BRAVO_ADMIN, headers: Record<string, string> = {}): Promise<any> {
  const res = await fetch(url, {
    method, headers: { ...(authorization ? { authorization } : {}), 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  expect(res.status, `${method} ${url}: ${text}`).toBeLessThan(300)
  return text ? JSON.parse(text) : null
}

const day = (n: number, hour = 18): string => {
  const d = new Date(Date.now() + n * 86_400_000)
  d.setUTCHours(hour, 0, 0, 0)
  return d.toISOString()
}

/** Creates bravo's events; every title carries the marker of what a stranger may see of it. */
async function seedEvents(t: TestServer): Promise<Bravo['events']> {
  const api = `${t.spaceUrl('bravo')}/apps/events/api`
  const create = async (title: string, extra: Record<string, unknown> = {}) =>
    ((await call(`${api}/events`, 'POST', { title, start: day(7), end: day(7, 20), tags: ['accueil'], ...extra })) as { id: string }).id
  const events = {
    pub: await create(`${PUBLIC} fête`, { capacity: 5, joinMode: 'approval', description: `<p>${PUBLIC}</p>` }),
    recurring: await create(`${PUBLIC} atelier`, { rrule: 'FREQ=WEEKLY;COUNT=3' }),
    unlisted: await create(`${UNLISTED} unlisted`, { visibility: 'unlisted' }),
    members: await create(`${SECRET} members`, { visibility: 'members' }),
    draft: await create(`${SECRET} draft`, { draft: true }),
    scheduled: await create(`${SECRET} scheduled`, { publishAt: day(30) }),
  }
  await call(`${api}/site`, 'PUT', { presentation: `<p>${PUBLIC} bienvenue</p>` })
  const pic = await fetch(`${api}/events/${events.pub}/picture`, { method: 'PUT', headers: { authorization: BRAVO_ADMIN, 'content-type': 'image/png' }, body: new Uint8Array(PNG) })
  expect(pic.status, await pic.text()).toBe(200)
  const pic2 = await fetch(`${api}/events/${events.members}/picture`, { method: 'PUT', headers: { authorization: BRAVO_ADMIN, 'content-type': 'image/png' }, body: new Uint8Array(PNG) })
  expect(pic2.status, await pic2.text()).toBe(200)
  return events
}

/** Two anonymous sign-ups to bravo's public event: one confirmed (pending approval), one left unconfirmed. */
async function seedRegistrations(t: TestServer, eventId: string): Promise<Pick<Bravo, 'registration' | 'tokens'>> {
  const signup = `${t.spaceUrl('bravo')}/p/events/${eventId}/signup`
  for (const who of ['jane', 'john']) {
    await call(signup, 'POST', { name: `${SECRET} ${who}`, email: `${who}@${SECRET_MAIL}` }, '', { 'x-forwarded-for': `10.9.0.${who.length}` })
  }
  const db = openDatabase(path.join(t.dataDir, 'spaces', 'bravo', 'space.sqlite'), { readonly: true })
  const secret = (db.prepare('SELECT secret FROM events_registration_keys WHERE id = 1').get() as { secret: string }).secret
  const id = (email: string) => (db.prepare('SELECT id FROM events_registrations WHERE email = ?').get(email) as { id: string }).id
  const registration = { pending: id(`jane@${SECRET_MAIL}`), unconfirmed: id(`john@${SECRET_MAIL}`) }
  db.close()
  const confirmed = await call(`${t.spaceUrl('bravo')}/p/registrations/confirm/${linkToken(secret, 'confirm', registration.pending)}`, 'POST', {}, '')
  expect(confirmed.status).toBe('pending')
  return {
    registration,
    tokens: { confirm: linkToken(secret, 'confirm', registration.unconfirmed), manage: linkToken(secret, 'manage', registration.unconfirmed), pendingManage: linkToken(secret, 'manage', registration.pending) },
  }
}

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1080 1080" width="1080" height="1080">
  <rect id="background" width="1080" height="1080" fill="#1f4e79"/>
  <text id="headline" x="540" y="800" text-anchor="middle" font-size="80" fill="#ffffff">${SECRET}</text>
</svg>`

/** A brand kit named with the marker and an uploaded template of bravo's own. */
async function seedVisuals(t: TestServer): Promise<string[]> {
  const api = `${t.spaceUrl('bravo')}/apps/visuals/api`
  const { kit } = (await call(`${api}/brand-kit`, 'GET', undefined)) as { kit: Record<string, unknown> }
  await call(`${api}/brand-kit`, 'PUT', { ...kit, name: `${SECRET} kit`, colourNames: { primary: `${SECRET} blue` } })
  const created = await call(`${api}/templates`, 'POST', {
    name: `${SECRET} poster`, category: 'event', size: 'square', svg: SVG,
    fields: [{ part: 'headline', type: 'text', label: `${SECRET} title`, maxLength: 60 }],
  })
  return (created.templates as { id: string }[]).map((x) => x.id).sort()
}

/** A finished export of bravo (polled until its archive is there, so a leak would be real bytes). */
async function seedExport(t: TestServer): Promise<string> {
  const bravo = t.spaceUrl('bravo')
  const { id } = (await call(`${bravo}/api/v1/export`, 'POST', undefined)) as { id: string }
  const deadline = Date.now() + 30_000
  for (;;) {
    const res = await fetch(`${bravo}/api/v1/exports/${id}`, { headers: { authorization: BRAVO_ADMIN } })
    await res.arrayBuffer()
    if (res.status === 200) return id
    if (Date.now() > deadline) throw new Error(`bravo's export ${id} is not ready after 30 s (${res.status})`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

/** A member of bravo with the marker, and the href of its card in the admin's address book. */
async function seedMembers(t: TestServer): Promise<string> {
  const bravo = t.spaceUrl('bravo')
  await call(`${bravo}/apps/members/api/members`, 'POST', { firstName: SECRET, lastName: 'Card', email: `card@${SECRET_MAIL}` })
  const res = await fetch(`${bravo}/remote.php/dav/addressbooks/users/admin/members/`, { method: 'PROPFIND', headers: { authorization: BRAVO_ADMIN, depth: '1' } })
  const hrefs = [...(await res.text()).matchAll(/<d:href>([^<]+\.vcf)<\/d:href>/gi)].map((m) => m[1]!)
  expect(hrefs, 'bravo admin sees the card in the members book').toHaveLength(1)
  return hrefs[0]!
}

/** Spaces alpha and bravo, bravo's data, and bravo's member account "max". */
export async function seedBravo(t: TestServer): Promise<Bravo> {
  await t.createSpace('alpha', { admin: { username: 'admin', password: 'alpha-password-1', email: 'admin@alpha.example' } })
  await t.createSpace('bravo', { admin: { username: 'admin', password: 'bravo-password-1', email: `owner@${SECRET_MAIL}` } })
  await call(`${t.spaceUrl('bravo')}/api/v1/accounts`, 'POST', { username: 'max', password: 'max-password-12', role: 'member', displayName: 'max' })
  const events = await seedEvents(t)
  const occ = (await call(`${t.spaceUrl('bravo')}/apps/events/api/events/${events.recurring}/occurrences`, 'GET', undefined)) as { occurrences: { id: string }[] }
  expect(occ.occurrences).toHaveLength(3)
  const regs = await seedRegistrations(t, events.pub)
  const logo = await fetch(`${t.spaceUrl('bravo')}/remote.php/dav/files/admin/logo.png`, { method: 'PUT', headers: { authorization: BRAVO_ADMIN }, body: new Uint8Array(PNG) })
  expect(logo.status).toBe(201)
  const templates = await seedVisuals(t)
  return { events, occurrence: occ.occurrences[1]!.id, ...regs, template: templates[0]!, templates, exportId: await seedExport(t), card: await seedMembers(t) }
}

/** Headers of alpha's admin: a browser session and an app password. */
export async function alphaCredentials(t: TestServer): Promise<{ session: Record<string, string>; appPassword: Record<string, string> }> {
  const session = await browserSession(t, 'alpha', 'admin', 'alpha-password-1')
  const { loginName, password } = await call(`${t.spaceUrl('alpha')}/api/v1/me/app-passwords`, 'POST', { name: 'phone' }, '', session)
  return { session, appPassword: { authorization: basic(loginName, password) } }
}

export type Cred = 'alpha session' | 'alpha app password' | 'no credentials' | 'bravo member' | 'bravo admin' | 'alpha DAV token'
type Expected = number | readonly number[]

/** One request of the matrix, sent with each of its credentials. */
export interface Probe {
  method: string
  path: string
  body?: string
  headers?: Record<string, string>
  /** Expected status (or statuses), for every credential or per credential. */
  status: Expected | Partial<Record<Cred, Expected>>
  /** Markers this answer may hold (bravo's public pages show bravo's public events). */
  allow?: string[]
  /** Strings that must not appear besides the markers (e.g. bravo's export id in alpha's list). */
  forbid?: string[]
  /** Credentials to send it with; default: the attackers. */
  as?: Cred[]
}

const MARKERS = [PUBLIC, UNLISTED, SECRET, SECRET_MAIL]

/** Sends the path verbatim (fetch would resolve `%2e%2e` segments before sending, hiding the trick). */
function send(base: string, p: Probe, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(base)
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, method: p.method, path: p.path, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode!, text: Buffer.concat(chunks).toString('utf8') }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(p.body)
  })
}

/** Runs one probe with one credential; answers a failure line or null. */
async function run(base: string, p: Probe, cred: Cred, headers: Record<string, string>): Promise<string | null> {
  const res = await send(base, p, { ...p.headers, ...headers })
  const expected = typeof p.status === 'number' || Array.isArray(p.status) ? p.status : (p.status as Partial<Record<Cred, Expected>>)[cred]!
  const allowed = typeof expected === 'number' ? [expected] : expected
  const leaked = [...MARKERS.filter((m) => !p.allow?.includes(m)), ...(p.forbid ?? [])].filter((m) => res.text.includes(m))
  if (allowed.includes(res.status) && leaked.length === 0) return null
  return `${cred}: ${p.method} ${p.path} → ${res.status} (expected ${allowed.join(' or ')})${leaked.length ? ` LEAK ${leaked.join(', ')}` : ''}`
}

/** Runs a table of probes with their credentials; answers the failures and the number of requests. */
export async function runProbes(base: string, creds: Record<Cred, Record<string, string>>, defaults: Cred[], table: Probe[]): Promise<{ failures: string[]; count: number }> {
  const failures: string[] = []
  let count = 0
  // Credentials run side by side (each from its own address); the probes of one credential run in order.
  for (const p of table) {
    const results = await Promise.all((p.as ?? defaults).map((cred) => run(base, p, cred, creds[cred])))
    count += results.length
    failures.push(...results.filter((f): f is string => f !== null))
  }
  return { failures, count }
}
