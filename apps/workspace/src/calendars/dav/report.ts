import { Forbidden } from '@maison/errors'
import { CalendarPreconditionError, TooManyInstancesError, expandObject, limitRecurrenceSet, toRange, type ExpansionBudget, type Range } from '@maison/ical'
import type { DavContext, ReportAnswer, ReportIo } from '../../dav/tree.ts'
import { parsePropfind } from '../../dav/methods/propfind.ts'
import { withCondition } from '../../dav/errors.ts'
import { statusResponse } from '../../dav/xml/multistatus.ts'
import { encodeSegment, escapeText } from '../../dav/xml/serialize.ts'
import { child, DAV_NS, textOf, elements, type XmlElement } from '../../dav/xml/tree.ts'
import { calendarFreeBusy, calendarQuery, parsedOf, queryBudget, QUERY_LIMITS, type QueryHit } from '../query.ts'
import { syncCollection } from '../sync.ts'
import type { CalendarDeps } from '../deps.ts'
import type { StoredObject } from '../model.ts'
import type { CalendarsDavProvider } from './provider.ts'
import { calendarLookup } from './cal-props.ts'
import { davErrors } from './dav-errors.ts'
import { filterOf, timeRangeOf } from './filter-xml.ts'
import { CALDAV_NS, CALENDAR_DATA } from './names.ts'
import { calendarRendererParts } from './render.ts'
import { objectResource, type CalResource } from './resources.ts'

/** How calendar-data is to be returned: as stored, expanded, or with a limited recurrence set. */
type DataMode = { kind: 'as-is' } | { kind: 'expand' | 'limit'; range: Range }

function dataModeOf(body: XmlElement): DataMode {
  const prop = child(body, 'prop')
  const data = prop && elements(prop).find((e) => e.ns === CALDAV_NS && e.local === 'calendar-data')
  if (!data) return { kind: 'as-is' }
  const expand = child(data, 'expand', CALDAV_NS)
  const limit = child(data, 'limit-recurrence-set', CALDAV_NS)
  const el = expand ?? limit
  if (!el) return { kind: 'as-is' }
  const tr = timeRangeOf(el)
  if (tr.start == null || tr.end == null) throw new CalendarPreconditionError('valid-filter', 'expand and limit-recurrence-set need a start and an end.')
  return { kind: expand ? 'expand' : 'limit', range: toRange(tr) }
}

function textOfData(deps: CalendarDeps, target: CalResource, o: StoredObject, mode: DataMode, budget: ExpansionBudget): string {
  if (mode.kind === 'as-is') return o.data
  const parsed = parsedOf(deps, target.view!, o)
  const tz = target.view!.calendar.tzid
  return mode.kind === 'expand' ? expandObject(parsed, mode.range, tz, { budget }) : limitRecurrenceSet(parsed, mode.range, tz)
}

/**
 * Renders stored objects of `calendar` as multistatus responses with the props the body asks for,
 * one at a time as the core writes them, so a 200-object answer never sits whole in memory.
 * Expanded text is computed before the first response: a budget exceeded mid-stream could no
 * longer become a clean error answer.
 * @throws TooManyInstancesError (before anything is yielded) when expansion exceeds the budget
 */
function objectResponses(ctx: DavContext, deps: CalendarDeps, calendar: CalResource, body: XmlElement, io: ReportIo, objects: readonly StoredObject[], budget: ExpansionBudget): Iterable<string> {
  const request = parsePropfind({ ...body, local: 'propfind', ns: DAV_NS })
  const mode = dataModeOf(body)
  const wantsData = mode.kind !== 'as-is' || request.kind !== 'prop' || request.names.includes(CALENDAR_DATA)
  const texts = mode.kind === 'as-is' || !wantsData ? null : objects.map((o) => textOfData(deps, calendar, o, mode, budget))
  let current: string | undefined
  // calendar-data is yielded as a piece of its own: it is most of the answer and is already flat.
  const render = calendarRendererParts(request, () => [], calendarLookup(ctx, () => current), CALENDAR_DATA)
  const base = io.href(calendar.path, true)
  return (function* () {
    for (let i = 0; i < objects.length; i++) {
      const o = objects[i]!
      current = !wantsData ? undefined : texts ? texts[i] : o.data
      const r = objectResource(calendar, o)
      yield* render(r, base + encodeSegment(o.uri))
    }
  })()
}

function calendarOf(target: CalResource): CalResource {
  if (target.kind === 'calendar') return target
  if (target.kind === 'object') return { kind: 'calendar', path: target.path.slice(0, 3), collection: true, view: target.view }
  throw withCondition(new Forbidden('Calendar reports run on a calendar or one of its objects.'), '<d:supported-report/>')
}

// Object names clients make (UUIDs, ".ics"): in an href they stand for themselves, no decoding.
const PLAIN_NAME = /^[A-Za-z0-9_~-][A-Za-z0-9._~-]*$/

/**
 * The object name an href of the body designates inside `calendar`, or null. Hrefs written as the
 * calendar's own href plus a plain name are read directly; others go through URL parsing.
 */
function memberParser(io: ReportIo, calendar: CalResource): (href: string) => string | null {
  const base = io.href(calendar.path, true)
  const parsed = (h: string): string | null => {
    const p = io.pathOfUrl(h)
    const inside = p !== null && p.length === 4 && p[0] === calendar.path[0] && p[1] === calendar.path[1] && p[2] === calendar.path[2]
    return inside ? p[3]! : null
  }
  // The shortcut must agree with the parser on this request's base (a prefix mapping, a proxy path).
  if (parsed(base + 'probe.ics') !== 'probe.ics') return parsed
  return (h) => {
    if (h.length > base.length && h.startsWith(base)) {
      const name = h.slice(base.length)
      if (PLAIN_NAME.test(name)) return name
    }
    return parsed(h)
  }
}

/** The text of a DAV:href, trimmed; a lone text child is taken as it is. */
function hrefText(e: XmlElement): string {
  const only = e.children.length === 1 ? e.children[0] : undefined
  return (typeof only === 'string' ? only : textOf(e)).trim()
}

function multiget(ctx: DavContext, deps: CalendarDeps, target: CalResource, body: XmlElement, io: ReportIo): ReportAnswer {
  const calendar = calendarOf(target)
  const uriOf = new Map<string, string | null>()
  const uris: string[] = []
  const memberOf = memberParser(io, calendar)
  for (const e of body.children) {
    if (typeof e === 'string' || e.ns !== DAV_NS || e.local !== 'href') continue
    const h = hrefText(e)
    const uri = memberOf(h)
    uriOf.set(h, uri)
    if (uri !== null) uris.push(uri)
  }
  const byUri = new Map<string, StoredObject>()
  for (const o of deps.repo.objectsByUris(calendar.view!.calendar.id, uris)) byUri.set(o.uri, o)
  const present: StoredObject[] = []
  for (const u of uriOf.values()) {
    const o = u === null ? undefined : byUri.get(u)
    if (o) present.push(o)
  }
  const found = objectResponses(ctx, deps, calendar, body, io, present, queryBudget())
  return {
    kind: 'multistatus',
    responses: (function* () {
      yield* found
      for (const [h, u] of uriOf) if (u === null || !byUri.has(u)) yield statusResponse(h, 404)
    })(),
  }
}

function query(ctx: DavContext, deps: CalendarDeps, target: CalResource, body: XmlElement, io: ReportIo): ReportAnswer {
  const calendar = calendarOf(target)
  const budget = queryBudget()
  const hits: QueryHit[] = calendarQuery(deps, calendar.view!, filterOf(body), budget, target.kind === 'object' ? target.meta!.uri : undefined)
  if (hits.length > QUERY_LIMITS.maxResults) throw new TooManyInstancesError(`More than ${QUERY_LIMITS.maxResults} objects match; narrow the query.`)
  return { kind: 'multistatus', responses: objectResponses(ctx, deps, calendar, body, io, hits.map((h) => h.stored), budget) }
}

function sync(ctx: DavContext, deps: CalendarDeps, target: CalResource, body: XmlElement, io: ReportIo): ReportAnswer {
  if (target.kind !== 'calendar') throw withCondition(new Forbidden('sync-collection runs on a calendar collection.'), '<d:supported-report/>')
  const tokenEl = child(body, 'sync-token')
  const token = tokenEl ? textOf(tokenEl).trim() : ''
  const result = syncCollection(deps, target.view!, token === '' ? null : token)
  const asks = parsePropfind({ ...body, local: 'propfind', ns: DAV_NS })
  const wantsData = asks.kind !== 'prop' || asks.names.includes(CALENDAR_DATA)
  const objects: StoredObject[] = wantsData
    ? deps.repo.objectsByUris(target.view!.calendar.id, result.changed.map((m) => m.uri))
    : result.changed.map((m) => ({ ...m, data: '' }))
  const changed = objectResponses(ctx, deps, target, body, io, objects, queryBudget())
  const responses = (function* () {
    yield* changed
    for (const uri of result.removed) yield statusResponse(io.href([...target.path, uri], false), 404)
  })()
  return { kind: 'multistatus', responses, tail: `<d:sync-token>${escapeText(result.token)}</d:sync-token>` }
}

function freeBusyReport(deps: CalendarDeps, target: CalResource, body: XmlElement): ReportAnswer {
  if (target.kind !== 'calendar') throw withCondition(new Forbidden('free-busy-query runs on a calendar collection.'), '<d:supported-report/>')
  const tr = child(body, 'time-range', CALDAV_NS)
  if (!tr) throw new CalendarPreconditionError('valid-filter', 'free-busy-query needs a time-range.')
  const text = calendarFreeBusy(deps, target.view!, toRange(timeRangeOf(tr)), queryBudget())
  return { kind: 'body', status: 200, contentType: 'text/calendar; charset=utf-8', body: text }
}

/** The REPORTs of the calendars tree: calendar-query, calendar-multiget, sync-collection, free-busy-query. */
export async function calendarReport(provider: CalendarsDavProvider, ctx: DavContext, target: CalResource, body: XmlElement, io: ReportIo): Promise<ReportAnswer> {
  const deps = provider.deps(ctx)
  const calendarPath = target.path.slice(0, 3)
  return davErrors(ctx, calendarPath, () => {
    if (body.ns === CALDAV_NS && body.local === 'calendar-query') return query(ctx, deps, target, body, io)
    if (body.ns === CALDAV_NS && body.local === 'calendar-multiget') return multiget(ctx, deps, target, body, io)
    if (body.ns === CALDAV_NS && body.local === 'free-busy-query') return freeBusyReport(deps, target, body)
    if (body.ns === DAV_NS && body.local === 'sync-collection') return sync(ctx, deps, target, body, io)
    throw withCondition(new Forbidden(`The ${body.local} report is not supported here.`), '<d:supported-report/>')
  })
}
