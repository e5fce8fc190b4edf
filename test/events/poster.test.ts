/** GET /events/{id}/poster.{png|pdf}: the visuals event-poster template from the event's data, through the visuals API. */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { SpaceContext } from '@maison/app-contract'
import { startTestServer, type TestServer } from '../support/server.ts'
import { SpaceSettingsStore } from '../../apps/workspace/src/spaces/settings.ts'
import { addAccount, basic, client } from './events-support.ts'

let t: TestServer
const ADMIN = basic('ada', 'ada-password-1')
let api: ReturnType<typeof client>
let feast: { id: string; url: string }

/** A 400 × 300 picture of one colour, so the poster can be seen to show it. */
function picture(): Buffer {
  const png = new PNG({ width: 400, height: 300 })
  for (let i = 0; i < png.data.length; i += 4) png.data.set([0x10, 0xc0, 0x40, 0xff], i)
  return PNG.sync.write(png)
}

function pdfText(bytes: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'events-poster-'))
  try {
    fs.writeFileSync(path.join(dir, 'p.pdf'), bytes)
    return execFileSync('pdftotext', [path.join(dir, 'p.pdf'), '-'], { encoding: 'utf8' })
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

beforeAll(async () => {
  t = await startTestServer()
  await t.createSpace('fanfare', { admin: { username: 'ada', password: 'ada-password-1' } })
  await addAccount(t, 'fanfare', ADMIN, { username: 'max', password: 'max-password-1', role: 'member' })
  api = client(`${t.spaceUrl('fanfare')}/apps/events/api`, ADMIN)
  const created = await api.post('/events', {
    title: 'Fête de la Saint-Jean', start: '2027-06-21T19:00', end: '2027-06-21T23:00', address: 'Quai Jean-Moulin, Châteaulin', category: 'Concert',
    description: '<p>Fanfares et bal populaire sur les quais.</p>',
  })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  expect((await api.put(`/events/${created.body.id}/picture`, picture(), { 'content-type': 'image/png' })).status).toBe(200)
  feast = { id: created.body.id, url: created.body.url }
})
afterAll(async () => t?.close())

const poster = (id: string, ext: string, query = '', auth = ADMIN) => fetch(`${t.spaceUrl('fanfare')}/apps/events/api/events/${id}/poster.${ext}${query}`, { headers: { authorization: auth } })

it('answers the poster as a PNG of the template size, with the picture and the public page as QR code', async () => {
  const res = await poster(feast.id, 'png', '?lang=fr')
  expect(res.status, await res.clone().text().then((s) => s.slice(0, 300))).toBe(200)
  expect(res.headers.get('content-type')).toBe('image/png')
  expect(res.headers.get('content-disposition')).toBe(`attachment; filename="poster-${feast.id}.png"`)
  const png = PNG.sync.read(Buffer.from(await res.arrayBuffer()))
  expect([png.width, png.height]).toEqual([1240, 1754])
  const at = (x: number, y: number) => [...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3)]
  // The picture fills the top of the poster (within what lossy photo encoding may shift).
  const [r, g, b] = at(620, 400)
  expect(Math.max(Math.abs(r! - 0x10), Math.abs(g! - 0xc0), Math.abs(b! - 0x40)), String(at(620, 400))).toBeLessThanOrEqual(8)
  // The QR code sits in the bottom band; decoding that part alone keeps jsQR off the photo.
  const band = new PNG({ width: 400, height: 300 })
  PNG.bitblt(png, band, 840, 1454, 400, 300, 0, 0)
  expect(jsQR(new Uint8ClampedArray(band.data), band.width, band.height)?.data).toBe(feast.url)
})

it('answers the poster as a PDF with the title, the date in the space zone and language, and the place', async () => {
  const res = await poster(feast.id, 'pdf', '?lang=fr')
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('application/pdf')
  const text = pdfText(Buffer.from(await res.arrayBuffer())).replace(/\s+/g, ' ')
  expect(text).toContain('Fête de la Saint-Jean')
  expect(text).toMatch(/lundi 21 juin 2027 à 19:00 – 23:00/)
  expect(text).toContain('Quai Jean-Moulin, Châteaulin')
  expect(text).toContain('Fanfares et bal populaire sur les quais.')
  const en = pdfText(Buffer.from(await (await poster(feast.id, 'pdf', '?lang=en')).arrayBuffer())).replace(/\s+/g, ' ')
  expect(en).toMatch(/Monday,? 21 June 2027 at 19:00 – 23:00/)
})

it('shows an online event with its link, even when its category is not one of the template kinds', async () => {
  const online = await api.post('/events', { title: 'Assemblée générale en ligne', start: '2027-03-04T18:30', end: '2027-03-04T20:00', onlineUrl: 'https://visio.example.org/ag-2027', category: 'Assemblée' })
  expect(online.status).toBe(201)
  const res = await poster(online.body.id, 'pdf', '?lang=fr')
  expect(res.status).toBe(200)
  const text = pdfText(Buffer.from(await res.arrayBuffer())).replace(/\s+/g, ' ')
  expect(text).toContain('Assemblée générale en ligne')
  expect(text).toContain('En ligne : visio.example.org/ag-2027')
})

it('is for organisers, names bad input, and answers 409 when the space has not enabled visuals', async () => {
  expect((await poster(feast.id, 'png', '', basic('max', 'max-password-1'))).status).toBe(403)
  expect((await poster('nope', 'png')).status).toBe(404)
  const bad = await poster(feast.id, 'png', '?size=huge')
  expect(bad.status).toBe(400)
  expect(((await bad.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe('size')

  const use = (fn: (space: SpaceContext) => void) => t.server.services.spaces.use('fanfare', fn)
  await use((space) => new SpaceSettingsStore(space.db).set('enabledApps', ['events', 'members']))
  try {
    const res = await poster(feast.id, 'pdf')
    expect(res.status).toBe(409)
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(await res.json()).toMatchObject({ status: 409, code: 'visuals_not_enabled' })
  } finally {
    await use((space) => new SpaceSettingsStore(space.db).set('enabledApps', ['events', 'members', 'visuals']))
  }
})
