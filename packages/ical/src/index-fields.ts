import { ExpansionBudget } from './budget.ts'
import { TooManyInstancesError } from './errors.ts'
import { masterInstances, singleInstance, timingsOf } from './instances.ts'
import { DEFAULT_TIMEZONE, type CalendarObject } from './object.ts'
import type { Range } from './overlap.ts'
import type { ComponentType, Timing } from './timing.ts'
import { DAY, wallOf } from './values.ts'

/**
 * Columns to store beside the raw object. `firstStart`/`lastEnd` (UTC ms) bound every instance
 * (null = unbounded), so a time-range query pre-filters in SQL with
 * `(first_start IS NULL OR first_start <= :end) AND (last_end IS NULL OR last_end >= :start)`
 * and evaluates only the candidates with `matchesFilter`. Bounds are inclusive on purpose:
 * RFC 4791 §9.9 mixes `<` and `<=`, and a superset is always safe.
 * Floating times and dates are read in `timezone`: re-index when a calendar's zone changes.
 */
export interface IndexFields {
  uid: string
  componentType: ComponentType
  firstStart: number | null
  lastEnd: number | null
  recurring: boolean
}

// Finite rules longer than this are bounded by UNTIL instead of walked (a PUT stays fast).
const INDEX_WALK_LIMIT = 5_000

function untilBound(t: Timing): number {
  const until = t.rrule?.until
  if (!until) return Infinity
  const longest = t.rdates.reduce((m, r) => Math.max(m, r.endUtc ?? r.utc), -Infinity)
  // Wall-based UNTILs may be read in any zone: a day and a half covers every UTC offset.
  const bound = wallOf(until) + (until.isDate ? DAY : 0) + 1.5 * DAY + t.length.days * DAY + t.length.ms
  return Math.max(bound, longest)
}

function masterSpan(t: Timing, overridden: Set<number>): Range {
  const bounded = !t.rrule || t.rrule.count || t.rrule.until
  const budget = new ExpansionBudget({ maxInstances: INDEX_WALK_LIMIT, maxMillis: Infinity })
  let lo = Infinity
  let hi = -Infinity
  try {
    for (const i of masterInstances(t, overridden, budget)) {
      lo = Math.min(lo, i.start)
      hi = Math.max(hi, i.end)
      if (!bounded) return { start: lo, end: Infinity }
    }
  } catch (err) {
    if (!(err instanceof TooManyInstancesError)) throw err
    return { start: lo, end: untilBound(t) }
  }
  return { start: lo, end: hi }
}

/** Index columns of a parsed object for the calendar's time zone. */
export function indexFields(obj: CalendarObject, timezone = DEFAULT_TIMEZONE): IndexFields {
  const { master, overrides, overridden } = timingsOf(obj, timezone)
  let lo = Infinity
  let hi = -Infinity
  for (const o of overrides) {
    const i = singleInstance(o)
    lo = Math.min(lo, i.start)
    hi = Math.max(hi, i.end)
  }
  if (master) {
    const span = masterSpan(master, overridden)
    lo = Math.min(lo, span.start)
    hi = Math.max(hi, span.end)
  }
  if (lo > hi) lo = hi = master?.start?.utc ?? 0
  return {
    uid: obj.uid,
    componentType: obj.componentType,
    firstStart: lo === -Infinity ? null : lo,
    lastEnd: hi === Infinity ? null : hi,
    recurring: overrides.length > 0 || (master !== null && (master.rrule !== null || master.rdates.length > 0)),
  }
}

/** The in-memory twin of the SQL pre-filter above. */
export function mayOverlap(fields: Pick<IndexFields, 'firstStart' | 'lastEnd'>, range: Range): boolean {
  return (fields.firstStart ?? -Infinity) <= range.end && (fields.lastEnd ?? Infinity) >= range.start
}
