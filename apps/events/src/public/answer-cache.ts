import type { Request, Response } from 'express'
import { matchesEtag } from './caching.ts'

/** A prepared answer: its bytes, validator and type, good until `validUntil` (epoch ms). */
export interface PreparedAnswer {
  body: Buffer
  /** Opaque ETag value, without quotes or W/. */
  etag: string
  type: string
  validUntil: number
}

/**
 * Answers prepared once and served as bytes until what they depend on changes: callers key them with
 * everything that shapes the answer (space, reader version, tag, language…) and bound them in time by
 * the first instant the answer would differ (an occurrence ending, a seat's event starting).
 * Bounded: the least recently used ones go first.
 */
export class AnswerCache {
  private readonly entries = new Map<string, PreparedAnswer>()
  private bytes = 0

  /** A whole feed of 1,000 events is ~600 KB: the byte bound, not the count, keeps memory flat. */
  constructor(private readonly max = 500, private readonly maxBytes = 32 * 1024 * 1024) {}

  /** The answer under `key` still valid at `now`, else the one `make` prepares (and keeps). */
  get(key: string, now: number, make: () => PreparedAnswer): PreparedAnswer {
    const hit = this.entries.get(key)
    if (hit && hit.validUntil > now) {
      this.entries.delete(key)
      this.entries.set(key, hit)
      return hit
    }
    const made = make()
    this.forget(key)
    this.entries.set(key, made)
    this.bytes += made.body.length
    while (this.entries.size > this.max || (this.bytes > this.maxBytes && this.entries.size > 1)) this.forget(this.entries.keys().next().value!)
    return made
  }

  private forget(key: string): void {
    const old = this.entries.get(key)
    if (!old) return
    this.bytes -= old.body.length
    this.entries.delete(key)
  }
}

/** Sends a prepared answer with its validator and Cache-Control, or 304 when the client's copy matches. */
export function sendPrepared(req: Request, res: Response, answer: PreparedAnswer, cacheControl: string): void {
  res.set('ETag', `W/"${answer.etag}"`)
  res.set('Cache-Control', cacheControl)
  res.vary('Accept-Language')
  if (matchesEtag(req.get('if-none-match'), answer.etag)) {
    res.status(304).end()
    return
  }
  res.set('Content-Type', answer.type)
  res.end(answer.body)
}
