import type { Router } from 'express'
import { NotFound } from '@maison/errors'
import type { AppServices } from '@maison/app-contract'
import type { EventsReader } from '../../domain/reader.ts'
import { SqliteRegistrationRepository } from '../../registrations/sqlite-repository.ts'
import type { EventRecord, Occurrence } from '../../domain/model.ts'
import type { Registration, RegistrationCounts } from '../../registrations/model.ts'
import { AnswerCache, sendPrepared } from '../answer-cache.ts'
import { PRIVATE_CACHE, PUBLIC_CACHE, etagOf, notModified } from '../caching.ts'
import { escapeHtml, safeUrl } from '../html.ts'
import { eventJsonLd } from '../jsonld.ts'
import { eventUrl, publicBase, webcal } from '../links.ts'
import { eventBody } from '../pages/event.ts'
import { siteBody } from '../pages/site.ts'
import { occurrencesOf, past, upcoming, visibleEvent } from '../queries.ts'
import { publicContext, renderFor, sendPage, setPageHeaders, type PageContent, type PublicContext } from './context.ts'

const occurrenceParam = (raw: unknown): string | null => {
  if (typeof raw !== 'string' || raw.length > 40) return null
  const t = Date.parse(raw)
  return Number.isNaN(t) ? null : new Date(t).toISOString()
}

/** The mini-site and the event pages. */
export function mountPages(router: Router, services: AppServices, reader: EventsReader): void {
  const pageCache = new AnswerCache()
  router.get('/', (req, res) => {
    const ctx = publicContext(req, services)
    const coming = upcoming(reader, ctx.space, ctx.viewer, ctx.now, { limit: 50 })
    const gone = past(reader, ctx.space, ctx.viewer, ctx.now)
    const version = reader.version(ctx.space)
    const shown = [...coming, ...gone].map((o) => `${o.event.id}@${o.start}:${o.status}`)
    if (notModified(req, res, ['site', version, ctx.theme, ctx.lang, req.principal?.username ?? null, shown], req.principal ? PRIVATE_CACHE : PUBLIC_CACHE)) return
    const abs = publicBase(ctx.space)
    const feeds = { ics: `${abs}/events.ics`, webcal: webcal(`${abs}/events.ics`), rss: `${abs}/events.rss`, atom: `${abs}/events.atom`, json: `${abs}/events.json` }
    const body = siteBody({
      lang: ctx.lang, siteName: ctx.space.name, presentationHtml: reader.site(ctx.space).presentationHtml, upcoming: coming, past: gone,
      eventHref: (o) => `${ctx.base}/events/${encodeURIComponent(o.event.id)}${o.event.rrule ? `?occurrence=${encodeURIComponent(o.start)}` : ''}`,
      feeds, defaultZone: ctx.defaultZone,
    })
    sendPage(res, ctx, {
      title: ctx.space.name, selfPath: `${ctx.base}/`, body,
      og: { title: ctx.space.name, type: 'website', url: `${abs}/`, site_name: ctx.space.name },
      headLinks: `<link rel="alternate" type="application/rss+xml" href="${escapeHtml(feeds.rss)}"><link rel="alternate" type="application/atom+xml" href="${escapeHtml(feeds.atom)}"><link rel="alternate" type="application/feed+json" href="${escapeHtml(feeds.json)}">`,
    })
  })

  router.get('/events/:id', (req, res) => {
    const ctx = publicContext(req, services)
    const event = visibleEvent(reader, ctx.space, String(req.params.id), ctx.viewer, ctx.now)
    if (!event) throw new NotFound('This event does not exist or is not public.')
    const occurrences = occurrencesOf(reader, ctx.space, event, ctx.now)
    const wanted = occurrenceParam(req.query.occurrence)
    const occurrence = occurrences.find((o) => Date.parse(o.start) === Date.parse(wanted ?? '')) ?? occurrences.find((o) => o.status !== 'cancelled') ?? occurrences[0]!
    const repo = new SqliteRegistrationRepository(ctx.space.db)
    const counts = repo.counts(event.id, occurrence.start)
    const mine = req.principal ? repo.findLive(event.id, occurrence.start, { accountUsername: req.principal.username }) : null
    const started = Date.parse(occurrence.start) <= ctx.now.getTime()
    const version = reader.version(ctx.space)
    const parts = ['event', version, ctx.theme, event.id, occurrence.start, ctx.lang, req.principal?.username ?? null, counts, mine?.status ?? null, started]
    if (req.principal) {
      if (notModified(req, res, parts, PRIVATE_CACHE)) return
      sendPage(res, ctx, eventPage(ctx, event, occurrence, occurrences, counts, mine))
      return
    }
    // Strangers all get the same bytes until a sign-up, an edit or time changes them.
    const key = JSON.stringify([ctx.space.slug, ctx.space.baseUrl, ctx.space.name, ...parts])
    const answer = pageCache.get(key, ctx.now.getTime(), () => ({
      body: Buffer.from(renderFor(ctx, eventPage(ctx, event, occurrence, occurrences, counts, null))), etag: etagOf(parts), type: 'text/html; charset=utf-8',
      validUntil: pageValidUntil(occurrences, ctx.now),
    }))
    setPageHeaders(res)
    sendPrepared(req, res, answer, PUBLIC_CACHE)
  })
}

/** A stranger's event page stays right until the next listed occurrence starts (its form closes) or 5 minutes pass. */
function pageValidUntil(occurrences: readonly Occurrence[], now: Date): number {
  let until = now.getTime() + 5 * 60_000
  for (const o of occurrences) {
    const start = Date.parse(o.start)
    if (start > now.getTime()) until = Math.min(until, start)
  }
  return until
}

/** The event page of one occurrence, for a member (with their sign-up) or a stranger. */
function eventPage(ctx: PublicContext, event: EventRecord, occurrence: Occurrence, occurrences: Occurrence[], counts: RegistrationCounts, mine: Registration | null): PageContent {
  const member = ctx.member
  const url = eventUrl(ctx.space, event.id)
  const body = eventBody({
    event, occurrence, occurrences, counts, now: ctx.now, lang: ctx.lang, defaultZone: ctx.defaultZone,
    actionPath: `${ctx.base}/events/${encodeURIComponent(event.id)}/signup`,
    member: member ? { displayName: member.displayName, registration: mine } : null,
    url, icsUrl: `${url}.ics`,
    occurrenceHref: (start) => `${ctx.base}/events/${encodeURIComponent(event.id)}?occurrence=${encodeURIComponent(start)}`,
  })
  return {
    title: `${event.title} — ${ctx.space.name}`, selfPath: `${ctx.base}/events/${encodeURIComponent(event.id)}`, body,
    noindex: event.visibility !== 'public',
    og: { title: event.title, type: 'website', url, description: event.descriptionText.slice(0, 300), image: safeUrl(event.pictureUrl), site_name: ctx.space.name },
    jsonLd: eventJsonLd(event, occurrence, url, { name: ctx.space.name, url: `${publicBase(ctx.space)}/` }),
  }
}
