import express, { type Router, type Request } from 'express'
import { ValidationError, fieldErrorsFromZod } from '@maison/errors'
import { catalogueOf, requireAdmin } from '../context.ts'
import { presentTemplate } from './present.ts'
import { inspectBodySchema, templateIdSchema } from './schema.ts'
import { inspectTemplate, uploadTemplate } from '../../domain/upload-template.ts'
import { deleteSpaceTemplate, type SpaceTemplateRepository } from '../../domain/space-templates.ts'
import type { VisualsHttpDeps } from '../router.ts'

export interface TemplateUploadDeps {
  repo: (req: Request) => SpaceTemplateRepository
  clock: () => Date
}

// The sanitiser refuses SVGs over 2 MB with a clear reason; the body limit leaves room for JSON escaping.
const SVG_BODY_LIMIT = '3mb'
const admin = requireAdmin('add or remove templates')

/** GET /templates; with uploads: POST /templates/inspect, POST /templates, DELETE /templates/{id} (admins). */
export function mountTemplates(router: Router, deps: VisualsHttpDeps & { uploads?: TemplateUploadDeps }): void {
  router.get('/templates', (req, res) => {
    res.json({ templates: catalogueOf(deps, req).list().map(presentTemplate) })
  })
  const uploads = deps.uploads
  if (!uploads) return

  router.post('/templates/inspect', admin, express.json({ limit: SVG_BODY_LIMIT }), async (req, res) => {
    const parsed = inspectBodySchema.safeParse(req.body)
    if (!parsed.success) throw new ValidationError('Send the SVG as { "svg": "<svg …>" }.', { errors: fieldErrorsFromZod(parsed.error.issues) })
    const found = await inspectTemplate(deps.renderer, parsed.data.svg)
    res.json({ ...found, preview: `data:image/png;base64,${found.preview.toString('base64')}` })
  })

  router.post('/templates', admin, express.json({ limit: SVG_BODY_LIMIT }), async (req, res) => {
    const stored = uploadTemplate(uploads.repo(req), req.body, req.principal!.username, uploads.clock())
    const created = catalogueOf(deps, req).list().filter((t) => t.family === stored.id)
    res.status(201).json({ id: stored.id, templates: created.map(presentTemplate) })
  })

  router.delete('/templates/:id', admin, (req, res) => {
    const parsed = templateIdSchema.safeParse(req.params)
    if (!parsed.success) throw new ValidationError('Only uploaded templates can be removed.', { errors: fieldErrorsFromZod(parsed.error.issues) })
    deleteSpaceTemplate(uploads.repo(req), parsed.data.id)
    res.status(204).end()
  })
}
