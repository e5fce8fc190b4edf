import express, { type NextFunction, type Request, type Response, type Router } from 'express'
import type { AccountsDeps } from '../accounts/deps.ts'
import { safeEqual } from '../auth/csrf.ts'
import { createAuthMiddleware } from '../auth/middleware.ts'
import { authDone, authState } from '../auth/state.ts'
import { OCS, sendOcs } from './envelope.ts'
import { mountOcsGroups } from './groupsRoutes.ts'
import { mountOcsUsers } from './usersRoutes.ts'

/**
 * Nextcloud's checks, in its order: an account must be logged in (else 997 / HTTP 401), and the call must
 * carry `OCS-APIRequest: true` or a browser session's requesttoken (else 412 "CSRF check failed").
 */
function ocsGate(req: Request, res: Response, next: NextFunction): void {
  if (!req.principal) return sendOcs(req, res, { status: OCS.UNAUTHORISED, message: 'Current user is not logged in' })
  const apiRequest = req.get('ocs-apirequest')?.toLowerCase() === 'true'
  const state = authState(req)
  if (apiRequest || (state.csrfToken && safeEqual(req.get('requesttoken'), state.csrfToken))) return next()
  res.status(412).json({ message: 'CSRF check failed' })
}

/** The OCS provisioning subset, mounted at `/s/{space}/ocs/v2.php` and `/s/{space}/ocs/v1.php`. */
export function createOcsRouter(deps: AccountsDeps): Router {
  const router = express.Router()
  const authenticate = createAuthMiddleware(deps)
  router.use((req, res, next) => (authDone(req) ? next() : authenticate(req, res, next)))
  router.use(ocsGate)
  router.use(express.urlencoded({ extended: true, limit: '64kb' }), express.json({ limit: '64kb' }))
  mountOcsUsers(router, deps)
  mountOcsGroups(router, deps)
  router.use((req: Request, res: Response) => sendOcs(req, res, { status: OCS.NOT_FOUND, message: 'Invalid query, please check the syntax. API specifications are here: http://www.freedesktop.org/wiki/Specifications/open-collaboration-services.' }))
  return router
}
