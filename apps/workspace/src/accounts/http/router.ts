import express, { type Router } from 'express'
import { createAuthMiddleware, createLoginThrottle } from '../../auth/middleware.ts'
import { authDone } from '../../auth/state.ts'
import type { AccountsDeps } from '../deps.ts'
import { mountAdminRoutes } from './adminRoutes.ts'
import { mountInvitationRoutes } from './invitationRoutes.ts'
import { mountMeRoutes } from './meRoutes.ts'
import { mountSessionRoutes } from './sessionRoutes.ts'

/**
 * The session, self and administration API (`/s/{space}/api/v1`). Errors go to `next(err)` for the
 * problem+json handler. Runs the auth middleware itself when it was not mounted in front.
 */
export function createAccountsRouter(deps: AccountsDeps): Router {
  const router = express.Router()
  const authenticate = createAuthMiddleware(deps)
  router.use((req, res, next) => (authDone(req) ? next() : authenticate(req, res, next)))
  router.use(express.json({ limit: '64kb' }))
  mountSessionRoutes(router, deps, createLoginThrottle(deps))
  mountMeRoutes(router, deps)
  mountInvitationRoutes(router, deps)
  mountAdminRoutes(router, deps)
  return router
}
