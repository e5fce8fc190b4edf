import { parseXml } from './parse.ts'
import type { XmlElement, XmlNode } from './tree.ts'

// Sync clients poll with the same few bodies over and over; only small bodies are kept.
const MAX_BODY_BYTES = 4096
const MAX_ENTRIES = 128
const cache = new Map<string, XmlElement>()

function freeze(el: XmlElement): XmlElement {
  for (const c of el.children) if (typeof c !== 'string') freeze(c)
  for (const a of el.attrs) Object.freeze(a)
  Object.freeze(el.attrs)
  Object.freeze(el.children as XmlNode[])
  return Object.freeze(el)
}

/**
 * parseXml, remembering the trees of recent small bodies. Cached trees are frozen: callers only
 * read them, and a stray write would throw instead of changing another request's answer.
 * @throws BadRequest as parseXml does (failures are not cached).
 */
export function parseXmlCached(body: Buffer): XmlElement {
  if (body.length > MAX_BODY_BYTES) return parseXml(body)
  const key = body.toString('latin1')
  const hit = cache.get(key)
  if (hit) {
    // Re-inserting keeps the Map in least-recently-used order.
    cache.delete(key)
    cache.set(key, hit)
    return hit
  }
  const tree = freeze(parseXml(body))
  cache.set(key, tree)
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!)
  return tree
}
