import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient } from 'webdav'
import { startTestServer, type TestServer } from '../support/server.ts'
import { solidPng } from './images.ts'

// The visuals app inside a real host: enabled in every space, brand kit in the space database, saving through WebDAV.
let t: TestServer
let api: string
const admin = 'Basic ' + Buffer.from('ada:ada-password-1').toString('base64')
const member = 'Basic ' + Buffer.from('max:max-password-1').toString('base64')

beforeAll(async () => {
  t = await startTestServer()
  await t.createSpace('club', { admin: { username: 'ada', password: 'ada-password-1' }, name: 'Les Amis du Quartier' })
  await t.createSpace('other', { admin: { username: 'oz', password: 'oz-password-12' } })
  const r = await fetch(`${t.spaceUrl('club')}/ocs/v2.php/cloud/users?format=json`, {
    method: 'POST', headers: { authorization: admin, 'OCS-APIRequest': 'true', 'content-type': 'application/json' },
    body: JSON.stringify({ userid: 'max', password: 'max-password-1' }),
  })
  expect(r.status, await r.text()).toBeLessThan(300)
  api = `${t.spaceUrl('club')}/apps/visuals/api`
})
afterAll(async () => t?.close())

const json = (auth: string, method: string, body?: unknown) => ({ method, headers: { authorization: auth, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })
const kitOf = async (auth = admin) => ((await (await fetch(`${api}/brand-kit`, { headers: { authorization: auth } })).json()) as { kit: Record<string, unknown> }).kit

describe('visuals in a space', () => {
  it('is listed in the shell and serves its API with an app password or Basic', async () => {
    const page = await fetch(`${t.spaceUrl('club')}/apps/visuals/`, { headers: { authorization: admin } })
    expect(page.status).toBe(200)
    const res = await fetch(`${api}/templates`, { headers: { authorization: member } })
    expect(res.status).toBe(200)
    expect(((await res.json()) as { templates: unknown[] }).templates.length).toBeGreaterThanOrEqual(16)
    expect((await fetch(`${api}/templates`)).status).toBe(401)
  })

  it('starts with a default kit named after the association', async () => {
    const kit = await kitOf(member)
    expect(kit).toMatchObject({ name: 'Les Amis du Quartier', logo: null, fonts: { heading: 'montserrat', body: 'inter' } })
  })

  it('lets an admin change the kit; refuses members and bad input without touching the stored kit', async () => {
    const kit = { ...(await kitOf()), palette: { primary: '#2d6a4f', secondary: '#d62828', accent: '#fcbf49', dark: '#1b1b1b', light: '#fffaf0' }, colourNames: { primary: 'Vert forêt' }, fonts: { heading: 'playfair', body: 'inter' } }
    const saved = await fetch(`${api}/brand-kit`, json(admin, 'PUT', kit))
    expect(saved.status, await saved.clone().text()).toBe(200)
    expect((await fetch(`${api}/brand-kit`, json(member, 'PUT', kit))).status).toBe(403)

    const bad = await fetch(`${api}/brand-kit`, json(admin, 'PUT', { ...kit, palette: { ...kit.palette, primary: 'green' }, fonts: { heading: 'comic-sans', body: 'inter' } }))
    expect(bad.status).toBe(400)
    const problem = (await bad.json()) as { errors: { path: string; message: string }[] }
    expect(problem.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['palette.primary', 'fonts.heading']))
    expect(problem.errors.find((e) => e.path === 'palette.primary')!.message).toMatch(/#1d4ed8/)
    expect(await kitOf()).toMatchObject({ palette: { primary: '#2d6a4f' }, colourNames: { primary: 'Vert forêt' }, fonts: { heading: 'playfair' } })
    // The other space still has its own default kit.
    const other = (await (await fetch(`${t.spaceUrl('other')}/apps/visuals/api/brand-kit`, { headers: { authorization: 'Basic ' + Buffer.from('oz:oz-password-12').toString('base64') } })).json()) as { kit: { palette: { primary: string } } }
    expect(other.kit.palette.primary).toBe('#1f4e79')
  })

  it('renders with the space kit: colours outside it are refused, colours inside are accepted', async () => {
    const outside = await fetch(`${api}/render`, json(member, 'POST', { template: 'banner-fr', size: 'banner', type: 'png', scale: 0.2, fields: { theme: '#1f4e79' } }))
    expect(outside.status).toBe(400)
    const inside = await fetch(`${api}/render`, json(member, 'POST', { template: 'banner-fr', size: 'banner', type: 'png', scale: 0.2, fields: { theme: '#2d6a4f' } }))
    expect(inside.status).toBe(200)
  })

  it('takes a logo upload and a logo picked in Files, and refuses what is not an image', async () => {
    const logo = solidPng(64, 32, [200, 30, 30])
    const up = await fetch(`${api}/brand-kit/logo`, { method: 'PUT', headers: { authorization: admin, 'content-type': 'image/png' }, body: new Uint8Array(logo) })
    expect(up.status, await up.clone().text()).toBe(200)
    expect((await kitOf()).logo).toBe(`data:image/png;base64,${logo.toString('base64')}`)

    const gif = await fetch(`${api}/brand-kit/logo`, { method: 'PUT', headers: { authorization: admin, 'content-type': 'image/gif' }, body: Buffer.from('GIF89a') })
    expect(gif.status).toBe(400)
    const fake = await fetch(`${api}/brand-kit/logo`, { method: 'PUT', headers: { authorization: admin, 'content-type': 'image/png' }, body: Buffer.from('not a png at all, really') })
    expect(fake.status).toBe(400)
    expect((await kitOf()).logo).toBe(`data:image/png;base64,${logo.toString('base64')}`)

    const inFiles = solidPng(40, 40, [0, 90, 200])
    const put = await fetch(`${t.spaceUrl('club')}/remote.php/dav/files/ada/logo.png`, { method: 'PUT', headers: { authorization: admin, 'content-type': 'image/png' }, body: new Uint8Array(inFiles) })
    expect(put.status).toBeLessThan(300)
    const picked = await fetch(`${api}/brand-kit/logo/from-files`, json(admin, 'POST', { path: '/logo.png' }))
    expect(picked.status, await picked.clone().text()).toBe(200)
    expect((await kitOf()).logo).toBe(`data:image/png;base64,${inFiles.toString('base64')}`)
    const missing = await fetch(`${api}/brand-kit/logo/from-files`, json(admin, 'POST', { path: '/nope.png' }))
    expect(missing.status).toBe(404)
  })

  it('saves PNG and PDF renders into Visuals/ of the caller\'s files without overwriting', async () => {
    const body = { template: 'event-poster-fr', size: 'a4', fields: { title: 'Fête de la Saint-Jean à l’école' } }
    const png = await fetch(`${api}/save`, json(member, 'POST', { ...body, type: 'png', scale: 0.5 }))
    expect(png.status, await png.clone().text()).toBe(201)
    expect(await png.json()).toMatchObject({ path: '/Visuals/event-poster-fr-a4.png', name: 'event-poster-fr-a4.png' })
    const again = await fetch(`${api}/save`, json(member, 'POST', { ...body, type: 'png', scale: 0.5 }))
    expect(await again.json()).toMatchObject({ name: 'event-poster-fr-a4 (2).png' })
    const pdf = await fetch(`${api}/save`, json(member, 'POST', { ...body, type: 'pdf', name: 'Affiche Saint-Jean' }))
    expect(await pdf.json()).toMatchObject({ path: '/Visuals/Affiche Saint-Jean.pdf' })

    const client = createClient(`${t.spaceUrl('club')}/remote.php/dav/files/max/`, { username: 'max', password: 'max-password-1' })
    const names = ((await client.getDirectoryContents('/Visuals')) as { basename: string }[]).map((f) => f.basename).sort()
    expect(names).toEqual(['Affiche Saint-Jean.pdf', 'event-poster-fr-a4 (2).png', 'event-poster-fr-a4.png'])
    const saved = Buffer.from((await client.getFileContents('/Visuals/Affiche Saint-Jean.pdf')) as ArrayBuffer)
    expect(saved.subarray(0, 5).toString()).toBe('%PDF-')

    const badName = await fetch(`${api}/save`, json(member, 'POST', { ...body, type: 'png', scale: 0.2, name: '../escape' }))
    expect(badName.status).toBe(400)
    expect(((await badName.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe('name')
  })
})

describe('gallery thumbnails and live preview', () => {
  it('answers a small PNG per template and size, drawn with the space kit', async () => {
    const res = await fetch(`${api}/thumbnails/quote-fr/square.png`, { headers: { authorization: member } })
    expect(res.status, await res.clone().text()).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/png')
    const png = Buffer.from(await res.arrayBuffer())
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([360, 360])
    expect((await fetch(`${api}/thumbnails/quote-fr/huge.png`, { headers: { authorization: member } })).status).toBe(400)
    expect((await fetch(`${api}/thumbnails/nope/square.png`, { headers: { authorization: member } })).status).toBe(404)
  })

  it('previews with the fitting of each text', async () => {
    const res = await fetch(`${api}/preview`, json(member, 'POST', { template: 'event-poster-fr', size: 'a4', maxSide: 400, fields: { title: 'Une fête très très longue pour tout le quartier de la Croix-Rousse et ses voisins' } }))
    expect(res.status, await res.clone().text()).toBe(200)
    const body = (await res.json()) as { image: string; width: number; height: number; fits: { slot: string; size: number; maxSize: number; truncated: boolean }[] }
    expect(body.image).toMatch(/^data:image\/png;base64,/)
    expect([body.width, body.height]).toEqual([283, 400])
    const title = body.fits.find((f) => f.slot === 'title')!
    expect(title.size).toBeLessThan(title.maxSize)
    expect(title.truncated).toBe(false)
    const bad = await fetch(`${api}/preview`, json(member, 'POST', { template: 'event-poster-fr', size: 'a4', fields: { title: 42 } }))
    expect(bad.status).toBe(400)
  })
})

describe('template authoring by space admins', () => {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1080 1080" width="1080" height="1080">
  <rect id="background" width="1080" height="1080" fill="#1f4e79"/>
  <rect id="picture" x="90" y="90" width="900" height="520" fill="#ccc"/>
  <text id="headline" x="540" y="800" text-anchor="middle" font-family="Comic Sans MS" font-weight="700" font-size="80" fill="#ffffff">Vide-grenier</text>
  <text x="540" y="980" text-anchor="middle" font-size="32" fill="#ffffff">Texte fixe</text>
</svg>`

  it('inspects an SVG: its parts, the formats it fits, a preview; refuses a script with its reason', async () => {
    const res = await fetch(`${api}/templates/inspect`, json(admin, 'POST', { svg }))
    expect(res.status, await res.clone().text()).toBe(200)
    const found = (await res.json()) as { parts: { part: string; suggested: string; text?: string }[]; sizes: string[]; preview: string }
    expect(found.parts).toEqual([
      { part: 'background', element: 'rect', suggested: 'image' },
      { part: 'picture', element: 'rect', suggested: 'image' },
      { part: 'headline', element: 'text', suggested: 'text', text: 'Vide-grenier' },
    ])
    expect(found.sizes).toEqual(['square'])
    expect(found.preview).toMatch(/^data:image\/png;base64,/)

    const evil = await fetch(`${api}/templates/inspect`, json(admin, 'POST', { svg: svg.replace('</svg>', '<script>alert(1)</script></svg>') }))
    expect(evil.status).toBe(400)
    expect(await evil.json()).toMatchObject({ code: 'unsafe_svg', detail: expect.stringMatching(/script/) })
    expect((await fetch(`${api}/templates/inspect`, json(member, 'POST', { svg }))).status).toBe(403)
  })

  it('stores a template whose marked parts are editable, renders it, then removes it', async () => {
    const body = {
      name: 'Vide-grenier', category: 'event', size: 'square', svg,
      fields: [
        { part: 'headline', type: 'text', label: 'Titre', maxLength: 60 },
        { part: 'picture', type: 'image', label: 'Photo' },
        { part: 'background', type: 'color', label: 'Fond' },
      ],
    }
    const wrong = await fetch(`${api}/templates`, json(admin, 'POST', { ...body, fields: [{ part: 'nothing', type: 'text', label: 'X' }, { part: 'picture', type: 'text', label: 'Y' }] }))
    expect(wrong.status).toBe(400)
    expect(((await wrong.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['fields.0.part', 'fields.1.part'])
    const badSize = await fetch(`${api}/templates`, json(admin, 'POST', { ...body, size: 'story' }))
    expect(badSize.status).toBe(400)

    const created = await fetch(`${api}/templates`, json(admin, 'POST', body))
    expect(created.status, await created.clone().text()).toBe(201)
    const { id, templates } = (await created.json()) as { id: string; templates: { id: string; custom: boolean; fields: { id: string; type: string; default?: string }[] }[] }
    expect(id).toMatch(/^custom-vide-grenier-[0-9a-f]{6}$/)
    expect(templates.map((t) => t.id).sort()).toEqual([`${id}-en`, `${id}-fr`])
    expect(templates[0]!.fields).toEqual([
      expect.objectContaining({ id: 'headline', type: 'text', default: 'Vide-grenier' }),
      expect.objectContaining({ id: 'picture', type: 'image' }),
      expect.objectContaining({ id: 'background', type: 'color', default: 'primary' }),
    ])
    const listed = ((await (await fetch(`${api}/templates`, { headers: { authorization: member } })).json()) as { templates: { id: string }[] }).templates
    expect(listed.map((t) => t.id)).toContain(`${id}-fr`)

    const preview = await fetch(`${api}/preview`, json(member, 'POST', { template: `${id}-fr`, size: 'square', maxSide: 300, fields: { headline: 'Grand vide-grenier de la rue Sainte-Catherine', background: 'secondary', picture: `data:image/png;base64,${solidPng(40, 30, [10, 200, 10]).toString('base64')}` } }))
    expect(preview.status, await preview.clone().text()).toBe(200)
    const fit = ((await preview.json()) as { fits: { slot: string; truncated: boolean; size: number; maxSize: number }[] }).fits.find((f) => f.slot === 'headline')!
    expect(fit.size).toBeLessThan(fit.maxSize)

    // Other spaces never see it.
    const other = ((await (await fetch(`${t.spaceUrl('other')}/apps/visuals/api/templates`, { headers: { authorization: 'Basic ' + Buffer.from('oz:oz-password-12').toString('base64') } })).json()) as { templates: { id: string }[] }).templates
    expect(other.map((x) => x.id)).not.toContain(`${id}-fr`)

    expect((await fetch(`${api}/templates/${id}`, { method: 'DELETE', headers: { authorization: member } })).status).toBe(403)
    expect((await fetch(`${api}/templates/${id}`, { method: 'DELETE', headers: { authorization: admin } })).status).toBe(204)
    expect((await fetch(`${api}/templates/${id}`, { method: 'DELETE', headers: { authorization: admin } })).status).toBe(404)
    expect((await fetch(`${api}/templates/event-poster`, { method: 'DELETE', headers: { authorization: admin } })).status).toBe(400)
    const gone = await fetch(`${api}/render`, json(member, 'POST', { template: `${id}-fr`, size: 'square', type: 'png', scale: 0.2 }))
    expect(gone.status).toBe(404)
  })
})
