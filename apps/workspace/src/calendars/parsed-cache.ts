import { parseCalendarObject, type CalendarObject } from '@maison/ical'
import type { StoredObject } from './model.ts'

// Measured on the bench's events (600–900 characters, one VTIMEZONE): the ical.js tree (jCal arrays,
// component and property wrappers) plus the timings @maison/ical caches beside it weigh 9.7–11 KB once
// matched against a time range, about 16 bytes per character over a fixed ~1.5 KB.
const FIXED_BYTES = 1536
const BYTES_PER_CHAR = 16

/** Default bound: a 10,000-event calendar's busiest month (~1,200 candidates, ~14 MB) fits twice. */
export const DEFAULT_CACHE_BYTES = 32 * 1024 * 1024

/** Rough heap bytes of the parsed form of `text` (what the cache counts against its bound). */
export function estimateParsedBytes(text: string): number {
  return FIXED_BYTES + BYTES_PER_CHAR * text.length
}

interface Entry {
  readonly space: string
  readonly id: number
  readonly etag: string
  readonly tz: string
  readonly parsed: CalendarObject
  readonly bytes: number
  older: Entry | null
  newer: Entry | null
}

/**
 * LRU of parsed objects bounded by their estimated bytes: a one-month query re-reads the same
 * thousand-odd candidates and parsing dominates its cost, but every cached tree is long-lived heap
 * that each full garbage collection walks, so the bound is what keeps GC pauses short.
 * One entry per (space, object id): a new etag or time zone replaces it, so stale trees never linger.
 */
export class ParsedObjectCache {
  private readonly bySpace = new Map<string, Map<number, Entry>>()
  private newest: Entry | null = null
  private oldest: Entry | null = null
  private total = 0
  private count = 0

  /** `maxBytes` bounds the estimated size; an object above a quarter of it is parsed but not kept. */
  constructor(readonly maxBytes = DEFAULT_CACHE_BYTES) {}

  /** The parsed form of a stored object (already validated when it was written). */
  get(space: string, o: StoredObject, tz: string): CalendarObject {
    const ids = this.bySpace.get(space)
    const hit = ids?.get(o.id)
    if (hit && hit.etag === o.etag && hit.tz === tz) {
      this.touch(hit)
      return hit.parsed
    }
    if (hit) this.remove(hit)
    const parsed = parseCalendarObject(o.data, { maxBytes: Infinity, timezone: tz, supportedComponents: ['VEVENT', 'VTODO', 'VJOURNAL'] })
    const bytes = estimateParsedBytes(o.data)
    if (bytes <= this.maxBytes / 4) this.add({ space, id: o.id, etag: o.etag, tz, parsed, bytes, older: null, newer: null })
    return parsed
  }

  /** Estimated bytes held. */
  get bytes(): number {
    return this.total
  }

  /** Objects held. */
  get size(): number {
    return this.count
  }

  private add(e: Entry): void {
    let ids = this.bySpace.get(e.space)
    if (!ids) this.bySpace.set(e.space, (ids = new Map()))
    ids.set(e.id, e)
    this.link(e)
    this.total += e.bytes
    this.count++
    while (this.total > this.maxBytes && this.oldest) this.remove(this.oldest)
  }

  private remove(e: Entry): void {
    const ids = this.bySpace.get(e.space)!
    ids.delete(e.id)
    if (ids.size === 0) this.bySpace.delete(e.space)
    this.unlink(e)
    this.total -= e.bytes
    this.count--
  }

  private touch(e: Entry): void {
    if (this.newest === e) return
    this.unlink(e)
    this.link(e)
  }

  private link(e: Entry): void {
    e.older = this.newest
    e.newer = null
    if (this.newest) this.newest.newer = e
    this.newest = e
    this.oldest ??= e
  }

  private unlink(e: Entry): void {
    if (e.older) e.older.newer = e.newer
    else this.oldest = e.newer
    if (e.newer) e.newer.older = e.older
    else this.newest = e.older
    e.older = e.newer = null
  }
}

/** One cache per process; entries of every space share the bound. */
export const parsedObjects = new ParsedObjectCache()
