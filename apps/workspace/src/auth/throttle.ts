import net from 'node:net'
import type { Redis } from 'ioredis'
import { RateLimiterRedis } from 'rate-limiter-flexible'
import { TooManyRequests } from '@maison/errors'

/**
 * Progressive delay after failed logins, after Nextcloud's bruteforce protection:
 * - per address: the n-th failure within 12 h makes the next attempt wait 100 ms × 2^n, up to 25 s.
 *   Waits under a second are slept; longer ones are enforced as a lock, and an attempt that comes
 *   more than `sleepMaxMs` before the lock ends is answered 429 with Retry-After instead of holding a
 *   connection open.
 * - per account, across addresses: the same curve capped at `accountCapMs` and only ever slept, so an
 *   attacker hammering one account from one address slows but never locks out its owner elsewhere.
 * A success from an address clears that address's and that account's counters.
 * Counters live in Redis so every web replica sees the same ones.
 */
export interface ThrottleOptions {
  baseDelayMs: number
  maxDelayMs: number
  accountCapMs: number
  sleepMaxMs: number
  windowSeconds: number
}

export const DEFAULT_THROTTLE: ThrottleOptions = {
  baseDelayMs: 100, maxDelayMs: 25_000, accountCapMs: 2_000, sleepMaxMs: 2_000, windowSeconds: 12 * 3600,
}

/** Groups an address the way an attacker's allocation is grouped: IPv4 alone, IPv6 by its /64. */
export function throttleAddress(ip: string | undefined): string {
  if (!ip) return 'unknown'
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)
  if (v4) return v4[1]!
  if (net.isIPv6(ip)) {
    const full = expandIPv6(ip)
    return `${full.slice(0, 4).join(':')}::/64`
  }
  return ip
}

function expandIPv6(ip: string): string[] {
  const [head, tail] = ip.split('::') as [string, string | undefined]
  const h = head ? head.split(':') : []
  const t = tail ? tail.split(':') : []
  const fill = tail === undefined ? [] : new Array(8 - h.length - t.length).fill('0')
  return [...h, ...fill, ...t].map((g) => g.padStart(4, '0').toLowerCase())
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export class LoginThrottle {
  private readonly failures: RateLimiterRedis
  private readonly locks: RateLimiterRedis

  constructor(redis: Redis, prefix: string, private readonly opts: ThrottleOptions = DEFAULT_THROTTLE) {
    // Failure counts are never "exhausted": we read them to compute the delay ourselves.
    this.failures = new RateLimiterRedis({ storeClient: redis, keyPrefix: `${prefix}:login-failures`, points: 1e9, duration: opts.windowSeconds })
    this.locks = new RateLimiterRedis({ storeClient: redis, keyPrefix: `${prefix}:login-lock`, points: 1, duration: 1 })
  }

  /** The wait after `n` failures. */
  delayFor(n: number): number {
    return n <= 0 ? 0 : Math.min(this.opts.maxDelayMs, this.opts.baseDelayMs * 2 ** n)
  }

  /**
   * Waits as long as the address and account deserve before an attempt is checked.
   * @throws TooManyRequests when the address must wait longer than `sleepMaxMs`
   */
  async before(address: string, account: string): Promise<void> {
    const [ipFails, ipLock, accFails, accLock] = await Promise.all([
      this.failures.get(`ip:${address}`), this.locks.get(`ip:${address}`),
      this.failures.get(`acct:${account}`), this.locks.get(`acct:${account}`),
    ])
    const ipLockMs = ipLock && ipLock.consumedPoints > 1 ? ipLock.msBeforeNext : 0
    if (ipLockMs > this.opts.sleepMaxMs) {
      const seconds = Math.ceil(ipLockMs / 1000)
      throw new TooManyRequests(`Too many failed logins from your address. Try again in ${seconds} seconds.`, {
        headers: { 'Retry-After': String(seconds) },
      })
    }
    const ipWait = ipLockMs || this.shortDelay(ipFails?.consumedPoints ?? 0)
    const accLockMs = accLock && accLock.consumedPoints > 1 ? accLock.msBeforeNext : 0
    const accWait = Math.min(this.opts.accountCapMs, accLockMs || this.shortDelay(accFails?.consumedPoints ?? 0))
    const wait = Math.max(ipWait, accWait)
    if (wait > 0) await sleep(wait)
  }

  private shortDelay(n: number): number {
    const d = this.delayFor(n)
    return d < 1000 ? d : 0
  }

  /** Counts a failed attempt against the address and the account. */
  async failed(address: string, account: string): Promise<void> {
    const [ip, acc] = await Promise.all([this.failures.penalty(`ip:${address}`), this.failures.penalty(`acct:${account}`)])
    await Promise.all([
      this.lock(`ip:${address}`, this.delayFor(ip.consumedPoints)),
      this.lock(`acct:${account}`, Math.min(this.opts.accountCapMs, this.delayFor(acc.consumedPoints))),
    ])
  }

  private async lock(key: string, ms: number): Promise<void> {
    // Locks have whole-second resolution in Redis; shorter waits are slept in `before` instead.
    if (ms >= 1000) await this.locks.block(key, Math.ceil(ms / 1000))
  }

  /** Clears the address's and the account's counters after a successful login. */
  async succeeded(address: string, account: string): Promise<void> {
    await Promise.all([
      this.failures.delete(`ip:${address}`), this.locks.delete(`ip:${address}`),
      this.failures.delete(`acct:${account}`), this.locks.delete(`acct:${account}`),
    ])
  }
}
