import { Forbidden } from '@maison/errors'
import type { DavContext, PropLookup, ReportAnswer, ReportIo } from '../dav/tree.ts'
import { parsePropfind } from '../dav/methods/propfind.ts'
import { withCondition } from '../dav/errors.ts'
import { responseRenderer } from '../dav/prop-render.ts'
import { statusResponse } from '../dav/xml/multistatus.ts'
import { child, DAV_NS, elements, textOf, type XmlElement } from '../dav/xml/tree.ts'
import { CARDDAV_NS } from './names.ts'
import { cardResource, uidOfName, type BookResource } from './resources.ts'
import { cardFilterOf, cardMatches } from './vcard-filter.ts'

const UNSUPPORTED = '<d:supported-report/>'

function bookOf(target: BookResource): BookResource {
  if (target.kind === 'book') return target
  if (target.kind === 'card') return { ...target, kind: 'book', path: target.path.slice(0, 4), collection: true, card: undefined }
  throw withCondition(new Forbidden('Address book reports run on an address book or one of its cards.'), UNSUPPORTED)
}

function renderer(body: XmlElement, lookup: PropLookup) {
  return responseRenderer(parsePropfind({ ...body, local: 'propfind', ns: DAV_NS }), () => [], lookup, () => '')
}

function multiget(ctx: DavContext, target: BookResource, body: XmlElement, io: ReportIo, lookup: PropLookup): ReportAnswer {
  const book = bookOf(target)
  const wanted = elements(body).filter((e) => e.ns === DAV_NS && e.local === 'href').map((e) => textOf(e).trim())
  const uidOf = new Map<string, string | null>()
  for (const h of wanted) {
    const p = io.pathOfUrl(h)
    const inside = p && p.length === 5 && p.slice(0, 4).every((s, i) => s === book.path[i])
    uidOf.set(h, inside ? uidOfName(p[4]!) : null)
  }
  const uids = [...uidOf.values()].filter((u): u is string => u !== null)
  const byUid = new Map(book.book!.cards(ctx.space, uids).map((c) => [c.uid, c]))
  const render = renderer(body, lookup)
  const responses = [...uidOf].map(([h, uid]) => {
    const found = uid === null ? undefined : byUid.get(uid)
    if (!found) return statusResponse(h, 404)
    const r = cardResource(book, found)
    return render(r, io.href(r.path, false))
  })
  return { kind: 'multistatus', responses }
}

function query(ctx: DavContext, target: BookResource, body: XmlElement, io: ReportIo, lookup: PropLookup): ReportAnswer {
  const book = bookOf(target)
  const filter = cardFilterOf(body)
  const limitEl = child(body, 'limit', CARDDAV_NS)
  const nresults = limitEl && child(limitEl, 'nresults', CARDDAV_NS)
  const limit = nresults ? Number.parseInt(textOf(nresults), 10) : Number.POSITIVE_INFINITY
  const onlyUid = target.kind === 'card' ? target.card!.uid : undefined
  const render = renderer(body, lookup)
  const responses: string[] = []
  for (const c of book.book!.cards(ctx.space, onlyUid === undefined ? undefined : [onlyUid])) {
    if (responses.length >= limit) break
    if (!cardMatches(c.vcard, filter)) continue
    const r = cardResource(book, c)
    responses.push(render(r, io.href(r.path, false)))
  }
  return { kind: 'multistatus', responses }
}

/** The REPORTs of the address books: addressbook-multiget and addressbook-query (RFC 6352 §8.6, §8.7). */
export function addressBookReport(ctx: DavContext, target: BookResource, body: XmlElement, io: ReportIo, lookup: PropLookup): ReportAnswer {
  if (body.ns === CARDDAV_NS && body.local === 'addressbook-multiget') return multiget(ctx, target, body, io, lookup)
  if (body.ns === CARDDAV_NS && body.local === 'addressbook-query') return query(ctx, target, body, io, lookup)
  throw withCondition(new Forbidden(`The ${body.local} report is not supported here.`), UNSUPPORTED)
}
