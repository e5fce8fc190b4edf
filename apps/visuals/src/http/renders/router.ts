import express, { type Request, type Router } from 'express'
import { NotFound, ValidationError, fieldErrorsFromZod } from '@maison/errors'
import { renderBodySchema } from '../render/schema.ts'
import { renderIdSchema, saveRenderBodySchema } from './schema.ts'
import { jobDepsOf, sendFile, sendStatus, spaceOf, type RenderJobsHttpDeps } from './context.ts'
import { renderStatus, renderedFile, requestRender } from '../../domain/render-jobs.ts'
import { saveToFiles, type VisualsFolder } from '../../domain/save-to-files.ts'
import type { VisualsHttpDeps } from '../router.ts'

/**
 * The job API of heavy renders: POST /renders (202, one job per distinct request), GET /renders/{id}
 * (status and progress), GET /renders/{id}/file, POST /renders/{id}/save (into the caller's Visuals/).
 */
export function mountRenders(router: Router, deps: VisualsHttpDeps & { renderJobs: RenderJobsHttpDeps }): void {
  const idOf = (req: Request) => {
    const parsed = renderIdSchema.safeParse(req.params)
    if (!parsed.success) throw new NotFound('No such render: render ids are the 32-character ids POST /renders answers.')
    return parsed.data.id
  }

  router.post('/renders', express.json({ limit: '16mb' }), async (req, res) => {
    const parsed = renderBodySchema.safeParse(req.body)
    if (!parsed.success) throw new ValidationError('The render request is not valid.', { errors: fieldErrorsFromZod(parsed.error.issues) })
    const status = await requestRender(jobDepsOf(deps, req), spaceOf(req), parsed.data)
    sendStatus(req, res, status, status.status === 'done' ? 200 : 202)
  })

  router.get('/renders/:id', async (req, res) => {
    sendStatus(req, res, await renderStatus(jobDepsOf(deps, req), spaceOf(req), idOf(req)), 200)
  })

  router.get('/renders/:id/file', async (req, res) => {
    sendFile(res, await renderedFile(jobDepsOf(deps, req), spaceOf(req), idOf(req)))
  })

  const folderFor = deps.folderFor
  if (folderFor) {
    router.post('/renders/:id/save', express.json(), async (req, res) => {
      const id = idOf(req)
      const parsed = saveRenderBodySchema.safeParse(req.body ?? {})
      if (!parsed.success) throw new ValidationError('The save request is not valid.', { errors: fieldErrorsFromZod(parsed.error.issues) })
      const file = await renderedFile(jobDepsOf(deps, req), spaceOf(req), id)
      res.status(201).json(await saveToFiles(folderFor(req) as VisualsFolder, file, parsed.data.name))
    })
  }
}
