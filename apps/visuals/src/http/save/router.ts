import { catalogueOf } from '../context.ts'
import express, { type Router, type Request } from 'express'
import { ValidationError, fieldErrorsFromZod } from '@maison/errors'
import { renderVisual } from '../../domain/render-visual.ts'
import { isHeavy, renderThroughJob } from '../../domain/render-jobs.ts'
import { saveToFiles, type VisualsFolder } from '../../domain/save-to-files.ts'
import { jobDepsOf, sendStatus, spaceOf } from '../renders/context.ts'
import { saveBodySchema } from './schema.ts'
import type { VisualsHttpDeps } from '../router.ts'

/**
 * POST /save: renders, then writes the file into the caller's `Visuals/` folder; 201 with where it landed.
 * A heavy render still running after the bounded wait answers 202 with its job (then POST /renders/{id}/save).
 */
export function mountSave(router: Router, deps: VisualsHttpDeps & { folderFor: (req: Request) => VisualsFolder }): void {
  router.post('/save', express.json({ limit: '16mb' }), async (req, res) => {
    const parsed = saveBodySchema.safeParse(req.body)
    if (!parsed.success) throw new ValidationError('The save request is not valid.', { errors: fieldErrorsFromZod(parsed.error.issues) })
    const { name, ...render } = parsed.data
    const renderJobs = deps.renderJobs
    if (renderJobs && isHeavy(render)) {
      const out = await renderThroughJob(jobDepsOf({ ...deps, renderJobs }, req), spaceOf(req), render, renderJobs.syncWaitMs)
      if ('pending' in out) return sendStatus(req, res, out.pending, 202)
      return void res.status(201).json(await saveToFiles(deps.folderFor(req), out.file, name))
    }
    const file = await renderVisual({ catalogue: catalogueOf(deps, req), renderer: deps.renderer, kit: deps.kitFor(req) }, render)
    res.status(201).json(await saveToFiles(deps.folderFor(req), file, name))
  })
}
