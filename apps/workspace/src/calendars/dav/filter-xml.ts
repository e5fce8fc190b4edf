import { CalendarPreconditionError, type CompFilter, type ParamFilter, type PropFilter, type TextMatch, type TimeRangeFilter } from '@maison/ical'
import { child, elements, textOf, type XmlElement } from '../../dav/xml/tree.ts'
import { CALDAV_NS } from './names.ts'

// Far beyond what validateFilter accepts (depth 4), but bounds the recursion of this reader.
const MAX_XML_DEPTH = 12

const attr = (el: XmlElement, name: string) => el.attrs.find((a) => a.local === name && a.ns === '')?.value
const kids = (el: XmlElement, local: string) => elements(el).filter((e) => e.ns === CALDAV_NS && e.local === local)

function invalid(message: string): CalendarPreconditionError {
  return new CalendarPreconditionError('valid-filter', message)
}

/** Parses an iCalendar UTC date-time (`20260329T010000Z`) into epoch ms. @throws CalendarPreconditionError */
export function parseUtc(value: string | undefined, what: string): number | null {
  if (value === undefined) return null
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value.trim())
  if (!m) throw invalid(`${what} must be a UTC date-time like 20260101T000000Z, not "${value}".`)
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number]
  const ms = Date.UTC(y, mo - 1, d, h, mi, s)
  if (Number.isNaN(ms) || new Date(ms).getUTCDate() !== d) throw invalid(`${what} is not a real date: "${value}".`)
  return ms
}

/** A CALDAV:time-range element. @throws CalendarPreconditionError */
export function timeRangeOf(el: XmlElement): TimeRangeFilter {
  return { start: parseUtc(attr(el, 'start'), 'time-range start'), end: parseUtc(attr(el, 'end'), 'time-range end') }
}

function textMatchOf(el: XmlElement | undefined): TextMatch | undefined {
  if (!el) return undefined
  return { value: textOf(el), collation: attr(el, 'collation'), negate: attr(el, 'negate-condition') === 'yes' }
}

function paramFilterOf(el: XmlElement): ParamFilter {
  const name = attr(el, 'name')
  if (!name) throw invalid('A param-filter needs a name.')
  return { name, isNotDefined: !!child(el, 'is-not-defined', CALDAV_NS), textMatch: textMatchOf(child(el, 'text-match', CALDAV_NS)) }
}

function propFilterOf(el: XmlElement): PropFilter {
  const name = attr(el, 'name')
  if (!name) throw invalid('A prop-filter needs a name.')
  const tr = child(el, 'time-range', CALDAV_NS)
  return {
    name, isNotDefined: !!child(el, 'is-not-defined', CALDAV_NS), timeRange: tr ? timeRangeOf(tr) : undefined,
    textMatch: textMatchOf(child(el, 'text-match', CALDAV_NS)), paramFilters: kids(el, 'param-filter').map(paramFilterOf),
  }
}

function compFilterOf(el: XmlElement, depth: number): CompFilter {
  if (depth > MAX_XML_DEPTH) throw new CalendarPreconditionError('supported-filter', `comp-filters nest deeper than ${MAX_XML_DEPTH} levels.`)
  const name = attr(el, 'name')
  if (!name) throw invalid('A comp-filter needs a name.')
  const tr = child(el, 'time-range', CALDAV_NS)
  return {
    name, isNotDefined: !!child(el, 'is-not-defined', CALDAV_NS), timeRange: tr ? timeRangeOf(tr) : undefined,
    propFilters: kids(el, 'prop-filter').map(propFilterOf), compFilters: kids(el, 'comp-filter').map((c) => compFilterOf(c, depth + 1)),
  }
}

/** Reads the CALDAV:filter of a calendar-query. @throws CalendarPreconditionError (valid-filter, supported-filter) */
export function filterOf(query: XmlElement): CompFilter {
  const filter = child(query, 'filter', CALDAV_NS)
  if (!filter) throw invalid('calendar-query needs a filter.')
  const roots = kids(filter, 'comp-filter')
  if (roots.length !== 1) throw invalid('The filter must hold exactly one comp-filter (VCALENDAR).')
  return compFilterOf(roots[0]!, 1)
}
