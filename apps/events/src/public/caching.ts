import crypto from 'node:crypto'
import type { Request, Response } from 'express'

/** The ETag of whatever shapes an answer (the reader's version, the listed occurrences…). */
export function etagOf(parts: readonly unknown[]): string {
  return crypto.createHash('sha1').update(JSON.stringify(parts)).digest('base64url').slice(0, 27)
}

/** Public pages and feeds may sit in shared caches briefly; pages shown to a logged-in member may not. */
export const PUBLIC_CACHE = 'public, max-age=60, stale-while-revalidate=300'
export const FEED_CACHE = 'public, max-age=300, stale-while-revalidate=600'
export const PRIVATE_CACHE = 'private, no-cache'

/**
 * If-None-Match by weak comparison (RFC 9110 §13.1.2). Not `req.fresh`: that refuses whenever the request says
 * `Cache-Control: no-cache`, which fetch() adds to every conditional request, though an origin may answer 304.
 */
export function matchesEtag(header: string | undefined, tag: string): boolean {
  if (!header) return false
  if (header.trim() === '*') return true
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === `"${tag}"`)
}

/**
 * Sets ETag (from the reader's version and whatever else shapes the answer) and Cache-Control; answers 304
 * and returns true when the client's copy is still good.
 */
export function notModified(req: Request, res: Response, parts: readonly unknown[], cacheControl: string): boolean {
  const tag = etagOf(parts)
  res.set('ETag', `W/"${tag}"`)
  res.set('Cache-Control', cacheControl)
  res.vary('Accept-Language')
  if (matchesEtag(req.get('if-none-match'), tag)) {
    res.status(304).end()
    return true
  }
  return false
}
