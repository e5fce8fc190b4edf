import type { Request, Response } from 'express'
import { catalogueOf } from '../context.ts'
import type { RenderFileStore, RenderJobDeps, RenderJobQueue, RenderStatus } from '../../domain/render-jobs.ts'
import type { RenderedFile } from '../../domain/render-visual.ts'
import type { VisualsHttpDeps } from '../router.ts'

/** Heavy renders through the job queue; without it every render runs synchronously (tests of the render API alone). */
export interface RenderJobsHttpDeps {
  queue: RenderJobQueue
  storeFor: (req: Request) => RenderFileStore
  clock: () => Date
  /** How long the synchronous API waits for a heavy render's job before answering 202. */
  syncWaitMs: number
}

/** The job deps of one request's space. */
export function jobDepsOf(deps: VisualsHttpDeps & { renderJobs: RenderJobsHttpDeps }, req: Request): RenderJobDeps {
  const { queue, storeFor, clock } = deps.renderJobs
  return { queue, store: storeFor(req), clock, catalogue: catalogueOf(deps, req), kit: deps.kitFor(req) }
}

/** The space slug the request is for; renders are addressed within it. */
export function spaceOf(req: Request): string {
  return req.space?.slug ?? 'default'
}

/** Answers a render's status; `Location` names it for polling. */
export function sendStatus(req: Request, res: Response, status: RenderStatus, code: number): void {
  const self = `${req.baseUrl}/renders/${status.id}`
  res.status(code).set('Location', self).set('Cache-Control', 'no-store')
  res.json({ ...status, url: self, ...(status.file ? { file: { ...status.file, url: `${self}/file` } } : {}) })
}

/** Answers a rendered file as a download. */
export function sendFile(res: Response, file: RenderedFile): void {
  res.set('Content-Type', file.mime)
  res.set('Content-Disposition', `attachment; filename="${file.filename}"`)
  res.set('Cache-Control', 'no-store')
  res.send(file.bytes)
}
