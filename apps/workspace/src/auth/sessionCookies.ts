import type { Request, Response } from 'express'
import type { SpaceContext } from '@maison/app-contract'
import type { Config } from '@maison/config'
import { mintSignedToken, verifySignedToken } from './csrf.ts'
import { CSRF_COOKIE, parseCookies, SESSION_COOKIE, serializeCookie } from './cookies.ts'
import { accountsEnv, cookiePath, cookieSecure } from './deps.ts'
import { authState } from './state.ts'

const SESSION_MAX_AGE_S = 30 * 24 * 3600

/** Sends the session cookie (HttpOnly, SameSite=Lax, scoped to the space). */
export function setSessionCookie(res: Response, space: SpaceContext, token: string, config?: Config): void {
  res.append('Set-Cookie', serializeCookie(SESSION_COOKIE, token, { path: cookiePath(space), secure: cookieSecure(space, config), maxAge: SESSION_MAX_AGE_S }))
}

export function clearSessionCookie(res: Response, space: SpaceContext, config?: Config): void {
  res.append('Set-Cookie', serializeCookie(SESSION_COOKIE, '', { path: cookiePath(space), secure: cookieSecure(space, config), maxAge: 0 }))
}

/** The space's key for logged-out CSRF tokens. */
export function csrfKey(space: SpaceContext): Buffer {
  return accountsEnv(space.db, () => new Date()).store.secrets.secret('csrf')
}

/** The logged-out visitor's CSRF token: the one in its cookie when valid, else a new one sent as a cookie. */
export function anonymousToken(req: Request, space: SpaceContext): string {
  const state = authState(req)
  if (state.anonymousToken) return state.anonymousToken
  const key = csrfKey(space)
  const current = parseCookies(req.get('cookie'))[CSRF_COOKIE]
  if (current && verifySignedToken(key, current)) {
    state.anonymousToken = current
  } else {
    state.anonymousToken = mintSignedToken(key)
    req.res?.append('Set-Cookie', serializeCookie(CSRF_COOKIE, state.anonymousToken, { path: cookiePath(space), secure: cookieSecure(space) }))
  }
  return state.anonymousToken
}
