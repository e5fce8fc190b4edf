import crypto from 'node:crypto'
import { promisify } from 'node:util'

const scrypt = promisify(crypto.scrypt) as (pw: crypto.BinaryLike, salt: crypto.BinaryLike, len: number, opts: crypto.ScryptOptions) => Promise<Buffer>

// N=2^15, r=8: 32 MiB and ~50-100 ms per hash (OWASP's scrypt minimum is N=2^17 with r=8 *or* equivalent cost; 2^15 keeps
// a 2-vCPU host able to serve a burst of logins). The parameters are stored in each hash so they can be raised later.
const PARAMS = { N: 2 ** 15, r: 8, p: 1 }
const KEY_LENGTH = 32

/** A self-describing scrypt hash: `scrypt$N$r$p$salt$hash` (base64). */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16)
  const key = await scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...PARAMS, maxmem: 128 * PARAMS.N * PARAMS.r * 2 })
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$')
}

/** Checks a password against a stored hash in constant time; false for a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$')
  if (kind !== 'scrypt' || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64')
  const N = Number(n), R = Number(r), P = Number(p)
  const key = await scrypt(password.normalize('NFC'), Buffer.from(salt, 'base64'), expected.length, { N, r: R, p: P, maxmem: 128 * N * R * 2 })
  return crypto.timingSafeEqual(key, expected)
}

/** SHA-256 hex of a high-entropy token: cheap enough to check on every DAV request. */
export function sha256(text: string): string {
  // One-shot: no Hash object per call (every DAV request with an app password hashes it).
  return crypto.hash('sha256', text, 'hex')
}

/** A URL-safe random token of `bytes` bytes of entropy. */
export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url')
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** A random string over [A-Za-z0-9], like Nextcloud's 72-character app passwords. */
export function randomAlphanumeric(length: number): string {
  let out = ''
  while (out.length < length) {
    for (const b of crypto.randomBytes(length)) {
      // 248 = 4 × 62: dropping bytes above it keeps every character equally likely.
      if (b < 248 && out.length < length) out += ALPHANUMERIC[b % 62]
    }
  }
  return out
}
