import fs from 'node:fs'
import express from 'express'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { normalizeError, toProblem } from '@maison/errors'
import visuals from '../../apps/visuals/src/index.ts'
import { mountVisualsApi } from '../../apps/visuals/src/http/router.ts'
import { loadShippedCatalogue } from '../../apps/visuals/src/domain/catalogue.ts'
import { DEFAULT_BRAND_KIT } from '../../apps/visuals/src/domain/brand-kit.ts'
import { RenderPool } from '../../apps/visuals/src/render/pool.ts'

let server: Server
let base: string
const pool = new RenderPool({ processes: 2, timeoutMs: 20_000 })

beforeAll(async () => {
  const app = express()
  const router = express.Router()
  mountVisualsApi(router, { catalogue: loadShippedCatalogue(), renderer: pool, kitFor: () => DEFAULT_BRAND_KIT })
  app.use('/s/demo/apps/visuals/api', router)
  // Stands in for the workspace's error middleware: problem+json from the shared error family.
  app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const e = normalizeError(err)
    res.status(e.status).type('application/problem+json').json(toProblem(e))
  })
  server = app.listen(0, '127.0.0.1')
  await new Promise((r) => server.once('listening', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/s/demo/apps/visuals/api`
})

afterAll(async () => {
  await new Promise((r) => server.close(r))
  await pool.close()
})

const render = (body: unknown) => fetch(`${base}/render`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

describe('visuals app definition', () => {
  it('declares itself to the workspace', () => {
    expect(visuals).toMatchObject({ id: 'visuals', name: { en: 'Visuals', fr: 'Visuels' }, order: 40, defaultEnabled: true, ui: true })
    expect(visuals.icon).toMatch(/^<svg[^>]*viewBox="0 0 24 24"/)
    expect(visuals.migrations.map((m) => m.id)).toEqual([1])
  })
})

describe('GET /api/templates', () => {
  it('lists templates with their fields and sizes', async () => {
    const res = await fetch(`${base}/templates`)
    expect(res.status).toBe(200)
    const { templates } = (await res.json()) as { templates: { id: string; name: string; fields: { id: string; type: string }[]; sizes: { id: string; width: number; height: number }[] }[] }
    expect(templates.length).toBeGreaterThanOrEqual(16)
    const poster = templates.find((t) => t.id === 'event-poster-fr')!
    expect(poster.name).toBe('Affiche d’événement')
    expect(poster.fields).toContainEqual(expect.objectContaining({ id: 'title', type: 'text' }))
    expect(poster.sizes).toContainEqual({ id: 'a4', width: 1240, height: 1754, mm: { width: 210, height: 297 } })
  })
})

describe('POST /api/render', () => {
  it('answers a PNG at the size asked', async () => {
    const res = await render({ template: 'social-post-en', size: 'square', type: 'png', fields: { headline: 'Thank you, volunteers!', tag: 'Thank you!' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/png')
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="social-post-en-square.png"')
    const png = Buffer.from(await res.arrayBuffer())
    expect(png.subarray(1, 4).toString()).toBe('PNG')
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1080, 1080])
  }, 30_000)

  it('answers a JPEG and a PDF', async () => {
    const jpeg = await render({ template: 'quote-fr', size: 'square', type: 'jpeg', scale: 0.5, fields: {} })
    expect(jpeg.headers.get('content-type')).toBe('image/jpeg')
    expect([...Buffer.from(await jpeg.arrayBuffer()).subarray(0, 2)]).toEqual([0xff, 0xd8])
    const pdf = await render({ template: 'event-poster-fr', size: 'a4', type: 'pdf', fields: {} })
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-')
  }, 30_000)

  const bad: [string, unknown, number, string, string][] = [
    ['unknown template', { template: 'nope', size: 'square', type: 'png' }, 404, 'not_found', 'template'],
    ['size the template lacks', { template: 'banner-fr', size: 'a4', type: 'png' }, 400, 'validation_failed', 'size'],
    ['unknown size', { template: 'banner-fr', size: 'huge', type: 'png' }, 400, 'validation_failed', 'size'],
    ['unknown type', { template: 'banner-fr', size: 'banner', type: 'gif' }, 400, 'validation_failed', 'type'],
    ['unknown field', { template: 'banner-fr', size: 'banner', type: 'png', fields: { colour: 'red' } }, 400, 'validation_failed', 'fields.colour'],
    ['colour outside the kit', { template: 'banner-fr', size: 'banner', type: 'png', fields: { theme: '#ff00ff' } }, 400, 'validation_failed', 'fields.theme'],
    ['choice not offered', { template: 'social-post-fr', size: 'square', type: 'png', fields: { tag: 'Autre' } }, 400, 'validation_failed', 'fields.tag'],
    ['text too long', { template: 'banner-fr', size: 'banner', type: 'png', fields: { title: 'x'.repeat(61) } }, 400, 'validation_failed', 'fields.title'],
    ['image that is not PNG/JPEG', { template: 'banner-fr', size: 'banner', type: 'png', fields: { photo: 'data:image/svg+xml;base64,PHN2Zz4=' } }, 400, 'validation_failed', 'fields.photo.src'],
    ['image with a bad header', { template: 'banner-fr', size: 'banner', type: 'png', fields: { photo: 'data:image/png;base64,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } }, 400, 'validation_failed', 'fields.photo.src'],
    ['scale past the pixel cap', { template: 'event-poster-fr', size: 'a3', type: 'png', scale: 4 }, 413, 'render_too_large', 'scale'],
  ]
  for (const [name, body, status, code, pathName] of bad) {
    it(`refuses ${name} with ${status} naming ${pathName}`, async () => {
      const res = await render(body)
      expect(res.status).toBe(status)
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/)
      const problem = (await res.json()) as { code: string; errors?: { path: string }[] }
      expect(problem.code).toBe(code)
      expect(problem.errors?.map((e) => e.path)).toContain(pathName)
    }, 30_000)
  }

  it('refuses a body that is not JSON with 400', async () => {
    const res = await fetch(`${base}/render`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' })
    expect(res.status).toBe(400)
  })
})

describe('render time limit', () => {
  it('stops a render that runs past the limit, then keeps serving', async () => {
    const limited = new RenderPool({ processes: 1, timeoutMs: 1500 })
    const tiny = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="10" height="10"><rect width="5" height="5"/></svg>'
    try {
      // Warm up first: process start-up is not part of the render limit.
      await limited.run({ kind: 'svg', svg: tiny, size: { width: 10, height: 10 }, type: 'png', pixelWidth: 10 })
      let f = ''
      for (let i = 0; i < 40; i++) f += `<feGaussianBlur stdDeviation="${200 + i}"/><feTurbulence baseFrequency="0.9" numOctaves="10"/>`
      const slow = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 6000 6000" width="6000" height="6000"><filter id="f">${f}</filter><rect width="6000" height="6000" fill="red" filter="url(#f)"/></svg>`
      const started = Date.now()
      await expect(limited.run({ kind: 'svg', svg: slow, size: { width: 6000, height: 6000 }, type: 'png', pixelWidth: 6000 })).rejects.toMatchObject({ code: 'render_timeout', status: 503 })
      expect(Date.now() - started).toBeLessThan(3000)
      const ok = await limited.run({ kind: 'svg', svg: tiny, size: { width: 10, height: 10 }, type: 'png', pixelWidth: 10 })
      expect(ok.subarray(1, 4).toString()).toBe('PNG')
    } finally {
      await limited.close()
    }
  }, 60_000)
})

describe('a design that kills the renderer', () => {
  it('is refused with 422 after one retry, at once the next time, and the pool keeps serving', async () => {
    const own = new RenderPool({ processes: 1, timeoutMs: 20_000 })
    const tiny = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="10" height="10"><rect width="5" height="5"/></svg>'
    // resvg 2.6 aborts its process on a layer (here: group opacity) lying far outside the canvas.
    const fatal = '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><rect x="250" width="50" height="50" opacity="0.5"/></svg>'
    const task = (svg: string, side: number) => ({ kind: 'svg' as const, svg, size: { width: side, height: side }, type: 'png' as const, pixelWidth: side })
    try {
      await expect(own.run(task(fatal, 100))).rejects.toMatchObject({ status: 422, code: 'render_crashed', message: expect.stringMatching(/far outside the canvas/) })
      // Refused at once: no render process is started for it (none dies, none replaces it).
      const before = childPids()
      await expect(own.run(task(fatal, 100))).rejects.toMatchObject({ status: 422, code: 'render_crashed' })
      expect(childPids().filter((pid) => !before.includes(pid))).toEqual([])
      const ok = await own.run(task(tiny, 10))
      expect(ok.subarray(1, 4).toString()).toBe('PNG')
    } finally {
      await own.close()
    }
  }, 60_000)
})

/** This process's child processes (the pool's render processes among them). */
function childPids(): number[] {
  return fs.readdirSync('/proc/self/task').flatMap((tid) => {
    const text = fs.readFileSync(`/proc/self/task/${tid}/children`, 'utf8').trim()
    return text ? text.split(/\s+/).map(Number) : []
  })
}
