import { InvalidSyncToken, type StoredObject } from './calendar.ts'
import type { EventsEnv } from './env.ts'
import { applyObject, expandInto, forgetObject } from './index-object.ts'
import { DAY_MS } from './time.ts'

export interface SyncReport {
  changed: number
  removed: number
  full: boolean
}

/**
 * Brings the index in step with the association calendar through sync-collection: fetches only objects
 * whose ETag differs from the index, forgets removed ones; after an invalid token, starts over and drops
 * what the calendar no longer has. Also extends the occurrences of endless rules past a year ahead.
 */
export async function syncCalendar(env: EventsEnv): Promise<SyncReport> {
  const token = env.repo.syncToken()
  let full = token === null
  let changes
  try {
    changes = await env.calendar.changes(token)
  } catch (err) {
    if (!(err instanceof InvalidSyncToken)) throw err
    full = true
    changes = await env.calendar.changes(null)
  }
  const known = env.repo.etags()
  const wanted = changes.changed.filter((c) => c.etag === null || known.get(c.name) !== c.etag).map((c) => c.name)
  const objects: StoredObject[] = wanted.length ? await env.calendar.fetch(wanted) : []
  let changed = 0
  let removed = 0
  // One write transaction for the batch: a first sync of a full calendar commits once, not once per object.
  env.repo.transaction(() => {
    for (const o of objects) if (applyObject(env, o)) changed++
    for (const name of changes.removed) if (forgetObject(env, name)) removed++
  })
  if (full) {
    const present = new Set(changes.changed.map((c) => c.name))
    for (const name of known.keys()) if (!present.has(name) && forgetObject(env, name)) removed++
  }
  const now = env.clock()
  for (const e of env.repo.needingExpansion(now.getTime() + 365 * DAY_MS)) env.repo.transaction(() => expandInto(env, e))
  env.repo.setSyncToken(changes.token, now)
  return { changed, removed, full }
}
