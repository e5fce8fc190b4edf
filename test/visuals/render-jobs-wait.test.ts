import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import express from 'express'
import type { AddressInfo } from 'node:net'
import type { Job } from 'bullmq'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { QueueRegistry } from '@maison/queue'
import { normalizeError, toProblem } from '@maison/errors'
import { mountVisualsApi } from '../../apps/visuals/src/http/router.ts'
import { loadShippedCatalogue } from '../../apps/visuals/src/domain/catalogue.ts'
import { DEFAULT_BRAND_KIT } from '../../apps/visuals/src/domain/brand-kit.ts'
import { renderVisual } from '../../apps/visuals/src/domain/render-visual.ts'
import { processRenderJob, type RenderJobData } from '../../apps/visuals/src/domain/render-jobs.ts'
import { RenderPool } from '../../apps/visuals/src/render/pool.ts'
import { FsRenderStore } from '../../apps/visuals/src/storage/fs-render-store.ts'
import { BullRenderQueue, RENDERS_QUEUE, runRenderJob } from '../../apps/visuals/src/jobs/render-queue.ts'

// The bounded wait of the synchronous API and failed jobs: the run's Redis, workers started by the test when it wants them.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maison-render-wait-'))
const catalogue = loadShippedCatalogue()
const store = new FsRenderStore(dir, { ttlMs: 3600_000, maxBytes: 50e6 })
const cleanups: (() => Promise<unknown>)[] = []
afterAll(async () => {
  for (const c of cleanups.reverse()) await c()
  fs.rmSync(dir, { recursive: true, force: true })
})

function pool(opts: ConstructorParameters<typeof RenderPool>[0]): RenderPool {
  const p = new RenderPool(opts)
  cleanups.push(() => p.close())
  return p
}

/** The visuals API on its own queue prefix; `worker()` starts a render worker on that queue. */
async function host(renderer: RenderPool) {
  const queues = new QueueRegistry(inject('redisUrl'), `t${crypto.randomBytes(5).toString('hex')}`)
  const app = express()
  const router = express.Router()
  mountVisualsApi(router, { catalogue, renderer, kitFor: () => DEFAULT_BRAND_KIT, renderJobs: { queue: new BullRenderQueue(queues), storeFor: () => store, clock: () => new Date(), syncWaitMs: 500 } })
  app.use('/s/demo/apps/visuals/api', router)
  app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const e = normalizeError(err)
    res.status(e.status).type('application/problem+json').json(toProblem(e))
  })
  const server = app.listen(0, '127.0.0.1')
  await new Promise((r) => server.once('listening', r))
  cleanups.push(async () => {
    await new Promise((r) => server.close(r))
    await queues.close()
  })
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/s/demo/apps/visuals/api`
  return {
    base,
    post: (p: string, body: unknown) => fetch(`${base}${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    worker: () => queues.worker(RENDERS_QUEUE, (job: Job<RenderJobData>) => runRenderJob(() => processRenderJob({
      store, clock: () => new Date(),
      render: (req) => renderVisual({ catalogue, renderer, kit: DEFAULT_BRAND_KIT }, req),
      progress: (n) => job.updateProgress(n),
    }, job.data)), { concurrency: 1 }),
    async until(id: string, state: string) {
      for (let i = 0; i < 300; i++) {
        const s = (await (await fetch(`${base}/renders/${id}`)).json()) as { status: string; progress: number; error?: { code: string; status: number } }
        if (s.status === state) return s
        await new Promise((r) => setTimeout(r, 100))
      }
      throw new Error(`render never became ${state}`)
    },
  }
}

describe('synchronous render of a heavy request', () => {
  it('answers 202 with the job once the wait passes, and the job finishes when a worker comes', async () => {
    const h = await host(pool({ processes: 1 }))
    const started = Date.now()
    const res = await h.post('/render', { template: 'meeting-fr', size: 'a4', type: 'pdf', fields: {} })
    expect(res.status).toBe(202)
    expect(Date.now() - started).toBeLessThan(3000)
    const pending = (await res.json()) as { id: string; status: string; url: string }
    expect(pending).toMatchObject({ status: 'queued', url: `/s/demo/apps/visuals/api/renders/${pending.id}` })
    const notYet = await fetch(`${h.base}/renders/${pending.id}/file`)
    expect(notYet.status).toBe(409)
    expect(((await notYet.json()) as { code: string }).code).toBe('render_not_ready')

    h.worker()
    expect(await h.until(pending.id, 'done')).toMatchObject({ status: 'done', progress: 100 })
    const file = await fetch(`${h.base}/renders/${pending.id}/file`)
    expect(Buffer.from(await file.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-')
  }, 60_000)
})

describe('a render job that fails', () => {
  it('reports the failure with its code, and a new ask tries again', async () => {
    // A time limit no render can meet: the job fails after its retry, with the renderer's reason.
    const h = await host(pool({ processes: 1, timeoutMs: 1 }))
    h.worker()
    const body = { template: 'quote-fr', size: 'story', type: 'pdf', fields: {} }
    const asked = (await (await h.post('/renders', body)).json()) as { id: string }
    expect(await h.until(asked.id, 'failed')).toMatchObject({ status: 'failed', error: { code: 'render_timeout', status: 503 } })
    const file = await fetch(`${h.base}/renders/${asked.id}/file`)
    expect(file.status).toBe(503)
    expect(((await file.json()) as { code: string }).code).toBe('render_timeout')
    const again = (await (await h.post('/renders', body)).json()) as { id: string; status: string }
    expect(again.id).toBe(asked.id)
    expect(['queued', 'running']).toContain(again.status)
  }, 60_000)
})
