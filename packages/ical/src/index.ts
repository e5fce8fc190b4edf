export { parseCalendarObject, DEFAULT_MAX_BYTES, DEFAULT_TIMEZONE, type CalendarObject, type ParseOptions } from './object.ts'
export { indexFields, mayOverlap, type IndexFields } from './index-fields.ts'
export { matchesFilter, type MatchOptions } from './filter.ts'
export {
  validateFilter, prefilterOf, toRange, SUPPORTED_COLLATIONS,
  type CompFilter, type PropFilter, type ParamFilter, type TextMatch, type TimeRangeFilter, type FilterLimits, type Prefilter,
} from './filter-types.ts'
export { expandObject, limitRecurrenceSet, type ExpandOptions } from './expand.ts'
export { freeBusy, type FreeBusyOptions } from './freebusy.ts'
export { ExpansionBudget, type BudgetLimits } from './budget.ts'
export {
  CalendarPreconditionError, CalendarTooLargeError, TooManyInstancesError,
  type CalDavPrecondition, type PreconditionInfo,
} from './errors.ts'
export type { Range } from './overlap.ts'
export type { ComponentType } from './timing.ts'
export { isKnownZone, offsetAt, wallToUtc, utcToWall } from './zones.ts'
