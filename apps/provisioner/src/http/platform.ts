import type { Router } from 'express'
import type { Redis } from 'ioredis'
import type { Provisioner } from '../provisioner.ts'
import { createAdminRouter } from './admin/router.ts'
import { createApiRouter } from './api/router.ts'
import { createApplyRouter } from './apply/router.ts'
import { addressLimiter } from './rate-limit.ts'
import { createLandingRouter } from './landing.ts'

/** The provisioner's routers, for `createHttpApp({ platformRouters })`: /, /apply, /admin/ and /api/v1. */
export function createPlatformRouters(p: Provisioner, deps: { redis: Redis; keyPrefix: string; secureCookies: boolean }): Router[] {
  const limiter = addressLimiter(deps.redis, `${deps.keyPrefix}:apply-rate`, p.options.applyPerHour)
  return [createLandingRouter(), createApplyRouter(p, limiter), createAdminRouter(p, { secureCookies: deps.secureCookies }), createApiRouter(p, limiter)]
}
