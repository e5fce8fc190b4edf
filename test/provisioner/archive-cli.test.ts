/** The command-line import: no server mail, every account gets a password that works at once. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../support/server.ts'
import { describeImport, importArchiveFromCli } from '../../apps/provisioner/src/archive/cli.ts'
import { basic, ensureStaff, exportThroughApi } from './archive-support.ts'
import { EXPIRE_JOB } from '../../apps/provisioner/src/archive/export-worker.ts'

let t: TestServer
let dir: string
let now = new Date()
beforeAll(async () => {
  t = await startTestServer({}, { clock: () => now })
  await ensureStaff(t)
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maison-archive-cli-'))
}, 30_000)
afterAll(async () => {
  await t?.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

it('imports an archive file into a new space and prints a password per account', async () => {
  await t.createSpace('atelier', { name: 'Atelier', admin: { username: 'admin', password: 'admin-password-1', email: 'admin@atelier.invalid' } })
  const put = await fetch(`${t.spaceUrl('atelier')}/remote.php/dav/files/admin/plan.txt`, { method: 'PUT', headers: { authorization: basic('admin', 'admin-password-1') }, body: 'plan' })
  expect(put.status).toBe(201)
  const file = path.join(dir, 'atelier.tar.gz')
  fs.writeFileSync(file, (await exportThroughApi(t, 'atelier')).archive)

  const r = await importArchiveFromCli(t.server.parts, t.server.config, 'atelier-2', file)
  expect(r).toMatchObject({ slug: 'atelier-2', sourceSlug: 'atelier', files: 1 })
  const admin = r.accounts.find((a) => a.username === 'admin')!
  expect(admin.password).toMatch(/^[\w-]{16}$/)
  expect(describeImport(r, t.url).join('\n')).toContain(`password ${admin.password}`)
  const got = await fetch(`${t.spaceUrl('atelier-2')}/remote.php/dav/files/admin/plan.txt`, { headers: { authorization: basic('admin', admin.password!) } })
  expect(got.status).toBe(200)
  expect(await got.text()).toBe('plan')
  await expect(importArchiveFromCli(t.server.parts, t.server.config, 'atelier-2', file)).rejects.toThrow(/already taken/)
}, 60_000)

it('expires exports after 7 days through the export queue', async () => {
  await t.createSpace('ephemere', { admin: { username: 'admin', password: 'admin-password-1' } })
  const { id } = await exportThroughApi(t, 'ephemere')
  const archive = path.join(t.dataDir, 'exports', `${id}.tar.gz`)
  expect(fs.existsSync(archive)).toBe(true)
  // One job per export, its progress ending at "done"; no temp file left beside the archive.
  const job = await t.server.queues.queue('space-export').getJob(`export-${id}`)
  expect(job?.progress).toEqual({ step: 'done', files: null })
  expect(job?.returnvalue).toMatchObject({ id, size: fs.statSync(archive).size })
  expect(fs.readdirSync(path.join(t.dataDir, 'exports')).filter((f) => f.endsWith('.part'))).toEqual([])
  const queue = t.server.queues.queue('space-export')
  const run = async () => {
    const job = await queue.add(EXPIRE_JOB, {})
    for (let i = 0; i < 200 && !(await job.isCompleted()); i++) await new Promise((r) => setTimeout(r, 50))
    return (await queue.getJob(job.id!))!.returnvalue as { expired: number }
  }
  now = new Date(Date.now() + 6 * 86400_000)
  expect((await run()).expired).toBe(0)
  expect(fs.existsSync(archive)).toBe(true)
  now = new Date(Date.now() + 8 * 86400_000)
  expect((await run()).expired).toBeGreaterThanOrEqual(1)
  expect(fs.existsSync(archive)).toBe(false)
  const gone = await fetch(`${t.url}/api/v1/exports/${id}`, { headers: { authorization: basic('staff', 'staff-password-1') } })
  expect(gone.status).toBe(404)
}, 60_000)

it('asking twice while an export is queued gives the same export and one job', async () => {
  const { QueueRegistry } = await import('@maison/queue')
  const { FsExportStore } = await import('../../apps/workspace/src/archive/export-store.ts')
  const { requestExport, EXPORT_QUEUE } = await import('../../apps/workspace/src/archive/export-request.ts')
  // A queue prefix with no worker: the export stays queued.
  const queues = new QueueRegistry(t.server.config.REDIS_URL!, `${t.server.config.QUEUE_PREFIX}-idle`)
  const store = new FsExportStore(path.join(dir, 'exports'))
  try {
    const a = await requestExport({ queues, store, clock: () => new Date() }, 'atelier', 'staff:x')
    const b = await requestExport({ queues, store, clock: () => new Date() }, 'atelier', 'space:admin')
    expect(b.id).toBe(a.id)
    expect(await queues.queue(EXPORT_QUEUE).getJobCounts('waiting')).toEqual({ waiting: 1 })
    // Redis lost the job: asking again puts it back under the same id.
    await (await queues.queue(EXPORT_QUEUE).getJob(`export-${a.id}`))!.remove()
    expect((await requestExport({ queues, store, clock: () => new Date() }, 'atelier', 'staff:x')).id).toBe(a.id)
    expect(await queues.queue(EXPORT_QUEUE).getJob(`export-${a.id}`)).toBeTruthy()
    store.save({ ...store.get(a.id)!, state: 'failed' })
    expect((await requestExport({ queues, store, clock: () => new Date() }, 'atelier', 'staff:x')).id).not.toBe(a.id)
  } finally {
    await queues.queue(EXPORT_QUEUE).obliterate({ force: true })
    await queues.close()
  }
})
