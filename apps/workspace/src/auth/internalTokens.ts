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
  /** Path prefix (relative to the space root, ending with `/`) the token is valid under; absent: the DAV tree. */
  p?: string
}

/** The DAV tree: where DAV tokens are valid, and tokens issued before tokens named their prefix. */
export const DAV_SCOPE = '/remote.php/dav/'

/** What a valid token grants: acting as `username` under the path prefix `scope` of its space. */
export interface InternalGrant {
  username: string
  /** Relative to the space root, starts and ends with `/`, e.g. `/apps/visuals/api/`. */
  scope: string
}

const SCOPE = /^\/(?:[A-Za-z0-9._-]+\/)+$/
const isScope = (s: unknown): s is string => typeof s === 'string' && SCOPE.test(s) && !s.split('/').some((seg) => seg === '.' || seg === '..')

/**
 * Short-lived bearer tokens with which apps reach a space's DAV tree, or another app's API, as one of its
 * accounts (DESIGN.md: apps use DAV clients, never the workspace's tables). Each token names the path prefix
 * it is valid under, so a leaked one cannot reach account management. Signed, not stored: nothing to clean up.
 */
export class InternalTokens {
  constructor(private readonly key: Buffer, private readonly clock: () => Date, private readonly ttlSeconds = 300) {}

  /**
   * A token acting as `username` in space `slug`, valid under `scope` (relative to the space root).
   * @throws Error when `scope` is not a plain `/segment/…/` prefix (a programming error, not input)
   */
  issue(slug: string, username: string, scope: string = DAV_SCOPE): string {
    if (!isScope(scope)) throw new Error(`Not a token scope: ${scope}`)
    const claims: Claims = { s: slug, u: username, e: Math.floor(this.clock().getTime() / 1000) + this.ttlSeconds, p: scope }
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url')
    return `${PREFIX}${payload}.${this.sign(payload)}`
  }

  /**
   * The username a valid, unexpired token for `slug` acts as; null otherwise. Says nothing of where the
   * token is valid: requests are authorised with `grant`.
   */
  verify(token: string, slug: string): string | null {
    return this.grant(token, slug)?.username ?? null
  }

  /** Who a valid, unexpired token for `slug` acts as and where; null otherwise. */
  grant(token: string, slug: string): InternalGrant | null {
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
    if (typeof claims !== 'object' || claims === null || claims.s !== slug || typeof claims.u !== 'string' || typeof claims.e !== 'number') return null
    const scope = claims.p ?? DAV_SCOPE
    if (!isScope(scope)) return null
    return claims.e * 1000 > this.clock().getTime() ? { username: claims.u, scope } : null
  }

  /** True when an Authorization header carries an internal token. */
  static carries(authorization: string | undefined): boolean {
    return authorization !== undefined && authorization.startsWith(`Bearer ${PREFIX}`)
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url')
  }
}

// Nextcloud's legacy WebDAV endpoint serves the same tree as /remote.php/dav/.
const SCOPE_ALIASES: Readonly<Record<string, readonly string[]>> = { [DAV_SCOPE]: ['/remote.php/webdav/'] }

/**
 * Whether a request path (`originalUrl`, query allowed) lies under `scope` of the space served at `spacePrefix`
 * ("/s/demo", or "" on its own host name). Compared byte for byte, case included, so a spelling the router
 * would also accept (`/S/demo`, `%61pps`) is refused rather than guessed at; any segment that is, or decodes
 * to, a dot segment or holds an (encoded) slash or backslash is refused, whatever a later layer would make of it.
 */
export function pathInScope(originalUrl: string, spacePrefix: string, scope: string): boolean {
  const pathname = originalUrl.split('?', 1)[0]!
  if (!pathname.startsWith(`${spacePrefix}/`)) return false
  const rest = pathname.slice(spacePrefix.length)
  if (!plainPath(rest)) return false
  return [scope, ...(SCOPE_ALIASES[scope] ?? [])].some((p) => rest === p.slice(0, -1) || rest.startsWith(p))
}

function plainPath(path: string): boolean {
  if (path.includes('\\')) return false
  for (const segment of path.split('/')) {
    let decoded: string
    try {
      decoded = decodeURIComponent(segment)
    } catch {
      return false
    }
    // A twice-encoded separator or dot (%252e) is refused too, in case some layer decodes twice.
    if (decoded === '.' || decoded === '..' || /[/\\]|%(?:2e|2f|5c)/i.test(decoded)) return false
  }
  return true
}
