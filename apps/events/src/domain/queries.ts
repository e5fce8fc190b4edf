import type { MaterialisedOccurrence } from './calendar.ts'
import type { EventsEnv } from './env.ts'
import type { StoredEvent } from './repository.ts'
import { requireEvent } from './write.ts'

export interface ListQuery {
  from?: string
  to?: string
  tag?: string
  page: number
  perPage: number
}

/** The organiser's list: every event (drafts and calendar-only ones too), by first start. */
export function listEvents(env: EventsEnv, q: ListQuery): { total: number; items: StoredEvent[] } {
  return env.repo.list({
    from: q.from ? Date.parse(q.from) : undefined, to: q.to ? Date.parse(q.to) : undefined, tag: q.tag,
    limit: q.perPage, offset: (q.page - 1) * q.perPage,
  })
}

/** One event with its materialised occurrences in [from, to). @throws NotFound */
export function eventWithOccurrences(env: EventsEnv, id: string, q: { from?: string; to?: string; limit: number }): { event: StoredEvent; occurrences: MaterialisedOccurrence[] } {
  const event = requireEvent(env, id)
  const from = q.from ? Date.parse(q.from) : -Infinity
  const to = q.to ? Date.parse(q.to) : Infinity
  const occurrences = env.repo.occurrencesOf(id).filter((o) => o.end > from && o.start < to).slice(0, q.limit)
  return { event, occurrences }
}

/** Tags in use, most used first. */
export function listTags(env: EventsEnv): { tag: string; count: number }[] {
  return env.repo.tags()
}
