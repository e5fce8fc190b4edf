import ICAL from 'ical.js'
import { ExpansionBudget } from './budget.ts'
import { toRange, validateFilter, type CompFilter, type FilterLimits, type ParamFilter, type PropFilter } from './filter-types.ts'
import { masterInstances, singleInstance, timingsOf, type Instance, type ObjectTimings } from './instances.ts'
import { DEFAULT_TIMEZONE, type CalendarObject } from './object.ts'
import { alarmOverlaps, alarmTriggers, overlaps, type Range } from './overlap.ts'
import { textMatches } from './text-match.ts'
import type { Timing } from './timing.ts'
import { DAY, readTime } from './values.ts'

type Component = InstanceType<typeof ICAL.Component>
type Property = InstanceType<typeof ICAL.Property>

export interface MatchOptions extends FilterLimits {
  /** Shared by every object of one REPORT so the whole request is bounded. */
  budget?: ExpansionBudget
}

interface Ctx {
  tz: string
  budget: ExpansionBudget
  timings: ObjectTimings
  byComp: Map<Component, Timing>
}

/** Instances of a component that may touch `range`, ascending; overrides are single instances. */
function* instancesNear(t: Timing, ctx: Ctx, fromUtc: number): Generator<Instance> {
  if (t.recurrenceId !== null || t !== ctx.timings.master) {
    yield singleInstance(t)
    return
  }
  yield* masterInstances(t, ctx.timings.overridden, ctx.budget, fromUtc)
}

function itemInRange(t: Timing, range: Range, ctx: Ctx): boolean {
  for (const i of instancesNear(t, ctx, range.start)) {
    if (overlaps(i, range)) return true
    if (i.start > range.end) return false
  }
  return false
}

function alarmInRange(alarm: Component, owner: Timing | undefined, range: Range, ctx: Ctx): boolean {
  if (!owner) return false
  const trigger = alarm.getFirstPropertyValue('trigger')
  if (!(trigger instanceof ICAL.Duration)) {
    return alarmOverlaps(alarmTriggers(alarm, singleInstance(owner), ctx.tz), range)
  }
  const offset = trigger.toSeconds() * 1000
  const repeat = Number(alarm.getFirstPropertyValue('repeat') ?? 0)
  const every = alarm.getFirstPropertyValue('duration')
  const late = Math.max(0, offset) + (every instanceof ICAL.Duration ? repeat * every.toSeconds() * 1000 : 0)
  for (const i of instancesNear(owner, ctx, range.start - late - DAY)) {
    if (alarmOverlaps(alarmTriggers(alarm, i, ctx.tz), range)) return true
    if (i.start + Math.min(0, offset) > range.end) return false
  }
  return false
}

function inRange(comp: Component, range: Range, ctx: Ctx, owner: Timing | undefined): boolean {
  const name = comp.name.toUpperCase()
  if (name === 'VALARM') return alarmInRange(comp, owner, range, ctx)
  const t = ctx.byComp.get(comp)
  return t ? itemInRange(t, range, ctx) : false
}

function propText(p: Property): string[] {
  return p.getValues().map((v) => (typeof v === 'string' ? v : (v as { toString(): string }).toString()))
}

function paramMatches(p: Property, pf: ParamFilter): boolean {
  const raw = p.getParameter(pf.name.toLowerCase()) as string | string[] | undefined
  if (pf.isNotDefined) return raw === undefined
  if (raw === undefined) return false
  return pf.textMatch ? textMatches(Array.isArray(raw) ? raw : [raw], pf.textMatch) : true
}

function propInRange(p: Property, range: Range, ctx: Ctx): boolean {
  const v = p.getFirstValue()
  if (!(v instanceof ICAL.Time)) return false
  const t = readTime(p, ctx.tz)
  const end = t.isDate ? t.toUtc(t.wall + DAY) : t.utc
  return t.isDate ? range.start < end && range.end > t.utc : range.start <= t.utc && range.end > t.utc
}

function propMatches(comp: Component, f: PropFilter, ctx: Ctx): boolean {
  const props = comp.getAllProperties(f.name.toLowerCase())
  if (f.isNotDefined) return props.length === 0
  return props.some(
    (p) =>
      (!f.timeRange || propInRange(p, toRange(f.timeRange), ctx)) &&
      (!f.textMatch || textMatches(propText(p), f.textMatch)) &&
      (f.paramFilters ?? []).every((pf) => paramMatches(p, pf)),
  )
}

function compMatches(candidates: Component[], f: CompFilter, ctx: Ctx, owner: Timing | undefined): boolean {
  if (f.isNotDefined) return candidates.length === 0
  return candidates.some((c) => {
    const self = ctx.byComp.get(c) ?? owner
    if (f.timeRange && !inRange(c, toRange(f.timeRange), ctx, owner)) return false
    if (!(f.propFilters ?? []).every((p) => propMatches(c, p, ctx))) return false
    return (f.compFilters ?? []).every((cf) => compMatches(c.getAllSubcomponents(cf.name.toLowerCase()), cf, ctx, self))
  })
}

/**
 * RFC 4791 §9.7 calendar-query filter test for one object. Floating times and dates are read in `tz`.
 * @throws CalendarPreconditionError for an invalid filter; TooManyInstancesError past the budget
 */
export function matchesFilter(obj: CalendarObject, filter: CompFilter, tz = DEFAULT_TIMEZONE, opts: MatchOptions = {}): boolean {
  validateFilter(filter, opts)
  const timings = timingsOf(obj, tz)
  const byComp = new Map<Component, Timing>()
  for (const t of [timings.master, ...timings.overrides]) if (t) byComp.set(t.comp, t)
  const ctx: Ctx = { tz, budget: opts.budget ?? new ExpansionBudget(), timings, byComp }
  return compMatches([obj.root], filter, ctx, undefined)
}
