import { catalogueOf } from '../context.ts'
import express, { type Router } from 'express'
import { ValidationError, fieldErrorsFromZod } from '@maison/errors'
import { previewVisual } from '../../domain/render-visual.ts'
import { previewBodySchema, thumbnailParamsSchema } from './schema.ts'
import { ThumbnailCache } from '../../domain/thumbnails.ts'
import type { VisualsHttpDeps } from '../router.ts'

/** POST /preview: a small PNG (as a data URL) and the fitting of each text; GET /thumbnails/{template}/{size}.png for the gallery. */
export function mountPreview(router: Router, deps: VisualsHttpDeps): void {
  mountLivePreview(router, deps)
  const cache = new ThumbnailCache()
  router.get('/thumbnails/:template/:size.png', async (req, res) => {
    const parsed = thumbnailParamsSchema.safeParse(req.params)
    if (!parsed.success) throw new ValidationError('The thumbnail address is not valid.', { errors: fieldErrorsFromZod(parsed.error.issues) })
    const kit = deps.kitFor(req)
    const key = cache.key(req.space?.slug ?? '', parsed.data.template, parsed.data.size, kit)
    let png = cache.get(key)
    if (!png) {
      png = (await previewVisual({ catalogue: catalogueOf(deps, req), renderer: deps.renderer, kit }, { ...parsed.data, fields: {}, maxSide: 360 })).png
      cache.set(key, png)
    }
    res.set('Content-Type', 'image/png')
    res.set('Cache-Control', 'private, max-age=300')
    res.send(png)
  })
}

/** POST /preview: a small PNG (as a data URL) and the fitting of each text, for the live preview. */
function mountLivePreview(router: Router, deps: VisualsHttpDeps): void {
  router.post('/preview', express.json({ limit: '16mb' }), async (req, res) => {
    const parsed = previewBodySchema.safeParse(req.body)
    if (!parsed.success) throw new ValidationError('The preview request is not valid.', { errors: fieldErrorsFromZod(parsed.error.issues) })
    const p = await previewVisual({ catalogue: catalogueOf(deps, req), renderer: deps.renderer, kit: deps.kitFor(req) }, parsed.data)
    res.set('Cache-Control', 'no-store')
    res.json({ image: `data:image/png;base64,${p.png.toString('base64')}`, width: p.width, height: p.height, fits: p.fits })
  })
}
