import { parseCalendarObject, type CalendarObject } from '@maison/ical'
import type { StoredObject } from './model.ts'

/**
 * Bounded LRU of parsed objects keyed by (space, object id, etag): a one-month query re-reads the
 * same few thousand candidates, and parsing dominates its cost. A changed object gets a new etag,
 * so stale entries are never served and simply age out.
 */
export class ParsedObjectCache {
  private readonly map = new Map<string, CalendarObject>()

  constructor(private readonly maxEntries = 20_000) {}

  /** The parsed form of a stored object (already validated when it was written). */
  get(space: string, o: StoredObject, tz: string): CalendarObject {
    const key = `${space}\u0000${o.id}\u0000${o.etag}\u0000${tz}`
    const hit = this.map.get(key)
    if (hit) {
      this.map.delete(key)
      this.map.set(key, hit)
      return hit
    }
    const parsed = parseCalendarObject(o.data, { maxBytes: Infinity, timezone: tz, supportedComponents: ['VEVENT', 'VTODO', 'VJOURNAL'] })
    this.map.set(key, parsed)
    if (this.map.size > this.maxEntries) this.map.delete(this.map.keys().next().value!)
    return parsed
  }

  get size(): number {
    return this.map.size
  }
}

/** One cache per process; entries of every space share the bound. */
export const parsedObjects = new ParsedObjectCache()
