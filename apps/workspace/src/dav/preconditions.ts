import { PreconditionFailed } from '@maison/errors'
import type { DavResource } from './tree.ts'
import type { DavRequest } from './request.ts'
import { evaluateIf } from './locks/if-header.ts'

/**
 * Evaluates If, If-Match and If-None-Match against the target (null when it does not exist).
 * Returns 'not-modified' when a GET/HEAD should answer 304.
 * @throws PreconditionFailed when a condition fails.
 */
export async function checkPreconditions(dr: DavRequest, target: DavResource | null): Promise<'ok' | 'not-modified'> {
  if (dr.ifLists) {
    const holds = await evaluateIf(dr.ifLists, async (tag) => {
      if (tag === null) return { etag: target?.etag, tokens: dr.locks.tokensFor(dr.lockPath) }
      const path = dr.pathOfUrl(tag)
      if (!path) return { etag: undefined, tokens: new Set<string>() }
      const res = await dr.tree.resolve(dr.ctx, path).catch(() => null)
      return { etag: res?.etag, tokens: dr.locks.tokensFor(dr.lockKeyOf(path)) }
    })
    if (!holds) throw new PreconditionFailed('The If header conditions do not hold.')
  }
  const ifMatch = dr.req.get('If-Match')
  if (ifMatch !== undefined) {
    const tags = list(ifMatch)
    const ok = target !== null && (tags.includes('*') || (target.etag !== undefined && tags.includes(target.etag)))
    if (!ok) throw new PreconditionFailed('If-Match does not match the current entity tag.')
  }
  const ifNoneMatch = dr.req.get('If-None-Match')
  if (ifNoneMatch !== undefined && target !== null) {
    const tags = list(ifNoneMatch)
    if (tags.includes('*') || (target.etag !== undefined && tags.map(weakless).includes(weakless(target.etag)))) {
      if (dr.req.method === 'GET' || dr.req.method === 'HEAD') return 'not-modified'
      throw new PreconditionFailed('If-None-Match matched the current entity tag.')
    }
  }
  return 'ok'
}

function list(header: string): string[] {
  return header.split(',').map((s) => s.trim()).filter(Boolean)
}

function weakless(t: string): string {
  return t.startsWith('W/') ? t.slice(2) : t
}
