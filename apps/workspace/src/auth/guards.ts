import type { NextFunction, Request, Response } from 'express'
import { Forbidden, Unauthorized } from '@maison/errors'
import { CsrfCheckFailed, safeEqual, sameOrigin, verifySignedToken } from './csrf.ts'
import { CSRF_COOKIE, parseCookies } from './cookies.ts'
import { csrfKey } from './sessionCookies.ts'
import { authState } from './state.ts'

/** Lets only authenticated requests through (401 problem+json otherwise). */
export function requireAccount(req: Request, _res: Response, next: NextFunction): void {
  if (!req.principal) return next(new Unauthorized('You need to log in.'))
  next()
}

/** Lets only administrators of the space through (401/403 problem+json otherwise). */
export function requireAdmin(req: Request, _res: Response, next: NextFunction): void {
  if (!req.principal) return next(new Unauthorized('You need to log in.'))
  if (req.principal.role !== 'admin') return next(new Forbidden('Only an administrator of this space may do this.'))
  next()
}

/**
 * CSRF check of the public POSTs (login, invitation accept, password reset): same-origin Origin/Referer, and
 * the `requesttoken` (header or body field) equal to the session's token or to the signed `maison_csrf` cookie.
 */
export function requirePublicCsrf(req: Request, _res: Response, next: NextFunction): void {
  const space = req.space
  if (!space) return next(new CsrfCheckFailed())
  const allowed = [new URL(space.baseUrl).origin, `${req.protocol}://${req.get('host')}`]
  if (!sameOrigin(req.get('origin'), req.get('referer'), allowed)) {
    return next(new CsrfCheckFailed('CSRF check failed: this request came from another site.'))
  }
  const sent = req.get('requesttoken') ?? (typeof req.body?.requesttoken === 'string' ? req.body.requesttoken : undefined)
  const state = authState(req)
  if (state.csrfToken && safeEqual(sent, state.csrfToken)) return next()
  const cookie = parseCookies(req.get('cookie'))[CSRF_COOKIE]
  if (sent && safeEqual(sent, cookie) && verifySignedToken(csrfKey(space), sent)) return next()
  next(new CsrfCheckFailed())
}
