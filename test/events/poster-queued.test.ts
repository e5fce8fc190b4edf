/**
 * A poster whose render visuals queues (a PDF, with no worker free within visuals' 20 s wait): the events route
 * follows the render job (202, then GET /renders/{id} until done) and still answers the file.
 */
import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { inject } from 'vitest'
import { loadConfig } from '@maison/config'
import { startServer, type RunningServer } from '@maison/workspace'
import { basic, client } from './events-support.ts'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'maison-poster-queued-'))
const env = { NODE_ENV: 'test', HOST: '127.0.0.1', DATA_DIR: dataDir, REDIS_URL: inject('redisUrl'), QUEUE_PREFIX: `t${crypto.randomBytes(5).toString('hex')}`, LOG_LEVEL: 'silent' }
let web: RunningServer
let worker: RunningServer | undefined

beforeAll(async () => {
  // Web only: nothing processes visuals' render jobs until the test starts a worker.
  web = await startServer(loadConfig({ ...env, PORT: '0', ROLE: 'web' }))
  await web.createSpace({ slug: 'queued', name: 'Queued', admin: { username: 'ada', password: 'ada-password-1' } })
})
afterAll(async () => {
  await worker?.close()
  await web?.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

it('waits for the queued render job and answers the PDF', async () => {
  const auth = basic('ada', 'ada-password-1')
  const api = client(`${web.url}/s/queued/apps/events/api`, auth)
  const e = await api.post('/events', { title: 'Bal des pompiers', start: '2027-07-13T21:00', end: '2027-07-14T01:00', address: 'Caserne, Brest' })
  expect(e.status).toBe(201)
  const started = Date.now()
  const answer = fetch(`${web.url}/s/queued/apps/events/api/events/${e.body.id}/poster.pdf?lang=fr`, { headers: { authorization: auth } })
  // Past visuals' own 20 s wait, the render is still queued; a worker then takes it.
  await new Promise((resolve) => setTimeout(resolve, 22_000))
  worker = await startServer(loadConfig({ ...env, PORT: String(new URL(web.url).port), ROLE: 'worker' }))
  const res = await answer
  expect(res.status, await res.clone().text().then((s) => s.slice(0, 300))).toBe(200)
  expect(Date.now() - started).toBeGreaterThan(22_000)
  expect(res.headers.get('content-type')).toBe('application/pdf')
  const file = path.join(dataDir, 'poster.pdf')
  fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()))
  expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')).toContain('Bal des pompiers mardi 13 juillet 2027 à 21:00')
}, 120_000)
