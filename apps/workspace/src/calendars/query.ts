import { ExpansionBudget, freeBusy, matchesFilter, prefilterOf, validateFilter, type CalendarObject, type CompFilter, type Range } from '@maison/ical'
import type { CalendarDeps } from './deps.ts'
import type { CalendarView, StoredObject } from './model.ts'

/** A stored object with its parsed form, as queries hand them to presentation. */
export interface QueryHit {
  stored: StoredObject
  parsed: CalendarObject
}

/** Bounds of one REPORT: filter shape, matching results, and recurrence expansion. */
export const QUERY_LIMITS = { maxDepth: 4, maxNodes: 100, maxResults: 20_000, maxInstances: 100_000, maxMillis: 5_000 }

/** A fresh expansion budget for one REPORT. */
export function queryBudget(): ExpansionBudget {
  return new ExpansionBudget({ maxInstances: QUERY_LIMITS.maxInstances, maxMillis: QUERY_LIMITS.maxMillis })
}

/** Parsed form of a stored object, through the shared LRU. */
export function parsedOf(deps: CalendarDeps, view: CalendarView, o: StoredObject): CalendarObject {
  return deps.cache.get(deps.spaceKey, o, view.calendar.tzid)
}

/**
 * RFC 4791 calendar-query over one calendar: SQL narrows to candidates by component and time
 * range, `matchesFilter` decides. `only` restricts to one object (Depth 0 on a resource).
 * @throws CalendarPreconditionError (valid-filter, supported-filter…); TooManyInstancesError past the budget
 */
export function calendarQuery(deps: CalendarDeps, view: CalendarView, filter: CompFilter, budget: ExpansionBudget, only?: string): QueryHit[] {
  validateFilter(filter, QUERY_LIMITS)
  const { componentType, range } = prefilterOf(filter)
  const cal = view.calendar
  let rows: StoredObject[]
  if (only !== undefined) rows = deps.repo.objectsByUris(cal.id, [only])
  else if (range || componentType) rows = deps.repo.candidates(cal.id, componentType, range?.start ?? -Infinity, range?.end ?? Infinity)
  else rows = deps.repo.allObjects(cal.id)
  const hits: QueryHit[] = []
  for (const stored of rows) {
    const parsed = parsedOf(deps, view, stored)
    if (matchesFilter(parsed, filter, cal.tzid, { ...QUERY_LIMITS, budget })) hits.push({ stored, parsed })
  }
  hits.sort((a, b) => (a.stored.uri < b.stored.uri ? -1 : 1))
  return hits
}

/** RFC 4791 §7.10 free-busy over one calendar's events. @throws CalendarPreconditionError; TooManyInstancesError */
export function calendarFreeBusy(deps: CalendarDeps, view: CalendarView, range: Range, budget: ExpansionBudget): string {
  const rows = deps.repo.candidates(view.calendar.id, 'VEVENT', range.start, range.end)
  return freeBusy(rows.map((o) => parsedOf(deps, view, o)), range, view.calendar.tzid, { budget, now: deps.clock() })
}
