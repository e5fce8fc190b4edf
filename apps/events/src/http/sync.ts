import type { Request, RequestHandler } from 'express'
import type { AppServices } from '@maison/app-contract'
import { syncCalendar } from '../domain/sync.ts'
import { envFor } from './context.ts'

/**
 * Brings the index in step with the association calendar before an organiser's request, so a phone's edit
 * shows at once (one sync-collection REPORT, usually empty). A failing sync does not fail the request:
 * the index is then as of the last sync.
 */
export function syncFirst(services: AppServices): RequestHandler {
  return async (req: Request, _res, next) => {
    try {
      await syncCalendar(envFor(req, services))
    } catch (err) {
      services.logger.warn({ err, space: req.space?.slug }, 'events: calendar sync before the request failed')
    }
    next()
  }
}
