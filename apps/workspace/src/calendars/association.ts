import type { CalendarDeps } from './deps.ts'
import { ASSOCIATION_OWNER, ASSOCIATION_URI, type Calendar } from './model.ts'

/** The space's association calendar, created on first need (spaces made before calendars existed). */
export function ensureAssociationCalendar(deps: CalendarDeps, name = 'Association'): Calendar {
  const found = deps.repo.calendarByUri(ASSOCIATION_OWNER, ASSOCIATION_URI)
  if (found) return found
  return deps.repo.transaction(
    () =>
      deps.repo.calendarByUri(ASSOCIATION_OWNER, ASSOCIATION_URI) ??
      deps.repo.insertCalendar({ owner: ASSOCIATION_OWNER, uri: ASSOCIATION_URI, displayName: name, color: '#0082c9', now: deps.clock().getTime() }),
  )
}
