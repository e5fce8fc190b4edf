import type { CalendarDeps } from './deps.ts'
import { ASSOCIATION_OWNER, ASSOCIATION_URI, SHARED_MARK, type Access, type Calendar, type CalendarActor, type CalendarShare, type CalendarView } from './model.ts'
import { ensureAssociationCalendar } from './association.ts'

const RANK: Record<Access, number> = { none: 0, read: 1, 'read-write': 2 }

/** Group that stands for every account in association-calendar rules. */
export const EVERYONE = '*'

/**
 * The access a share list gives an actor: a rule naming the account wins over group rules,
 * among groups the widest wins; `fallback` when nothing applies.
 */
export function accessFromShares(shares: readonly CalendarShare[], actor: CalendarActor, fallback: Access): Access {
  const own = shares.find((s) => s.kind === 'user' && s.principal === actor.username)
  if (own) return own.access
  const groups = shares.filter((s) => s.kind === 'group' && (s.principal === EVERYONE || actor.groups.includes(s.principal)))
  if (groups.length === 0) return fallback
  return groups.reduce<Access>((best, s) => (RANK[s.access] > RANK[best] ? s.access : best), 'none')
}

function associationView(deps: CalendarDeps, actor: CalendarActor): CalendarView | null {
  const cal = ensureAssociationCalendar(deps)
  if (actor.role === 'admin') return { calendar: cal, segment: ASSOCIATION_URI, access: 'read-write', manage: true }
  const access = accessFromShares(deps.repo.sharesOf(cal.id), actor, 'read')
  return access === 'none' ? null : { calendar: cal, segment: ASSOCIATION_URI, access, manage: false }
}

function sharedView(deps: CalendarDeps, actor: CalendarActor, cal: Calendar): CalendarView | null {
  if (cal.owner === actor.username || cal.owner === ASSOCIATION_OWNER) return null
  const access = accessFromShares(deps.repo.sharesOf(cal.id), actor, 'none')
  if (access === 'none') return null
  return { calendar: cal, segment: `${cal.uri}${SHARED_MARK}${cal.owner}`, access, manage: false }
}

/** The calendar an actor reaches under a segment of its home, or null. */
export function viewOf(deps: CalendarDeps, actor: CalendarActor, segment: string): CalendarView | null {
  if (segment === ASSOCIATION_URI) return associationView(deps, actor)
  const mark = segment.lastIndexOf(SHARED_MARK)
  if (mark > 0) {
    const cal = deps.repo.calendarByUri(segment.slice(mark + SHARED_MARK.length), segment.slice(0, mark))
    return cal ? sharedView(deps, actor, cal) : null
  }
  const own = deps.repo.calendarByUri(actor.username, segment)
  return own ? { calendar: own, segment, access: 'read-write', manage: true } : null
}

/** Every calendar in an actor's home: the association calendar, its own, those shared with it. */
export function homeViews(deps: CalendarDeps, actor: CalendarActor): CalendarView[] {
  const out: CalendarView[] = []
  const assoc = associationView(deps, actor)
  if (assoc) out.push(assoc)
  for (const c of deps.repo.calendarsOf(actor.username)) out.push({ calendar: c, segment: c.uri, access: 'read-write', manage: true })
  const seen = new Set<number>()
  for (const { calendar } of deps.repo.calendarsSharedWith(actor.username, actor.groups)) {
    if (seen.has(calendar.id)) continue
    seen.add(calendar.id)
    const v = sharedView(deps, actor, calendar)
    if (v) out.push(v)
  }
  return out
}

/** The actor's view of a calendar by id (JSON API), or null when it cannot see it. */
export function viewById(deps: CalendarDeps, actor: CalendarActor, id: number): CalendarView | null {
  return homeViews(deps, actor).find((v) => v.calendar.id === id) ?? null
}
