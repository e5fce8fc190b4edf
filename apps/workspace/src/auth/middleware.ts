import type { NextFunction, Request, RequestHandler, Response } from 'express'
import type { Principal, SpaceContext } from '@maison/app-contract'
import { AppError } from '@maison/errors'
import { checkAppPassword, looksLikeAppPassword, TOUCH_EVERY_MS } from '../accounts/domain/appPasswords.ts'
import { principalOf } from '../accounts/domain/accounts.ts'
import type { AccountsEnv } from '../accounts/domain/context.ts'
import { InvalidCredentials } from '../accounts/domain/errors.ts'
import { throttledLogin } from '../accounts/domain/login.ts'
import { resolveSession } from '../accounts/domain/sessions.ts'
import { OCS, sendOcs } from '../ocs/envelope.ts'
import { BASIC_CHALLENGE, parseBasic } from './basic.ts'
import { CsrfCheckFailed, DavCsrfCheckFailed, SAFE_METHODS, safeEqual, sameOrigin } from './csrf.ts'
import { parseCookies, SESSION_COOKIE } from './cookies.ts'
import { accountsEnv, type AuthDeps } from './deps.ts'
import { PasswordCache } from './passwordCache.ts'
import { VerifiedAppPasswords } from './verified-app-passwords.ts'
import { setSessionCookie } from './sessionCookies.ts'
import { authState } from './state.ts'
import { InternalTokens, pathInScope } from './internalTokens.ts'
import { LoginThrottle, throttleAddress } from './throttle.ts'

const OCS_PATH = /\/ocs\/v[12]\.php(\/|$)/
const DAV_PATH = /\/remote\.php\//
/** The public pages (/p/): forms without JavaScript, so no requesttoken header. */
const PUBLIC_PAGES = /^(?:\/s\/[^/]+)?\/p\//

/** The failed-login throttle shared by the web login, Basic auth and OCS. */
export function createLoginThrottle(deps: AuthDeps): LoginThrottle {
  return new LoginThrottle(deps.redis, deps.config.QUEUE_PREFIX, deps.throttle)
}

/**
 * Express middleware that sets `req.principal` from HTTP Basic (app password or account password) or the
 * session cookie (with its CSRF token on unsafe methods). Without credentials it lets the request through
 * for the routes to decide; with wrong ones it answers 401 (throttled).
 */
export function createAuthMiddleware(deps: AuthDeps): RequestHandler {
  const throttle = createLoginThrottle(deps)
  const cache = new PasswordCache()
  const appPasswords = new VerifiedAppPasswords(TOUCH_EVERY_MS)

  async function basicPrincipal(req: Request, env: AccountsEnv, space: SpaceContext): Promise<Principal> {
    const authorization = req.get('authorization')!
    const now = deps.clock().getTime()
    const known = appPasswords.principal(space.db, authorization, now)
    if (known) return known
    const creds = parseBasic(authorization)
    if (!creds) throw new InvalidCredentials({ headers: BASIC_CHALLENGE })
    if (looksLikeAppPassword(creds.secret)) {
      // Read before checking: a change committed meanwhile elsewhere (a revocation) then makes the entry stale at once.
      const generation = appPasswords.generation(space.db)
      const account = checkAppPassword(env, creds.login, creds.secret)
      if (account) {
        const principal = principalOf(account, 'app-password')
        appPasswords.remember(space.db, authorization, generation, principal, now)
        return principal
      }
    }
    const key = cache.key(space.slug, creds.login, creds.secret)
    const hit = cache.get(key, now)
    if (hit) {
      const account = env.store.accounts.byId(hit.accountId)
      if (account?.enabled && account.passwordHash === hit.passwordHash) return principalOf(account, 'password')
    }
    try {
      const account = await throttledLogin(env, throttle, {
        space: space.slug, login: creds.login, password: creds.secret, address: throttleAddress(req.ip),
      })
      cache.set(key, account.id, account.passwordHash, now)
      return principalOf(account, 'password')
    } catch (err) {
      if (err instanceof InvalidCredentials) {
        deps.logger.info({ space: space.slug, login: creds.login.slice(0, 100), ip: req.ip }, 'failed Basic login')
        throw new InvalidCredentials({ headers: BASIC_CHALLENGE })
      }
      throw err
    }
  }

  // An internal token is valid only under the prefix it names (the DAV tree, or one app's API), so a leaked
  // token cannot reach account management or another app.
  function internalPrincipal(req: Request, env: AccountsEnv, space: SpaceContext): Principal {
    const token = req.get('authorization')!.slice('Bearer '.length)
    const grant = deps.internalTokens.grant(token, space.slug)
    if (!grant || !pathInScope(req.originalUrl, space.pathPrefix, grant.scope)) throw new InvalidCredentials()
    const account = env.store.accounts.byUsername(grant.username)
    if (!account?.enabled) throw new InvalidCredentials()
    return principalOf(account, 'internal')
  }

  function sessionPrincipal(req: Request, res: Response, env: AccountsEnv, space: SpaceContext): Principal | undefined {
    const token = parseCookies(req.get('cookie'))[SESSION_COOKIE]
    if (!token) return undefined
    const resolved = resolveSession(env, token)
    if (!resolved) return undefined
    if (!SAFE_METHODS.has(req.method) && !safeEqual(req.get('requesttoken'), resolved.session.csrfToken)) {
      if (PUBLIC_PAGES.test(req.originalUrl)) {
        // Script-free public forms (sign-ups, join form) send no token: a same-origin Origin (SameSite=Lax cookie
        // plus Origin) lets a member act as themself; anything else is answered as an anonymous visitor.
        const origin = req.get('origin')
        const allowed = [new URL(space.baseUrl).origin, `${req.protocol}://${req.get('host')}`]
        if (!origin || !sameOrigin(origin, undefined, allowed)) return undefined
      } else {
        // Nextcloud lets OCS calls carrying OCS-APIRequest through: a cross-site form cannot set that header.
        const ocsHeader = OCS_PATH.test(req.originalUrl) && req.get('ocs-apirequest')?.toLowerCase() === 'true'
        if (!ocsHeader) throw DAV_PATH.test(req.originalUrl) ? new DavCsrfCheckFailed() : new CsrfCheckFailed()
      }
    }
    const state = authState(req)
    state.sessionToken = token
    state.sessionTokenHash = resolved.tokenHash
    state.csrfToken = resolved.session.csrfToken
    if (resolved.renewed) setSessionCookie(res, space, token, deps.config)
    return principalOf(resolved.account, 'session')
  }

  return async function authenticate(req: Request, res: Response, next: NextFunction): Promise<void> {
    authState(req)
    const space = req.space
    if (!space) return next()
    const env = accountsEnv(space.db, deps.clock)
    try {
      const authorization = req.get('authorization')
      req.principal = /^basic\s/i.test(authorization ?? '')
        ? await basicPrincipal(req, env, space)
        : InternalTokens.carries(authorization)
          ? internalPrincipal(req, env, space)
          : sessionPrincipal(req, res, env, space)
      next()
    } catch (err) {
      if (OCS_PATH.test(req.originalUrl) && err instanceof AppError && (err.status === 401 || err.status === 429)) {
        for (const [k, v] of Object.entries(err.headers ?? {})) res.set(k, v)
        // OCS clients expect their envelope: 997 for bad credentials, as Nextcloud answers.
        if (err.status === 401) return sendOcs(req, res, { status: OCS.UNAUTHORISED, message: err.message })
        res.status(429)
        return sendOcs(req, res, { status: 429, message: err.message })
      }
      next(err)
    }
  }
}
