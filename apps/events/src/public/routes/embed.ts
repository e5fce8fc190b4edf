import type { Router } from 'express'
import { ValidationError } from '@maison/errors'
import type { AppServices } from '@maison/app-contract'
import type { EventsReader } from '../../domain/reader.ts'
import { EMBED_CSP, EMBED_SCRIPT, FRAME_SCRIPT, embedPage } from '../embed.ts'
import { FEED_CACHE, PUBLIC_CACHE, notModified } from '../caching.ts'
import { upcoming } from '../queries.ts'
import { publicContext } from './context.ts'

/** The embeddable widget (an iframe page), its height reporter and the one-line loader script. */
export function mountEmbed(router: Router, services: AppServices, reader: EventsReader): void {
  router.get('/embed', (req, res) => {
    const ctx = publicContext(req, services)
    const raw = req.query.tag
    if (raw !== undefined && (typeof raw !== 'string' || raw.length > 100)) {
      throw new ValidationError('The tag must be one short text.', { errors: [{ path: 'tag', message: 'expected 1 to 100 characters' }] })
    }
    const tag = raw || undefined
    // The widget is the same for everyone (no session, no cookies), so it never shows members-only events.
    const occurrences = upcoming(reader, ctx.space, { member: false }, ctx.now, { tag, limit: 20 })
    res.set('Content-Security-Policy', EMBED_CSP)
    res.removeHeader('X-Frame-Options')
    res.set('Cross-Origin-Resource-Policy', 'cross-origin')
    res.set('Referrer-Policy', 'strict-origin-when-cross-origin')
    if (notModified(req, res, ['embed', reader.version(ctx.space), tag ?? null, ctx.lang, ctx.theme, occurrences.map((o) => `${o.event.id}@${o.start}:${o.status}`)], PUBLIC_CACHE)) return
    res.type('html').send(embedPage({
      lang: ctx.lang, theme: ctx.theme, occurrences, defaultZone: ctx.defaultZone, siteHref: `${ctx.space.baseUrl}/p/`, scriptSrc: `${ctx.base}/embed-frame.js`,
      eventHref: (o) => `${ctx.space.baseUrl}/p/events/${encodeURIComponent(o.event.id)}${o.event.rrule ? `?occurrence=${encodeURIComponent(o.start)}` : ''}`,
    }))
  })
  for (const [path, body] of [['/embed.js', EMBED_SCRIPT], ['/embed-frame.js', FRAME_SCRIPT]] as const) {
    router.get(path, (req, res) => {
      res.set('Cross-Origin-Resource-Policy', 'cross-origin')
      if (notModified(req, res, [path, body], FEED_CACHE)) return
      res.type('application/javascript; charset=utf-8').send(body)
    })
  }
}
