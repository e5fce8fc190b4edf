import { describe, expect, it } from 'vitest'
import { benchEvents } from './testing/generate.ts'
import { estimateParsedBytes, ParsedObjectCache } from './parsed-cache.ts'
import type { StoredObject } from './model.ts'

const TZ = 'Europe/Paris'

function stored(id: number, text: string, etag = `e${id}`): StoredObject {
  return {
    id, calendarId: 1, uri: `o${id}.ics`, uid: `u${id}`, component: 'VEVENT', firstStart: null, lastEnd: null, etag,
    size: text.length, createdAt: 0, updatedAt: 0, deletedAt: null, data: text,
  }
}

const objects = benchEvents(40).map(([, text], i) => stored(i + 1, text))
const budgetFor = (n: number) => objects.slice(0, n).reduce((sum, o) => sum + estimateParsedBytes(o.data), 0)

describe('ParsedObjectCache', () => {
  it('serves the same parsed object while the etag and time zone are unchanged', () => {
    const cache = new ParsedObjectCache()
    const a = cache.get('s', objects[0]!, TZ)
    expect(cache.get('s', objects[0]!, TZ)).toBe(a)
    expect(a.uid).toBe('bench-0')
    expect(cache.size).toBe(1)
    expect(cache.bytes).toBe(estimateParsedBytes(objects[0]!.data))
  })

  it('replaces an entry whose etag or time zone changed instead of keeping both', () => {
    const cache = new ParsedObjectCache()
    const first = cache.get('s', objects[0]!, TZ)
    const edited = stored(1, objects[0]!.data.replace('SUMMARY:Event 0', 'SUMMARY:Edited'), 'e1-v2')
    const second = cache.get('s', edited, TZ)
    expect(second).not.toBe(first)
    expect(second.master?.getFirstPropertyValue('summary')).toBe('Edited')
    expect(cache.get('s', edited, 'America/New_York')).not.toBe(second)
    expect(cache.size).toBe(1)
    expect(cache.bytes).toBe(estimateParsedBytes(edited.data))
  })

  it('keeps spaces apart: the same object id in two spaces is two entries', () => {
    const cache = new ParsedObjectCache()
    const a = cache.get('one', objects[0]!, TZ)
    const b = cache.get('two', stored(1, objects[1]!.data), TZ)
    expect(a.uid).toBe('bench-0')
    expect(b.uid).toBe('bench-1')
    expect(cache.size).toBe(2)
  })

  it('stays under its byte bound by evicting the least recently used entries', () => {
    const cache = new ParsedObjectCache(budgetFor(10))
    const kept = cache.get('s', objects[0]!, TZ)
    for (const o of objects.slice(1, 30)) {
      cache.get('s', o, TZ)
      // Object 0 is used between every insertion, so it is never the oldest.
      expect(cache.get('s', objects[0]!, TZ)).toBe(kept)
      expect(cache.bytes).toBeLessThanOrEqual(cache.maxBytes)
    }
    expect(cache.size).toBeLessThanOrEqual(10)
    expect(cache.size).toBeGreaterThanOrEqual(8)
    const evicted = cache.get('s', objects[1]!, TZ)
    expect(cache.get('s', objects[1]!, TZ)).toBe(evicted)
  })

  it('parses but does not keep an object larger than a quarter of the bound', () => {
    const cache = new ParsedObjectCache(estimateParsedBytes(objects[0]!.data) * 3)
    const parsed = cache.get('s', objects[0]!, TZ)
    expect(parsed.uid).toBe('bench-0')
    expect(cache.size).toBe(0)
    expect(cache.bytes).toBe(0)
  })

  it('estimates in proportion to the text', () => {
    expect(estimateParsedBytes('x'.repeat(2000))).toBeGreaterThan(estimateParsedBytes('x'.repeat(1000)))
    expect(estimateParsedBytes(objects[0]!.data)).toBeGreaterThan(5_000)
  })
})
