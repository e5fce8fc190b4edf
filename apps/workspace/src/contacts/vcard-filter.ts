import { BadRequest } from '@maison/errors'
import { child, elements, textOf, type XmlElement } from '../dav/xml/tree.ts'
import { CARDDAV_NS } from './names.ts'

type MatchType = 'equals' | 'contains' | 'starts-with' | 'ends-with'

interface TextMatch {
  text: string
  matchType: MatchType
  negate: boolean
}

interface PropFilter {
  name: string
  isNotDefined: boolean
  allOf: boolean
  matches: TextMatch[]
}

/** An addressbook-query filter (RFC 6352 §10.5), without parameter filters. */
export interface CardFilter {
  allOf: boolean
  props: PropFilter[]
}

/** An unqualified attribute's value. */
function attr(el: XmlElement, local: string): string | undefined {
  return el.attrs.find((a) => a.local === local && a.ns === '')?.value
}

const MATCH_TYPES = new Set<MatchType>(['equals', 'contains', 'starts-with', 'ends-with'])

function textMatchOf(el: XmlElement): TextMatch {
  const matchType = (attr(el, 'match-type') ?? 'contains') as MatchType
  if (!MATCH_TYPES.has(matchType)) throw new BadRequest(`Unknown match-type "${matchType}".`)
  return { text: textOf(el).toLocaleLowerCase(), matchType, negate: attr(el, 'negate-condition') === 'yes' }
}

/** The filter of an addressbook-query body; no filter element matches every card. */
export function cardFilterOf(body: XmlElement): CardFilter {
  const filter = child(body, 'filter', CARDDAV_NS)
  if (!filter) return { allOf: false, props: [] }
  const props = elements(filter)
    .filter((e) => e.ns === CARDDAV_NS && e.local === 'prop-filter')
    .map((pf) => {
      const name = attr(pf, 'name')
      if (!name) throw new BadRequest('A prop-filter needs a name.')
      return {
        name: name.toUpperCase(),
        isNotDefined: child(pf, 'is-not-defined', CARDDAV_NS) !== undefined,
        allOf: attr(pf, 'test') === 'allof',
        matches: elements(pf).filter((e) => e.ns === CARDDAV_NS && e.local === 'text-match').map(textMatchOf),
      }
    })
  return { allOf: attr(filter, 'test') === 'allof', props }
}

/** Values of each property of a vCard, by upper-case name (lines unfolded, groups and parameters dropped). */
export function vcardValues(vcard: string): Map<string, string[]> {
  const values = new Map<string, string[]>()
  for (const line of vcard.replace(/\r?\n[ \t]/g, '').split(/\r?\n/)) {
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    const name = line.slice(0, colon).split(';')[0]!.replace(/^[^.]*\./, '').toUpperCase()
    const list = values.get(name) ?? []
    list.push(line.slice(colon + 1).replace(/\\([,;\\])/g, '$1').replace(/\\n/gi, '\n'))
    values.set(name, list)
  }
  return values
}

function matches(value: string, m: TextMatch): boolean {
  const v = value.toLocaleLowerCase()
  const hit = m.matchType === 'equals' ? v === m.text : m.matchType === 'starts-with' ? v.startsWith(m.text) : m.matchType === 'ends-with' ? v.endsWith(m.text) : v.includes(m.text)
  return hit !== m.negate
}

function propMatches(values: Map<string, string[]>, pf: PropFilter): boolean {
  const found = values.get(pf.name)
  if (pf.isNotDefined) return !found
  if (!found) return false
  if (pf.matches.length === 0) return true
  const test = (m: TextMatch) => found.some((v) => matches(v, m))
  return pf.allOf ? pf.matches.every(test) : pf.matches.some(test)
}

/** Whether a vCard passes the filter. */
export function cardMatches(vcard: string, filter: CardFilter): boolean {
  if (filter.props.length === 0) return true
  const values = vcardValues(vcard)
  return filter.allOf ? filter.props.every((pf) => propMatches(values, pf)) : filter.props.some((pf) => propMatches(values, pf))
}
