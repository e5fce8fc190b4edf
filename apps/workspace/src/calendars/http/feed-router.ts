import { Router, type Request } from 'express'
import type { CalendarDeps } from '../deps.ts'
import { publicFeed } from '../feed.ts'

/** `/p/calendars/{token}.ics`: the public, read-only subscription feed (no account needed). */
export function createCalendarFeedRouter(deps: { calendarsFor: (req: Request) => CalendarDeps }): Router {
  const r = Router()
  r.get('/calendars/:file', (req, res, next) => {
    const m = /^([A-Za-z0-9_-]{10,64})\.ics$/.exec(String(req.params.file))
    if (!m) return next()
    const feed = publicFeed(deps.calendarsFor(req), m[1]!)
    res.set({ ETag: feed.etag, 'Cache-Control': 'public, max-age=300', 'X-Robots-Tag': 'noindex' })
    if (req.get('If-None-Match')?.split(',').map((s) => s.trim()).includes(feed.etag)) {
      res.status(304).end()
      return
    }
    const body = feed.body()
    res.status(200).type('text/calendar; charset=utf-8').set('Content-Disposition', `inline; filename="calendar.ics"`).send(body)
  })
  return r
}
