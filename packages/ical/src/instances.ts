import type { ExpansionBudget } from './budget.ts'
import type { CalendarObject } from './object.ts'
import { ruleWalls } from './recur.ts'
import { isRecurring, timingOf, type Timing } from './timing.ts'
import { addDuration, DAY } from './values.ts'

/** One occurrence, in UTC milliseconds. `end` may be Infinity (VTODO with only CREATED). */
export interface Instance {
  start: number
  end: number
  /** Original start of a recurrence instance (its RECURRENCE-ID); null for a single component. */
  recurrenceId: number | null
  timing: Timing
}

/** The master's and overrides' timings of one object, for one calendar time zone. */
export interface ObjectTimings {
  master: Timing | null
  overrides: Timing[]
  /** RECURRENCE-IDs (UTC) replaced by an override. */
  overridden: Set<number>
}

const cache = new WeakMap<CalendarObject, Map<string, ObjectTimings>>()

/** Resolves (and caches per time zone) the timings of an object. @throws CalendarPreconditionError */
export function timingsOf(obj: CalendarObject, tz: string): ObjectTimings {
  let byTz = cache.get(obj)
  if (!byTz) cache.set(obj, (byTz = new Map()))
  let t = byTz.get(tz)
  if (!t) {
    const overrides = obj.overrides.map((c) => timingOf(c, tz))
    t = {
      master: obj.master ? timingOf(obj.master, tz) : null,
      overrides,
      overridden: new Set(overrides.map((o) => o.recurrenceId!)),
    }
    byTz.set(tz, t)
  }
  return t
}

/** The span of a single component's instance starting at `wall`. */
export function instanceAt(t: Timing, wall: number, utc: number, recurrenceId: number | null, endUtc: number | null = null): Instance {
  if (t.fixed) return { start: t.fixed.start, end: t.fixed.end, recurrenceId, timing: t }
  const end = endUtc ?? (t.length.days === 0 ? utc + t.length.ms : addDuration(wall, t.length, t.start!.toUtc))
  return { start: utc, end, recurrenceId, timing: t }
}

/** Instance of a non-recurring component or an override. */
export function singleInstance(t: Timing): Instance {
  return instanceAt(t, t.start?.wall ?? 0, t.start?.utc ?? 0, t.recurrenceId)
}

/** Longest instance, to know how far before a range an instance may start and still reach it. */
function reach(t: Timing): number {
  const longestRdate = t.rdates.reduce((m, r) => Math.max(m, r.endUtc === null ? 0 : r.endUtc - r.utc), 0)
  return Math.max(longestRdate, t.length.days * DAY + t.length.ms) + 2 * DAY
}

/**
 * Instances of a master component in ascending start order, minus EXDATEs and overridden ones.
 * Instances ending well before `fromUtc` may be skipped. Each generated instance costs the budget.
 * @throws TooManyInstancesError
 */
export function* masterInstances(t: Timing, overridden: Set<number>, budget: ExpansionBudget, fromUtc = -Infinity): Generator<Instance> {
  if (!isRecurring(t)) {
    if (!t.start || (!t.exdates.has(t.start.utc) && !overridden.has(t.start.utc))) yield singleInstance(t)
    return
  }
  const fromWall = fromUtc - reach(t)
  const start = t.start!
  const rdates = t.rdates
  let r = 0
  let last = NaN
  const emit = (wall: number, utc: number, endUtc: number | null): Instance | null => {
    budget.tick()
    if (utc === last) return null
    last = utc
    if (t.exdates.has(utc) || t.exdateDays.has(Math.floor(wall / DAY)) || overridden.has(utc)) return null
    return instanceAt(t, wall, utc, utc, endUtc)
  }
  for (const wall of ruleWalls(t, fromWall)) {
    const utc = start.toUtc(wall)
    for (; r < rdates.length && rdates[r]!.utc <= utc; r++) {
      const i = emit(rdates[r]!.wall, rdates[r]!.utc, rdates[r]!.endUtc)
      if (i) yield i
    }
    const i = emit(wall, utc, null)
    if (i) yield i
  }
  for (; r < rdates.length; r++) {
    const i = emit(rdates[r]!.wall, rdates[r]!.utc, rdates[r]!.endUtc)
    if (i) yield i
  }
}
