import { Conflict, NotFound } from '@maison/errors'
import type { CalendarExtras } from './calendar.ts'
import { publicUrl, type EventsEnv } from './env.ts'
import { applyObject } from './index-object.ts'
import type { StoredEvent } from './repository.ts'

const ATTEMPTS = 3

/** What the app writes into the VEVENT for calendar clients besides the calendar fields. */
export function extrasOf(env: EventsEnv, e: Pick<StoredEvent, 'id' | 'onlineUrl' | 'category'>): CalendarExtras {
  return { publicUrl: publicUrl(env, e.id), onlineUrl: e.onlineUrl, category: e.category }
}

/** An event of the index. @throws NotFound */
export function requireEvent(env: EventsEnv, id: string): StoredEvent {
  const e = env.repo.byId(id)
  if (!e) throw new NotFound('No such event.')
  return e
}

/**
 * Rewrites an event's VEVENT from the calendar's latest version: `change` gets the current text and answers
 * the new one; a concurrent edit (a phone) makes it start over from the newer text, so nothing is lost.
 * The index follows at once.
 * @throws NotFound when the object left the calendar; Conflict after repeated concurrent edits
 */
export async function rewriteObject(env: EventsEnv, e: StoredEvent, change: (ics: string) => string): Promise<void> {
  if (!e.resource) throw new NotFound('This event has no calendar object yet.')
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const current = await env.calendar.read(e.resource)
    if (!current) throw new NotFound('This event is no longer in the association calendar.')
    const ics = change(current.ics)
    try {
      const etag = await env.calendar.replace(e.resource, ics, current.etag)
      applyObject(env, { name: e.resource, etag, ics })
      return
    } catch (err) {
      if (!(err instanceof Conflict) || attempt === ATTEMPTS - 1) throw err
    }
  }
}
