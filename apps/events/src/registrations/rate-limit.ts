import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible'
import type { AppServices } from '@maison/app-contract'
import { TooManyRequests } from '@maison/errors'
import { REGISTRATIONS_QUEUE } from './jobs.ts'

/** Sign-up attempts allowed per address and per e-mail: enough for a family, too few for a flood. */
const PER_ADDRESS = { points: 20, duration: 600 }
const PER_EMAIL = { points: 5, duration: 3600 }

export interface SignUpLimiter {
  /** @throws TooManyRequests with Retry-After */
  consume(space: string, address: string, email: string | null): Promise<void>
}

/** Limits on the shared Redis (every web process counts together), reusing the queue registry's connection. */
export function redisSignUpLimiter(services: AppServices): SignUpLimiter {
  let limiters: Promise<{ address: RateLimiterRedis; email: RateLimiterRedis }> | null = null
  const get = () =>
    (limiters ??= services.queues.queue(REGISTRATIONS_QUEUE).backend.connection.client.then((client) => {
      const keyPrefix = `${services.config.QUEUE_PREFIX}:events-signup`
      return {
        address: new RateLimiterRedis({ storeClient: client, keyPrefix: `${keyPrefix}:ip`, ...PER_ADDRESS }),
        email: new RateLimiterRedis({ storeClient: client, keyPrefix: `${keyPrefix}:email`, ...PER_EMAIL }),
      }
    }))
  return {
    async consume(space, address, email) {
      const l = await get()
      try {
        // Both limits in one round trip (the client pipelines commands sent together).
        await Promise.all([l.address.consume(`${space}:${address}`), email ? l.email.consume(`${space}:${email.trim().toLowerCase()}`) : null])
      } catch (err) {
        if (!(err instanceof RateLimiterRes)) throw err
        const seconds = Math.max(1, Math.ceil(err.msBeforeNext / 1000))
        throw new TooManyRequests(`Too many sign-ups from here; try again in ${Math.ceil(seconds / 60)} minute(s).`, { headers: { 'Retry-After': String(seconds) } })
      }
    },
  }
}
