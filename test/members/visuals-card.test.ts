import net from 'node:net'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { pino } from 'pino'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { AppApiEndpoint, SpaceContext } from '@maison/app-contract'
import { basic, client, startMembersServer, type MembersTestServer } from './support.ts'
import { memberCardPng } from '../../apps/members/src/documents/member-card.ts'
import { SpaceSettingsStore } from '../../apps/workspace/src/spaces/settings.ts'

let t: MembersTestServer
const admin = basic('admin', 'club-password-1')
const lea = basic('lea', 'lea-password-1')
let memberId = 0

beforeAll(async () => {
  t = await startMembersServer()
  await t.createSpace('club')
  const api = client(t.api('club'), admin)
  await api.patch('/settings', { associationName: 'Club de voile des Glénan' })
  const cat = (await api.post('/categories', { name: 'Membre actif' })).body
  const act = (await api.post('/activities', { name: 'Saison', validity: { kind: 'season', start: '2025-09-01', end: '2026-08-31' }, fees: [{ label: 'N', amountCents: 4500 }] })).body
  const acc = await fetch(`${t.spaceUrl('club')}/api/v1/accounts`, { method: 'POST', headers: { authorization: admin, 'content-type': 'application/json' }, body: JSON.stringify({ username: 'lea', password: 'lea-password-1', role: 'member' }) })
  expect(acc.status).toBe(201)
  const m = (await api.post('/members', { firstName: 'Léa', lastName: 'Roux', account: 'lea', categoryId: cat.id })).body
  memberId = m.id
  expect((await api.post(`/members/${m.id}/payments`, { activityId: act.id, amountCents: 4500, paidOn: '2026-01-10', method: 'cheque' })).status).toBe(201)
  // The space's brand kit, chosen in visuals: the card must come out in its main colour.
  const kit = (await client(`${t.spaceUrl('club')}/apps/visuals/api`, admin).get('/brand-kit')).body.kit
  const res = await fetch(`${t.spaceUrl('club')}/apps/visuals/api/brand-kit`, {
    method: 'PUT', headers: { authorization: admin, 'content-type': 'application/json' }, body: JSON.stringify({ ...kit, palette: { ...kit.palette, primary: '#123456' } }),
  })
  expect(res.status).toBe(200)
})
afterAll(async () => t?.close())

const use = <T>(fn: (space: SpaceContext) => T) => t.server.services.spaces.use('club', fn) as Promise<T>

async function card(url: string, auth: string) {
  const res = await fetch(url, { headers: { authorization: auth } })
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('image/png')
  const png = PNG.sync.read(Buffer.from(await res.arrayBuffer()))
  const qr = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)
  const at = (x: number, y: number) => [...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3)]
  return { width: png.width, height: png.height, qr: qr?.data ?? null, at }
}

const verifyUrl = new RegExp(`^http://127\\.0\\.0\\.1:\\d+/s/club/p/members/verify/[A-Za-z0-9_-]+$`)

it('is the visuals member-card template in the brand kit, with the verify link as QR code', async () => {
  const c = await card(`${t.api('club')}/members/${memberId}/card.png`, admin)
  // The template's card size (ID-1 at 300 dpi), not the built-in card's 1712 px.
  expect([c.width, c.height]).toEqual([1012, 638])
  const [r, g, b] = c.at(20, 320)
  expect(Math.max(Math.abs(r! - 0x12), Math.abs(g! - 0x34), Math.abs(b! - 0x56)), String(c.at(20, 320))).toBeLessThanOrEqual(4)
  expect(c.qr).toMatch(verifyUrl)
  const verify = (await (await fetch(c.qr!, { headers: { accept: 'application/json' } })).json()) as { valid: boolean; validUntil: string }
  expect(verify).toEqual({ valid: true, validUntil: '2026-08-31' })

  const own = await card(`${t.api('club')}/me/card.png`, lea)
  expect([own.width, own.height]).toEqual([1012, 638])
  expect(own.qr).toBe(c.qr)
})

it('is the built-in card when visuals is not enabled, with the same QR code', async () => {
  const viaVisuals = await card(`${t.api('club')}/me/card.png`, lea)
  await use((space) => new SpaceSettingsStore(space.db).set('enabledApps', ['events', 'members']))
  try {
    const builtIn = await card(`${t.api('club')}/me/card.png`, lea)
    expect(builtIn.width).toBe(1712)
    expect(builtIn.qr).toBe(viaVisuals.qr)
  } finally {
    await use((space) => new SpaceSettingsStore(space.db).set('enabledApps', ['events', 'members', 'visuals']))
  }
})

it('falls back to the built-in card, with a warning, when visuals refuses or does not answer in time', async () => {
  const lines: string[] = []
  const logger = pino({ level: 'warn' }, { write: (l: string) => void lines.push(l) })
  const input = await use((space) => ({
    association: 'Club', member: { id: 7, firstName: 'Léa', lastName: 'Roux', number: '7' } as never, category: null, validUntil: '2026-08-31',
    verifyUrl: `${space.baseUrl}/p/members/verify/abc`, lang: 'fr' as const, season: '2025–2026',
  }))
  const ep = await use<AppApiEndpoint>((space) => t.server.services.appApi.as(space, 'visuals', 'lea'))
  const refused = await memberCardPng(input, { visuals: () => ({ ...ep, headers: { Authorization: 'Bearer maison-internal.forged.token' } }), logger })
  expect(PNG.sync.read(refused).width).toBe(1712)

  // A peer that accepts the connection and never answers.
  const sockets: net.Socket[] = []
  const silent = net.createServer((s) => void sockets.push(s))
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
  try {
    const url = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}/s/club/apps/visuals/api/`
    const started = Date.now()
    const slow = await memberCardPng(input, { visuals: () => ({ ...ep, url }), logger, timeoutMs: 300 })
    expect(Date.now() - started).toBeLessThan(5000)
    expect(PNG.sync.read(slow).width).toBe(1712)
  } finally {
    for (const s of sockets) s.destroy()
    await new Promise((resolve) => silent.close(resolve))
  }
  expect(lines.map((l) => JSON.parse(l).msg)).toEqual([
    'visuals could not render the member card; using the built-in card',
    'visuals could not render the member card; using the built-in card',
  ])
  expect(lines[0]).toMatch(/401/)
  expect(lines[1]).toMatch(/did not answer within 300 ms/)
})
