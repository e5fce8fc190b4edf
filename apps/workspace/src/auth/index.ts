import type { Request } from 'express'
import type { Principal } from '@maison/app-contract'
import { anonymousToken } from './sessionCookies.ts'
import { authState } from './state.ts'

export { createAuthMiddleware, createLoginThrottle } from './middleware.ts'
export { requireAccount, requireAdmin, requirePublicCsrf } from './guards.ts'
export type { AuthDeps } from './deps.ts'
export { LoginThrottle, throttleAddress, DEFAULT_THROTTLE, type ThrottleOptions } from './throttle.ts'
export { SESSION_COOKIE, CSRF_COOKIE, LANGUAGE_COOKIE } from './cookies.ts'

/**
 * The CSRF token for the HTML shell's `<head data-requesttoken>`, and the principal if any. A logged-out
 * visitor gets a signed double-submit token (set as the `maison_csrf` cookie on this response).
 */
export function sessionInfo(req: Request): { requestToken: string; principal?: Principal } {
  const state = authState(req)
  if (req.principal && state.csrfToken) return { requestToken: state.csrfToken, principal: req.principal }
  if (!req.space) throw new Error('sessionInfo needs a request resolved to a space')
  return { requestToken: anonymousToken(req, req.space), principal: req.principal }
}
