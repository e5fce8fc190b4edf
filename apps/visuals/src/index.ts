import type { AppDefinition } from '@maison/app-contract'
import { loadShippedCatalogue, type TemplateCatalogue } from './domain/catalogue.ts'
import { brandKitOf } from './domain/brand-kit-service.ts'
import { RenderPool } from './render/pool.ts'
import { mountVisualsApi } from './http/router.ts'
import { associationName } from './http/context.ts'
import { migrations } from './storage/migrations.ts'
import { SqliteBrandKitRepository } from './storage/sqlite-brand-kit.ts'
import { WebdavVisualsFolder } from './storage/webdav-folder.ts'
import { readPersonFile } from './storage/webdav-files.ts'
import { SqliteTemplateRepository } from './storage/sqlite-templates.ts'
import { spaceCatalogue } from './domain/space-templates.ts'
import { renderVisual } from './domain/render-visual.ts'
import { RENDER_FILE_TTL_MS, processRenderJob, type RenderJobData } from './domain/render-jobs.ts'
import { FsRenderStore } from './storage/fs-render-store.ts'
import { BullRenderQueue, RENDERS_QUEUE, runRenderJob } from './jobs/render-queue.ts'
import path from 'node:path'
import type { Job } from 'bullmq'

// Layout (fontkit, QR codes) runs only in render processes; the host loads none of it.
export { sanitizeSvg } from './domain/svg/sanitize.ts'
export { loadShippedCatalogue } from './domain/catalogue.ts'
export { RenderPool } from './render/pool.ts'
export type { BrandKit } from './domain/brand-kit.ts'
export { RENDERS_QUEUE } from './jobs/render-queue.ts'

const ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="currentColor" d="M4 3h16a1 1 0 0 1 1 1v16a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1Zm1 2v10.6l3.8-3.8 3 3 4.2-5.2 3 3.7V5H5Zm3.5 1.5a2 2 0 1 1 0 4 2 2 0 0 1 0-4Z"/></svg>'

// One pool per process: render processes are costly and every space shares them. The pool starts
// its processes on the first render, and the catalogue is read on first use, so mounting costs nothing.
const pool = new RenderPool()
let shipped: TemplateCatalogue | null = null
const catalogue: TemplateCatalogue = {
  list: () => (shipped ??= loadShippedCatalogue()).list(),
  get: (id) => (shipped ??= loadShippedCatalogue()).get(id),
}

// Finished renders wait in the space's folder for an hour, within 200 MB a space (oldest pruned first).
const RENDER_STORE_LIMITS = { ttlMs: RENDER_FILE_TTL_MS, maxBytes: 200 * 1024 * 1024 }
// A heavy render asked for synchronously is waited for this long, then answered 202 with its job.
const SYNC_WAIT_MS = 20_000
const storeOf = (spaceDir: string) => new FsRenderStore(path.join(spaceDir, 'visuals', 'renders'), RENDER_STORE_LIMITS)

const visuals: AppDefinition = {
  id: 'visuals',
  name: { en: 'Visuals', fr: 'Visuels' },
  icon: ICON,
  order: 40,
  defaultEnabled: true,
  migrations,
  routes(router, services) {
    type SpaceReq = { space?: { db: ConstructorParameters<typeof SqliteBrandKitRepository>[0] } }
    const kitRepo = (req: SpaceReq) => new SqliteBrandKitRepository(req.space!.db)
    const templateRepo = (req: SpaceReq) => new SqliteTemplateRepository(req.space!.db)
    mountVisualsApi(router, {
      catalogue,
      catalogueFor: (req) => spaceCatalogue(catalogue, templateRepo(req).list()),
      uploads: { repo: templateRepo, clock: services.clock },
      renderer: pool,
      kitFor: (req) => brandKitOf(kitRepo(req), associationName(req)),
      brandKit: {
        kitRepo,
        readFile: (req, path, maxBytes) => readPersonFile(services.dav.as(req.space!, req.principal!.username), path, maxBytes),
        clock: services.clock,
      },
      folderFor: (req) => new WebdavVisualsFolder(services.dav.as(req.space!, req.principal!.username)),
      renderJobs: { queue: new BullRenderQueue(services.queues), storeFor: (req) => storeOf(req.space!.dir), clock: services.clock, syncWaitMs: SYNC_WAIT_MS },
    })
  },
  jobs: (services) => [{
    queue: RENDERS_QUEUE,
    // The render pool has two processes; more concurrent jobs would only queue inside it.
    concurrency: 2,
    process: (job: Job<RenderJobData>) => runRenderJob(() => services.spaces.use(job.data.space, (space) => {
      const spaceTemplates = spaceCatalogue(catalogue, new SqliteTemplateRepository(space.db).list())
      const kit = brandKitOf(new SqliteBrandKitRepository(space.db), space.name)
      return processRenderJob({
        store: storeOf(space.dir), clock: services.clock,
        render: (req) => renderVisual({ catalogue: spaceTemplates, renderer: pool, kit }, req),
        progress: (n) => job.updateProgress(n),
      }, job.data)
    })),
  }],
  ui: true,
}

export default visuals
