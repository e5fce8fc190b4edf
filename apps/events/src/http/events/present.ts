import type { MaterialisedOccurrence } from '../../domain/calendar.ts'
import { publicUrl, type EventsEnv } from '../../domain/env.ts'
import { toEventRecord } from '../../domain/record.ts'
import type { StoredEvent } from '../../domain/repository.ts'
import { scheduleStrings } from '../../domain/schedule.ts'

/** An occurrence as the API shows it (ISO instants; `id` names it in occurrence URLs). */
export function presentOccurrence(o: MaterialisedOccurrence) {
  const id = new Date(o.recurrenceId ?? o.start).toISOString()
  return { id, start: new Date(o.start).toISOString(), end: new Date(o.end).toISOString(), recurrenceId: o.recurrenceId === null ? null : id, status: o.status }
}

/** An event as the organiser API shows it: the shared record, its public URL, the values to edit it with. */
export function presentEvent(env: EventsEnv, e: StoredEvent, opts: { occurrences?: readonly MaterialisedOccurrence[] } = {}) {
  const record = toEventRecord(e, env.settings.baseUrl)
  const local = scheduleStrings(e)
  return {
    ...record,
    url: publicUrl(env, e.id),
    calendarOnly: !e.adopted,
    origin: e.origin,
    /** Start and end as the form shows them: wall times in the event's zone, or inclusive dates for all-day events. */
    local: { start: local.allDay ? local.start : wall(e.start, e.timezone), end: local.allDay ? local.end : wall(e.end, e.timezone) },
    ...(opts.occurrences ? { occurrences: opts.occurrences.map(presentOccurrence) } : {}),
  }
}

function wall(utc: number, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
    .formatToParts(new Date(utc))
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '00'
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`
}
