import { createHmac, randomBytes } from 'node:crypto'
import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { safeEqual } from './csrf.ts'

const PREFIX = 'maison-internal.'
const KEY_FILE = 'internal.key'

/**
 * The key that signs internal tokens, shared by every process of the host through DATA_DIR. Created once,
 * atomically (a temp file hard-linked into place), so concurrent first starts agree on one key.
 */
export function loadInternalKey(dataDir: string): Buffer {
  const file = path.join(dataDir, KEY_FILE)
  try {
    return checkedKey(readFileSync(file), file)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`
  writeFileSync(temp, randomBytes(32), { mode: 0o600 })
  try {
    linkSync(temp, file)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
  } finally {
    rmSync(temp, { force: true })
  }
  return checkedKey(readFileSync(file), file)
}

function checkedKey(key: Buffer, file: string): Buffer {
  if (key.length < 32) throw new Error(`${file} holds ${key.length} bytes; an internal key needs 32. Remove it to get a new one.`)
  return key
}

interface Claims {
  /** Space slug. */
  s: string
  /** Username. */
  u: string
  /** Expiry, epoch seconds. */
  e: number
}

/**
 * Short-lived bearer tokens with which apps reach a space's DAV tree as one of its accounts
 * (DESIGN.md: apps use DAV clients, never the workspace's tables). Signed, not stored: nothing to clean up.
 */
export class InternalTokens {
  constructor(private readonly key: Buffer, private readonly clock: () => Date, private readonly ttlSeconds = 300) {}

  /** A token acting as `username` in space `slug`. */
  issue(slug: string, username: string): string {
    const claims: Claims = { s: slug, u: username, e: Math.floor(this.clock().getTime() / 1000) + this.ttlSeconds }
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url')
    return `${PREFIX}${payload}.${this.sign(payload)}`
  }

  /** The username a valid, unexpired token for `slug` acts as; null otherwise. */
  verify(token: string, slug: string): string | null {
    if (!token.startsWith(PREFIX)) return null
    const parts = token.slice(PREFIX.length).split('.')
    if (parts.length !== 2) return null
    const [payload, signature] = parts
    if (!payload || !signature || !safeEqual(signature, this.sign(payload))) return null
    let claims: Claims
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Claims
    } catch {
      return null
    }
    if (claims.s !== slug || typeof claims.u !== 'string') return null
    return claims.e * 1000 > this.clock().getTime() ? claims.u : null
  }

  /** True when an Authorization header carries an internal token. */
  static carries(authorization: string | undefined): boolean {
    return authorization !== undefined && authorization.startsWith(`Bearer ${PREFIX}`)
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url')
  }
}
