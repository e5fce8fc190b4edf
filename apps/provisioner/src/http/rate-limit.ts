import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible'
import type { Redis } from 'ioredis'
import { TooManyRequests } from '@maison/errors'

/** A limit per client address shared by every web replica (counters in Redis). */
export interface AddressLimiter {
  /** @throws TooManyRequests with Retry-After once the address used its allowance. */
  consume(address: string, message: string): Promise<void>
}

export function addressLimiter(redis: Redis, keyPrefix: string, perHour: number): AddressLimiter {
  const limiter = new RateLimiterRedis({ storeClient: redis, keyPrefix, points: perHour, duration: 3600 })
  return {
    async consume(address, message) {
      try {
        await limiter.consume(address)
      } catch (err) {
        if (err instanceof RateLimiterRes) {
          throw new TooManyRequests(message, { headers: { 'Retry-After': String(Math.ceil(err.msBeforeNext / 1000)) } })
        }
        throw err
      }
    },
  }
}
