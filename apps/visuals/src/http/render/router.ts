import express, { type Router } from 'express'
import { ValidationError, fieldErrorsFromZod } from '@maison/errors'
import { renderVisual, type Renderer } from '../../domain/render-visual.ts'
import { renderBodySchema } from './schema.ts'
import type { BrandKit } from '../../domain/brand-kit.ts'
import type { TemplateCatalogue } from '../../domain/catalogue.ts'

// Two photos as base64 data URLs fit comfortably; more than that is not a poster.
const BODY_LIMIT = '16mb'

/** POST /render: answers the rendered file. */
export function mountRender(router: Router, deps: { catalogue: TemplateCatalogue; renderer: Renderer; kitFor: (req: express.Request) => BrandKit }): void {
  router.post('/render', express.json({ limit: BODY_LIMIT }), async (req, res) => {
    const parsed = renderBodySchema.safeParse(req.body)
    if (!parsed.success) throw new ValidationError('The render request is not valid.', { errors: fieldErrorsFromZod(parsed.error.issues) })
    const file = await renderVisual({ catalogue: deps.catalogue, renderer: deps.renderer, kit: deps.kitFor(req) }, parsed.data)
    res.set('Content-Type', file.mime)
    res.set('Content-Disposition', `attachment; filename="${file.filename}"`)
    res.set('Cache-Control', 'no-store')
    res.send(file.bytes)
  })
}
