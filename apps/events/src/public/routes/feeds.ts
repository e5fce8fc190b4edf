import type { Request, Response, Router } from 'express'
import { NotFound, ValidationError } from '@maison/errors'
import type { AppServices } from '@maison/app-contract'
import type { Occurrence } from '../../domain/model.ts'
import type { EventsReader } from '../../domain/reader.ts'
import { AnswerCache, sendPrepared, type PreparedAnswer } from '../answer-cache.ts'
import { FEED_CACHE, etagOf, notModified } from '../caching.ts'
import { icsFeed } from '../feeds/ics.ts'
import { atomFeed, jsonFeed, rssFeed, type FeedInput } from '../feeds/syndication.ts'
import { eventUrl, publicBase } from '../links.ts'
import { occurrencesOf, upcoming } from '../queries.ts'
import { pageVisible } from '../visibility.ts'
import { publicContext, type PublicContext } from './context.ts'

const TAG = /^[^\u0000-\u001f]{1,100}$/

/** `?tag=`: one tag, validated (it ends up in ETags and titles). @throws ValidationError */
function tagOf(req: Request): string | undefined {
  const raw = req.query.tag
  if (raw === undefined || raw === '') return undefined
  if (typeof raw !== 'string' || !TAG.test(raw)) throw new ValidationError('The tag must be one short text.', { errors: [{ path: 'tag', message: 'expected 1 to 100 characters' }] })
  return raw
}

const occurrenceUrl = (ctx: PublicContext) => (o: Occurrence): string =>
  `${eventUrl(ctx.space, o.event.id)}${o.event.rrule ? `?occurrence=${encodeURIComponent(o.start)}` : ''}`

/** Feeds are anonymous (calendar apps and readers carry no session): only listed public events, never members-only. */
const ANONYMOUS = { member: false }

/** Subscribed calendars hold every upcoming event; syndication readers only the next ones. */
const ICS_LIMIT = 2000
const SYNDICATION_LIMIT = 200
/** A prepared feed is rebuilt at least this often, whatever else happens. */
const MAX_AGE_MS = 5 * 60_000

/**
 * When a prepared feed of these occurrences stops being right by itself: the first listed one ends (it
 * leaves the feed), the year turns (the VTIMEZONE's span), or MAX_AGE_MS passes. Writes change the reader's
 * version, which is in the key.
 */
function validUntil(occurrences: readonly Occurrence[], now: Date): number {
  let until = Math.min(now.getTime() + MAX_AGE_MS, Date.UTC(now.getUTCFullYear() + 1, 0, 1))
  for (const o of occurrences) until = Math.min(until, Date.parse(o.end))
  return until
}

const fingerprint = (occurrences: readonly Occurrence[]) => occurrences.map((o) => `${o.event.id}@${o.start}:${o.status}`)

type FeedKind = 'ics' | 'rss' | 'atom' | 'json'

const TYPES: Record<FeedKind, string> = {
  ics: 'text/calendar; charset=utf-8', rss: 'application/rss+xml; charset=utf-8', atom: 'application/atom+xml; charset=utf-8', json: 'application/feed+json; charset=utf-8',
}

/** iCalendar, RSS, Atom and JSON feeds of the space (optionally one tag) and the `.ics` of one event. */
export function mountFeeds(router: Router, services: AppServices, reader: EventsReader): void {
  // Each feed is serialised once per reader version (and until time changes it), then served as bytes.
  const cache = new AnswerCache()

  const render = (req: Request, kind: FeedKind, ctx: PublicContext, tag: string | undefined, version: string): PreparedAnswer => {
    const occurrences = upcoming(reader, ctx.space, ANONYMOUS, ctx.now, { tag, limit: kind === 'ics' ? ICS_LIMIT : SYNDICATION_LIMIT })
    const title = tag ? `${ctx.space.name} — ${tag}` : ctx.space.name
    let body: string
    if (kind === 'ics') {
      body = icsFeed({ name: title, occurrences, eventUrl: occurrenceUrl(ctx), defaultZone: ctx.defaultZone, now: ctx.now })
    } else {
      const input: FeedInput = {
        title,
        description: ctx.lang === 'fr' ? `Événements à venir de ${ctx.space.name}` : `Upcoming events of ${ctx.space.name}`,
        lang: ctx.lang, siteUrl: `${publicBase(ctx.space)}/`, selfUrl: `${publicBase(ctx.space)}${req.path}${tag ? `?tag=${encodeURIComponent(tag)}` : ''}`,
        occurrences, eventUrl: occurrenceUrl(ctx), defaultZone: ctx.defaultZone, updated: ctx.now,
      }
      body = kind === 'rss' ? rssFeed(input) : kind === 'atom' ? atomFeed(input) : jsonFeed(input)
    }
    const etag = etagOf([kind, version, tag ?? null, kind === 'ics' ? null : ctx.lang, fingerprint(occurrences)])
    return { body: Buffer.from(body), etag, type: TYPES[kind], validUntil: validUntil(occurrences, ctx.now) }
  }

  const serve = (kind: FeedKind) => (req: Request, res: Response) => {
    const ctx = publicContext(req, services)
    const tag = tagOf(req)
    const version = reader.version(ctx.space)
    const key = JSON.stringify([kind, ctx.space.slug, ctx.space.baseUrl, ctx.space.name, version, tag ?? null, kind === 'ics' ? null : ctx.lang, req.path])
    sendPrepared(req, res, cache.get(key, ctx.now.getTime(), () => render(req, kind, ctx, tag, version)), FEED_CACHE)
  }

  router.get('/events.ics', serve('ics'))
  router.get('/events.rss', serve('rss'))
  router.get('/events.atom', serve('atom'))
  router.get('/events.json', serve('json'))
  // One event for "add to my calendar": unlisted ones too (whoever has the page has the link), never drafts.
  router.get('/events/:id.ics', (req, res) => {
    const ctx = publicContext(req, services)
    const event = reader.get(ctx.space, String(req.params.id))
    if (!event || !pageVisible(event, ctx.viewer, ctx.now)) throw new NotFound('This event does not exist or is not public.')
    const occurrences = occurrencesOf(reader, ctx.space, event, ctx.now, 100)
    if (notModified(req, res, ['event-ics', reader.version(ctx.space), event.id, occurrences.map((o) => `${o.start}:${o.status}`)], req.principal ? 'private, no-cache' : FEED_CACHE)) return
    res.set('Content-Disposition', `attachment; filename="event-${event.id.replace(/[^A-Za-z0-9_-]/g, '')}.ics"`)
    res.type('text/calendar; charset=utf-8').send(icsFeed({ name: event.title, occurrences, eventUrl: occurrenceUrl(ctx), defaultZone: ctx.defaultZone, now: ctx.now }))
  })
}
