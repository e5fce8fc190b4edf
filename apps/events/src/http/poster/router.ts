import type { Request, Router } from 'express'
import { z } from 'zod'
import type { AppServices } from '@maison/app-contract'
import { parseOrThrow } from '../../domain/input.ts'
import type { Language } from '../../registrations/model.ts'
import { envFor, eventId, organiserOnly } from '../context.ts'
import { syncFirst } from '../sync.ts'
import { eventPoster, type PosterFormat } from './make-poster.ts'

const posterQuery = z.object({
  lang: z.enum(['fr', 'en']).optional(),
  size: z.enum(['a4', 'a3', 'portrait']).default('a4'),
})

/** `?lang=`, else the organiser's account language, else the browser's; French by default. */
function languageOf(req: Request, asked: Language | undefined): Language {
  if (asked) return asked
  if (req.principal?.language === 'fr' || req.principal?.language === 'en') return req.principal.language
  return req.acceptsLanguages('fr', 'en') === 'en' ? 'en' : 'fr'
}

/** GET /events/{id}/poster.{png|pdf} (organisers): the event's poster, drawn by the visuals app, as a download. */
export function mountPoster(router: Router, services: AppServices): void {
  for (const format of ['png', 'pdf'] as const satisfies readonly PosterFormat[]) {
    router.get(`/events/:id/poster.${format}`, organiserOnly, syncFirst(services), async (req, res) => {
      const q = parseOrThrow(posterQuery, req.query, 'query')
      const id = eventId(req)
      const space = req.space!
      const api = services.appApi
      const username = req.principal!.username
      const visuals = api.enabled(space, 'visuals') ? () => api.as(space, 'visuals', username) : null
      const deps = { env: envFor(req, services), visuals, logger: services.logger, defaultZone: services.config.DEFAULT_TIMEZONE }
      const file = await eventPoster(deps, id, { format, size: q.size, lang: languageOf(req, q.lang) })
      res.set({
        'Content-Type': format === 'pdf' ? 'application/pdf' : 'image/png',
        'Content-Disposition': `attachment; filename="poster-${id}.${format}"`,
        'Cache-Control': 'no-store',
      }).send(file.bytes)
    })
  }
}
