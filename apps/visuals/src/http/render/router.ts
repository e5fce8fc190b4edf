import { catalogueOf } from '../context.ts'
import express, { type Router } from 'express'
import { ValidationError, fieldErrorsFromZod } from '@maison/errors'
import { renderVisual } from '../../domain/render-visual.ts'
import { isHeavy, renderThroughJob } from '../../domain/render-jobs.ts'
import { jobDepsOf, sendFile, sendStatus, spaceOf } from '../renders/context.ts'
import { renderBodySchema } from './schema.ts'
import type { VisualsHttpDeps } from '../router.ts'

// Two photos as base64 data URLs fit comfortably; more than that is not a poster.
const BODY_LIMIT = '16mb'

/**
 * POST /render: answers the rendered file. Heavy renders (PDF, images past 4 MP) run as jobs: the answer
 * waits for the job a bounded time, then is the file, or 202 with the job to poll (GET /renders/{id}).
 */
export function mountRender(router: Router, deps: VisualsHttpDeps): void {
  router.post('/render', express.json({ limit: BODY_LIMIT }), async (req, res) => {
    const parsed = renderBodySchema.safeParse(req.body)
    if (!parsed.success) throw new ValidationError('The render request is not valid.', { errors: fieldErrorsFromZod(parsed.error.issues) })
    const renderJobs = deps.renderJobs
    if (renderJobs && isHeavy(parsed.data)) {
      const out = await renderThroughJob(jobDepsOf({ ...deps, renderJobs }, req), spaceOf(req), parsed.data, renderJobs.syncWaitMs)
      if ('pending' in out) return sendStatus(req, res, out.pending, 202)
      return sendFile(res, out.file)
    }
    sendFile(res, await renderVisual({ catalogue: catalogueOf(deps, req), renderer: deps.renderer, kit: deps.kitFor(req) }, parsed.data))
  })
}
