import type { Router } from 'express'
import type { AppServices } from '@maison/app-contract'
import { publicPicture } from '../domain/pictures.ts'
import { backgroundEnv, eventId } from './context.ts'

/**
 * `GET /s/{space}/p/events/{id}/picture`: an event's picture, read from the association folder, for events a
 * visitor may see. The URL carries the file's name (`?v=`), so a matching request caches for a year.
 */
export function mountPublicPicture(router: Router, services: AppServices): void {
  router.get('/events/:id/picture', async (req, res) => {
    const picture = await publicPicture(backgroundEnv(req.space!, services), eventId(req))
    const version = picture.name.replace(/\.[a-z]+$/, '')
    res.setHeader('ETag', `"${version}"`)
    res.setHeader('Cache-Control', req.query.v === version ? 'public, max-age=31536000, immutable' : 'public, max-age=300')
    if (req.get('if-none-match') === `"${version}"`) {
      res.status(304).end()
      return
    }
    res.setHeader('Content-Type', picture.type)
    res.setHeader('X-Content-Type-Options', 'nosniff')
    res.send(picture.bytes)
  })
}
