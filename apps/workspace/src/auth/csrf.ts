import crypto from 'node:crypto'
import { Forbidden, PreconditionFailed } from '@maison/errors'

/** Methods that never change state, so need no CSRF token (DAV's PROPFIND and REPORT included). */
export const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PROPFIND', 'REPORT'])

export class CsrfCheckFailed extends Forbidden {
  override readonly code = 'csrf_check_failed'
  constructor(detail = 'CSRF check failed: reload the page and try again.') {
    super(detail)
  }
}

/** DAV clients get 412, as from Nextcloud. */
export class DavCsrfCheckFailed extends PreconditionFailed {
  override readonly code = 'csrf_check_failed'
  constructor() {
    super('CSRF check failed: a browser session must send its requesttoken header.')
  }
}

function sign(key: Buffer, nonce: string): string {
  return crypto.createHmac('sha256', key).update(`maison-csrf:${nonce}`).digest('base64url')
}

/** A token for a logged-out visitor, signed so that a cookie planted by another site or subdomain is refused. */
export function mintSignedToken(key: Buffer): string {
  const nonce = crypto.randomBytes(18).toString('base64url')
  return `${nonce}.${sign(key, nonce)}`
}

export function verifySignedToken(key: Buffer, token: string | undefined): boolean {
  if (!token) return false
  const [nonce, mac] = token.split('.')
  if (!nonce || !mac) return false
  return safeEqual(mac, sign(key, nonce))
}

/** Constant-time string comparison. */
export function safeEqual(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false
  const x = Buffer.from(a), y = Buffer.from(b)
  return x.length === y.length && crypto.timingSafeEqual(x, y)
}

/** Whether Origin (or, lacking it, Referer) names one of the allowed origins; absent both, true. */
export function sameOrigin(origin: string | undefined, referer: string | undefined, allowed: readonly string[]): boolean {
  const source = origin && origin !== 'null' ? origin : referer
  if (origin === 'null') return false
  if (!source) return true
  try {
    return allowed.includes(new URL(source).origin)
  } catch {
    return false
  }
}
