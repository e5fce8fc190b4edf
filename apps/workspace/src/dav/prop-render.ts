import type { DavResource, PropLookup } from './tree.ts'
import { coreIndex, coreNames, coreValue, type PropRequest } from './props.ts'
import { escapeText, propTag, type PropTag } from './xml/serialize.ts'
import { statusLine } from './xml/multistatus.ts'

/** Renders the `<d:response>` of one resource, given its href. */
export type ResponseRenderer = (r: DavResource, href: string) => string

const OK = `</d:prop><d:status>${statusLine(200)}</d:status></d:propstat>`
const NOT_FOUND = `</d:prop><d:status>${statusLine(404)}</d:status></d:propstat>`

function wrap(href: string, found: string, missing: string): string {
  return (
    `<d:response><d:href>${escapeText(href)}</d:href>` +
    (found === '' ? '' : `<d:propstat><d:prop>${found}${OK}`) +
    (missing === '' ? '' : `<d:propstat><d:prop>${missing}${NOT_FOUND}`) +
    '</d:response>'
  )
}

/** Property names with their element pieces and core index, computed once per request. */
class Names {
  private readonly tags = new Map<string, PropTag>()

  tag(name: string): PropTag {
    let t = this.tags.get(name)
    if (!t) this.tags.set(name, (t = propTag(name)))
    return t
  }
}

/**
 * Compiles a PROPFIND request into a renderer: tags, core lookups and status lines are worked
 * out once, so each of thousands of members costs only its values and one string.
 */
export function responseRenderer(request: PropRequest, liveNames: (r: DavResource) => readonly string[], lookup: PropLookup, locks: (r: DavResource) => string): ResponseRenderer {
  const names = new Names()

  if (request.kind === 'prop') {
    const wanted = [...new Set(request.names)]
    const tags = wanted.map((n) => names.tag(n))
    const cores = wanted.map(coreIndex)
    return (r, href) => {
      let found = ''
      let missing = ''
      for (let i = 0; i < wanted.length; i++) {
        const core = cores[i]!
        const v = core >= 0 ? coreValue(r, core, locks) : lookup.value(r, wanted[i]!)
        const t = tags[i]!
        if (v === undefined) missing += t.empty
        else found += v === '' ? t.empty : t.open + v + t.close
      }
      return wrap(href, found, missing)
    }
  }

  if (request.kind === 'propname') {
    return (r, href) => {
      const all = new Set([...coreNames(r), ...liveNames(r), ...lookup.deadNames(r)])
      let found = ''
      for (const n of all) found += names.tag(n).empty
      return wrap(href, found, '')
    }
  }

  const include = request.include
  return (r, href) => {
    const seen = new Set<string>()
    let found = ''
    let missing = ''
    for (const n of [...coreNames(r), ...lookup.deadNames(r), ...include]) {
      if (seen.has(n)) continue
      seen.add(n)
      const core = coreIndex(n)
      const v = core >= 0 ? coreValue(r, core, locks) : lookup.value(r, n)
      const t = names.tag(n)
      if (v === undefined) missing += t.empty
      else found += v === '' ? t.empty : t.open + v + t.close
    }
    return wrap(href, found, missing)
  }
}

/** A lookup for resources outside any provider (the DAV root): no provider properties at all. */
export const NO_PROPS: PropLookup = { value: () => undefined, deadNames: () => [] }
