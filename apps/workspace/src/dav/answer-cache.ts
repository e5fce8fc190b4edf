import type { Request, Response } from 'express'
import { changeStamp, type Db } from '@maison/db'
import { readBody, sendXml } from './request.ts'

interface KeptAnswer {
  stamp: string
  answer: string
  stillCurrent: () => boolean
}

/** Bodies larger than this are not worth a key: the polls send a few hundred bytes. */
const MAX_KEYED_BODY = 2048

/**
 * PROPFIND Depth 0 answers kept for the sync clients' poll ("anything changed?"): every few seconds each client
 * asks the same properties of the same folder, most of a host's DAV traffic. An answer is given again, byte for
 * byte, to the same principal for the same URL and body only while nothing was committed to the space's database
 * since it was rendered (any process: see `changeStamp`) and the provider's own check still holds (for files, that
 * the disk agrees with the row, as the full path would verify). Providers opt in per resource and property set
 * (`DavProvider.reuseCheck`); conditional requests and anything else always take the full path.
 */
export class PollAnswers {
  // Per database connection: a stamp means nothing to another connection, and a space's cache goes with it.
  private readonly bySpace = new WeakMap<Db, Map<string, KeptAnswer>>()

  constructor(private readonly maxPerSpace = 512) {}

  /**
   * Answers the request from a kept answer when one is current (true); otherwise returns a function that keeps
   * the answer about to be rendered for it, or undefined when the request is not of the kind kept.
   */
  async answer(req: Request, res: Response, maxBodyBytes: number): Promise<true | KeepAnswer | undefined> {
    const space = req.space
    const principal = req.principal
    const h = req.headers
    if (!space || !principal || h.depth !== '0' || h.if !== undefined || h['if-match'] !== undefined || h['if-none-match'] !== undefined) return undefined
    const body = await readBody(req, maxBodyBytes)
    if (body.length > MAX_KEYED_BODY) return undefined
    const key = `${principal.accountId} ${principal.username} ${principal.role}\n${req.originalUrl}\n${body.toString('latin1')}`
    const db = space.db
    let kept = this.bySpace.get(db)
    if (!kept) this.bySpace.set(db, (kept = new Map()))
    const stamp = changeStamp(db)
    const hit = kept.get(key)
    if (hit && hit.stamp === stamp && hit.stillCurrent()) {
      sendXml(res, 207, hit.answer)
      return true
    }
    if (hit) kept.delete(key)
    const map = kept
    const max = this.maxPerSpace
    // The stamp read before rendering: a write during it makes the kept answer stale at once, never wrongly current.
    return (answer, stillCurrent) => {
      if (map.size >= max) map.delete(map.keys().next().value!)
      map.set(key, { stamp, answer, stillCurrent })
    }
  }
}

export type KeepAnswer = (answer: string, stillCurrent: () => boolean) => void
