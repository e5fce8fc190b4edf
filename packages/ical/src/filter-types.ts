import { CalendarPreconditionError } from './errors.ts'
import type { Range } from './overlap.ts'
import type { ComponentType } from './timing.ts'

/** CALDAV:time-range in UTC milliseconds; at least one bound. */
export interface TimeRangeFilter {
  start?: number | null
  end?: number | null
}

/** CALDAV:text-match: substring match under a collation (RFC 4791 §9.7.5). */
export interface TextMatch {
  value: string
  /** Default i;ascii-casemap. */
  collation?: string
  negate?: boolean
}

export interface ParamFilter {
  name: string
  isNotDefined?: boolean
  textMatch?: TextMatch
}

export interface PropFilter {
  name: string
  isNotDefined?: boolean
  timeRange?: TimeRangeFilter
  textMatch?: TextMatch
  paramFilters?: ParamFilter[]
}

/** CALDAV:comp-filter; the root of a calendar-query filter is the one named VCALENDAR. */
export interface CompFilter {
  name: string
  isNotDefined?: boolean
  timeRange?: TimeRangeFilter
  propFilters?: PropFilter[]
  compFilters?: CompFilter[]
}

export interface FilterLimits {
  /** Nesting of comp-filters; VCALENDAR > VEVENT > VALARM is 3. Default 4. */
  maxDepth?: number
  /** Filter elements in total. Default 100. */
  maxNodes?: number
}

export const SUPPORTED_COLLATIONS = ['i;ascii-casemap', 'i;octet', 'i;unicode-casemap'] as const
const TIME_RANGE_COMPONENTS = new Set(['VEVENT', 'VTODO', 'VJOURNAL', 'VFREEBUSY', 'VALARM'])
const validated = new WeakSet<CompFilter>()

function fail(message: string, name: 'valid-filter' | 'supported-filter' | 'supported-collation' = 'valid-filter'): never {
  throw new CalendarPreconditionError(name, message)
}

/** Turns a time-range element into a range; open bounds become infinities. */
export function toRange(tr: TimeRangeFilter): Range {
  return { start: tr.start ?? -Infinity, end: tr.end ?? Infinity }
}

function checkTimeRange(tr: TimeRangeFilter, where: string): void {
  const { start, end } = toRange(tr)
  if (tr.start == null && tr.end == null) fail(`time-range in ${where} needs a start or an end.`)
  if (Number.isNaN(start) || Number.isNaN(end)) fail(`time-range in ${where} has an invalid date.`)
  if (start >= end) fail(`time-range in ${where} must start before it ends.`)
}

function checkText(tm: TextMatch | undefined, where: string): void {
  if (!tm) return
  if (typeof tm.value !== 'string') fail(`text-match in ${where} needs a text.`)
  const c = tm.collation ?? 'i;ascii-casemap'
  if (!(SUPPORTED_COLLATIONS as readonly string[]).includes(c)) fail(`Collation ${c} is not supported.`, 'supported-collation')
}

function checkProp(p: PropFilter, where: string, count: () => void): void {
  count()
  const at = `${where} > ${p.name}`
  if (p.isNotDefined && (p.timeRange || p.textMatch || p.paramFilters?.length)) fail(`prop-filter ${at}: is-not-defined stands alone.`)
  if (p.timeRange) checkTimeRange(p.timeRange, at)
  checkText(p.textMatch, at)
  for (const pf of p.paramFilters ?? []) {
    count()
    if (pf.isNotDefined && pf.textMatch) fail(`param-filter ${pf.name}: is-not-defined stands alone.`)
    checkText(pf.textMatch, `${at};${pf.name}`)
  }
}

/** Checks a calendar-query filter before use. @throws CalendarPreconditionError (valid-filter, supported-filter, supported-collation) */
export function validateFilter(filter: CompFilter, limits: FilterLimits = {}): void {
  if (validated.has(filter)) return
  const maxDepth = limits.maxDepth ?? 4
  const maxNodes = limits.maxNodes ?? 100
  let nodes = 0
  const count = () => {
    if (++nodes > maxNodes) fail(`The filter has more than ${maxNodes} elements.`, 'supported-filter')
  }
  if (filter.name?.toUpperCase() !== 'VCALENDAR') fail('The filter must start with a comp-filter named VCALENDAR.')
  const walk = (f: CompFilter, depth: number, where: string) => {
    count()
    if (depth > maxDepth) fail(`comp-filters nest deeper than ${maxDepth} levels.`, 'supported-filter')
    const name = f.name?.toUpperCase()
    if (!name) fail(`A comp-filter in ${where} has no name.`)
    const at = where ? `${where} > ${name}` : name
    if (f.isNotDefined && (f.timeRange || f.propFilters?.length || f.compFilters?.length)) fail(`comp-filter ${at}: is-not-defined stands alone.`)
    if (f.timeRange) {
      if (!TIME_RANGE_COMPONENTS.has(name)) fail(`time-range is not defined for ${name}.`, 'supported-filter')
      checkTimeRange(f.timeRange, at)
    }
    for (const p of f.propFilters ?? []) checkProp(p, at, count)
    for (const c of f.compFilters ?? []) walk(c, depth + 1, at)
  }
  walk(filter, 1, '')
  validated.add(filter)
}

/** What a query can pre-filter on in storage: the component type and the top-level time range. */
export interface Prefilter {
  componentType: ComponentType | null
  range: Range | null
}

/** Extracts the storage pre-filter of a validated filter (only VCALENDAR > VEVENT|VTODO|VJOURNAL time-ranges qualify). */
export function prefilterOf(filter: CompFilter): Prefilter {
  for (const c of filter.compFilters ?? []) {
    const name = c.name.toUpperCase()
    if (c.isNotDefined || !['VEVENT', 'VTODO', 'VJOURNAL'].includes(name)) continue
    return { componentType: name as ComponentType, range: c.timeRange ? toRange(c.timeRange) : null }
  }
  return { componentType: null, range: null }
}
