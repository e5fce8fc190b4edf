import type { DavResource, PropLookup } from '../../dav/tree.ts'
import { coreIndex, coreNames, coreValue, type PropRequest } from '../../dav/props.ts'
import { escapeText, propTag, type PropTag } from '../../dav/xml/serialize.ts'
import { statusLine } from '../../dav/xml/multistatus.ts'
import { RESOURCETYPE } from './names.ts'

const OK = `</d:prop><d:status>${statusLine(200)}</d:status></d:propstat>`
const NOT_FOUND = `</d:prop><d:status>${statusLine(404)}</d:status></d:propstat>`
const NO_LOCKS = () => ''

/** One `<d:response>` of a calendars-tree resource. */
export type Render = (r: DavResource, href: string, extra?: string) => string

/**
 * One `<d:response>` in pieces: `[head, value, tail]` when the held property has a value (the value
 * as given, so a long calendar-data is written as it is instead of copied into the response),
 * otherwise `[whole]`.
 */
export type RenderParts = (r: DavResource, href: string, extra?: string) => string[]

/**
 * The core's response renderer with CalDAV resource types (DavResource.resourceType). Kept here
 * until dav/props.ts renders resourceType itself; then calendars can use the core's PROPFIND.
 */
export function calendarRenderer(request: PropRequest, livePropNames: (r: DavResource) => readonly string[], lookup: PropLookup): Render {
  const parts = calendarRendererParts(request, livePropNames, lookup)
  return (r, href, extra = '') => {
    const p = parts(r, href, extra)
    return p.length === 1 ? p[0]! : p[0]! + p[1]! + p[2]!
  }
}

/** calendarRenderer answering in pieces around the value of the property `held` (Clark name). */
export function calendarRendererParts(request: PropRequest, livePropNames: (r: DavResource) => readonly string[], lookup: PropLookup, held?: string): RenderParts {
  const tags = new Map<string, PropTag>()
  const tag = (n: string) => {
    let t = tags.get(n)
    if (!t) tags.set(n, (t = propTag(n)))
    return t
  }
  const valueOf = (r: DavResource, name: string): string | undefined => {
    if (name === RESOURCETYPE) return r.collection ? '<d:collection/>' + (r.resourceType ?? '') : ''
    const core = coreIndex(name)
    return core >= 0 ? coreValue(r, core, NO_LOCKS) : lookup.value(r, name)
  }
  // A prop request names the same properties for every resource.
  const asked = request.kind === 'prop' ? [...new Set(request.names)] : null
  const names = (r: DavResource): string[] => {
    if (asked) return asked
    const all = [...coreNames(r), ...lookup.deadNames(r), ...(request.kind === 'allprop' ? request.include : livePropNames(r))]
    return [...new Set(all)]
  }
  return (r, href, extra = '') => {
    let before = ''
    let value: string | undefined
    let found = ''
    let missing = ''
    for (const n of names(r)) {
      const t = tag(n)
      if (request.kind === 'propname') {
        found += t.empty
        continue
      }
      const v = valueOf(r, n)
      if (v === undefined) missing += t.empty
      else if (v === '') found += t.empty
      else if (n === held && value === undefined) {
        before = found + t.open
        value = v
        found = t.close
      } else found += t.open + v + t.close
    }
    const head = `<d:response><d:href>${escapeText(href)}</d:href>`
    const tail = (missing === '' ? '' : `<d:propstat><d:prop>${missing}${NOT_FOUND}`) + extra + '</d:response>'
    if (value !== undefined) return [`${head}<d:propstat><d:prop>${before}`, value, `${found}${OK}${tail}`]
    return [head + (found === '' ? '' : `<d:propstat><d:prop>${found}${OK}`) + tail]
  }
}
