import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient } from 'webdav'
import { parse } from 'yaml'
import { startTestServer, type TestServer } from '../support/server.ts'

// Heavy renders (PDF, print-size images) through the BullMQ job: the real host, its workers and the run's Redis.
let t: TestServer
let api: string
const ada = 'Basic ' + Buffer.from('ada:ada-password-1').toString('base64')
const oz = 'Basic ' + Buffer.from('oz:oz-password-12').toString('base64')

beforeAll(async () => {
  t = await startTestServer()
  await t.createSpace('club', { admin: { username: 'ada', password: 'ada-password-1' } })
  await t.createSpace('other', { admin: { username: 'oz', password: 'oz-password-12' } })
  api = `${t.spaceUrl('club')}/apps/visuals/api`
})
afterAll(async () => t?.close())

interface Status { id: string; status: string; progress: number; url: string; file?: { url: string; mime: string; filename: string; size: number; expiresAt: string }; error?: { code: string } }
const post = (url: string, body: unknown, auth = ada) => fetch(url, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(body) })
const get = (url: string, auth = ada) => fetch(url, { headers: { authorization: auth } })

async function untilDone(id: string): Promise<Status> {
  const deadline = Date.now() + 30_000
  for (;;) {
    const s = (await (await get(`${api}/renders/${id}`)).json()) as Status
    if (s.status === 'done' || s.status === 'failed' || Date.now() > deadline) return s
    await new Promise((r) => setTimeout(r, 100))
  }
}

const poster = { template: 'event-poster-fr', size: 'a4', type: 'pdf', fields: { title: 'Fête de quartier à Châteaulin' } }

describe('POST /api/renders', () => {
  it('answers 202 with a job, reports progress, then serves the file', async () => {
    const res = await post(`${api}/renders`, poster)
    expect(res.status, await res.clone().text()).toBe(202)
    const first = (await res.json()) as Status
    expect(first.id).toMatch(/^[a-f0-9]{32}$/)
    expect(['queued', 'running', 'done']).toContain(first.status)
    expect(res.headers.get('location')).toBe(`/s/club/apps/visuals/api/renders/${first.id}`)
    const done = await untilDone(first.id)
    expect(done).toMatchObject({ status: 'done', progress: 100, file: { mime: 'application/pdf', filename: 'event-poster-fr-a4.pdf' } })
    expect(Date.parse(done.file!.expiresAt)).toBeGreaterThan(Date.now() + 50 * 60_000)
    const file = await get(`${t.url}${done.file!.url}`)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('application/pdf')
    const bytes = Buffer.from(await file.arrayBuffer())
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
    expect(bytes.length).toBe(done.file!.size)
    // Kept as a plain file in the space's folder.
    expect(fs.existsSync(path.join(t.dataDir, 'spaces', 'club', 'visuals', 'renders', `${first.id}.bin`))).toBe(true)
  })

  it('makes the same request one job, and a different one another', async () => {
    const a = (await (await post(`${api}/renders`, { ...poster, fields: { title: 'Même affiche' } })).json()) as Status
    const b = (await (await post(`${api}/renders`, { fields: { title: 'Même affiche' }, type: 'pdf', size: 'a4', template: 'event-poster-fr' })).json()) as Status
    expect(b.id).toBe(a.id)
    const c = (await (await post(`${api}/renders`, { ...poster, fields: { title: 'Autre affiche' } })).json()) as Status
    expect(c.id).not.toBe(a.id)
    await untilDone(a.id)
    const again = await post(`${api}/renders`, { ...poster, fields: { title: 'Même affiche' } })
    expect(again.status).toBe(200)
    expect(((await again.json()) as Status)).toMatchObject({ id: a.id, status: 'done' })
    // One job in the queue for that request, whatever the number of asks.
    const jobs = await t.server.queues.queue('visuals-renders').getJobs(['completed', 'active', 'waiting'])
    expect(jobs.filter((j) => j.id === `render.club.${a.id}`)).toHaveLength(1)
  })

  it('renders print-size images through the job too', async () => {
    const res = await post(`${api}/renders`, { template: 'event-poster-fr', size: 'a3', type: 'png', scale: 1, fields: {} })
    const done = await untilDone(((await res.json()) as Status).id)
    expect(done.file).toMatchObject({ mime: 'image/png', filename: 'event-poster-fr-a3.png' })
    const png = Buffer.from(await (await get(`${t.url}${done.file!.url}`)).arrayBuffer())
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1754, 2480])
  })

  it('refuses bad requests at once with the reason, before any job', async () => {
    const cases: [unknown, number, string][] = [
      [{ ...poster, template: 'nope' }, 404, 'not_found'],
      [{ ...poster, size: 'banner' }, 400, 'size'],
      [{ ...poster, type: 'gif' }, 400, 'type'],
      [{ ...poster, fields: { title: 'x'.repeat(500) } }, 400, 'fields.title'],
      [{ ...poster, type: 'png', scale: 4, size: 'a3' }, 413, 'scale'],
    ]
    const before = await t.server.queues.queue('visuals-renders').getJobCounts()
    for (const [body, status, what] of cases) {
      const res = await post(`${api}/renders`, body)
      expect(res.status, JSON.stringify(body)).toBe(status)
      const problem = (await res.json()) as { code: string; errors?: { path: string }[] }
      if (status !== 404) expect(problem.errors?.map((e) => e.path)).toContain(what)
    }
    expect(await t.server.queues.queue('visuals-renders').getJobCounts()).toEqual(before)
  })

  it('answers 404 for an unknown or malformed id and keeps renders within their space', async () => {
    const done = await untilDone(((await (await post(`${api}/renders`, poster)).json()) as Status).id)
    expect((await get(`${api}/renders/${'0'.repeat(32)}`)).status).toBe(404)
    expect((await get(`${api}/renders/..%2F..%2Fspace.sqlite/file`)).status).toBe(404)
    const otherApi = `${t.spaceUrl('other')}/apps/visuals/api`
    expect((await get(`${otherApi}/renders/${done.id}`, oz)).status).toBe(404)
    expect((await get(`${otherApi}/renders/${done.id}/file`, oz)).status).toBe(404)
    expect((await get(`${api}/renders/${done.id}`)).status).toBe(200)
    expect((await fetch(`${api}/renders/${done.id}`)).status).toBe(401)
  })

  it('saves a finished render into the caller’s Visuals folder', async () => {
    const done = await untilDone(((await (await post(`${api}/renders`, poster)).json()) as Status).id)
    const res = await post(`${api}/renders/${done.id}/save`, { name: 'Affiche quartier' })
    expect(res.status, await res.clone().text()).toBe(201)
    expect(await res.json()).toMatchObject({ path: '/Visuals/Affiche quartier.pdf', mime: 'application/pdf' })
    const dav = createClient(`${t.spaceUrl('club')}/remote.php/dav/files/ada`, { username: 'ada', password: 'ada-password-1' })
    const saved = (await dav.getFileContents('/Visuals/Affiche quartier.pdf')) as Buffer
    expect(saved.subarray(0, 5).toString()).toBe('%PDF-')
  })
})

describe('openapi.yaml', () => {
  it('documents /renders with examples that work as written', async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const doc = parse(fs.readFileSync(new URL('../../apps/visuals/openapi.yaml', import.meta.url), 'utf8')) as any
    const examples = Object.values(doc.paths['/renders'].post.requestBody.content['application/json'].examples) as { value: { type: string } }[]
    expect(examples.length).toBeGreaterThanOrEqual(2)
    for (const { value } of examples) {
      const res = await post(`${api}/renders`, value)
      expect(res.status, await res.clone().text()).toBeLessThan(300)
      const done = await untilDone(((await res.json()) as Status).id)
      expect(done.status).toBe('done')
      expect(done.file!.mime).toBe(value.type === 'pdf' ? 'application/pdf' : 'image/png')
    }
    for (const p of ['/renders/{id}', '/renders/{id}/file', '/renders/{id}/save']) expect(doc.paths[p]).toBeDefined()
  })
})

describe('POST /api/render with a heavy request', () => {
  it('runs the job and answers the file within the wait', async () => {
    const res = await post(`${api}/render`, { ...poster, fields: { title: 'Directement' } })
    expect(res.status, await res.clone().text()).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-')
    const jobs = await t.server.queues.queue('visuals-renders').getJobs(['completed'])
    expect(jobs.some((j) => (j.data as { request: { fields: { title?: string } } }).request.fields.title === 'Directement')).toBe(true)
  })

  it('still renders small formats at once, without a job', async () => {
    const before = (await t.server.queues.queue('visuals-renders').getJobCounts()).completed
    const res = await post(`${api}/render`, { template: 'quote-fr', size: 'square', type: 'png', fields: {} })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/png')
    expect((await t.server.queues.queue('visuals-renders').getJobCounts()).completed).toBe(before)
  })
})
