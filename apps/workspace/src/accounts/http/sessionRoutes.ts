import type { Router } from 'express'
import { requirePublicCsrf } from '../../auth/guards.ts'
import { LANGUAGE_COOKIE, serializeCookie } from '../../auth/cookies.ts'
import { cookiePath, cookieSecure } from '../../auth/deps.ts'
import { clearSessionCookie, setSessionCookie } from '../../auth/sessionCookies.ts'
import { authState } from '../../auth/state.ts'
import { throttleAddress, type LoginThrottle } from '../../auth/throttle.ts'
import { throttledLogin } from '../domain/login.ts'
import { completePasswordReset, requestPasswordReset } from '../domain/passwordReset.ts'
import { endSession, startSession } from '../domain/sessions.ts'
import type { AccountsDeps } from '../deps.ts'
import { envOf, parse, spaceInfoOf, spaceOf } from './context.ts'
import { presentMe } from './present.ts'
import { languageBody, loginBody, resetCompleteBody, resetRequestBody, tokenParam } from './schemas.ts'

/** Login, logout, language cookie and password reset: the routes a logged-out visitor uses. */
export function mountSessionRoutes(router: Router, deps: AccountsDeps, throttle: LoginThrottle): void {
  router.post('/session', requirePublicCsrf, async (req, res) => {
    const body = parse(loginBody, req.body)
    const env = envOf(req, deps)
    const space = spaceOf(req)
    const account = await throttledLogin(env, throttle, {
      space: space.slug, login: body.username, password: body.password, address: throttleAddress(req.ip),
    })
    const previous = authState(req).sessionToken
    if (previous) endSession(env, previous)
    const session = startSession(env, account.id, { userAgent: req.get('user-agent'), address: req.ip })
    setSessionCookie(res, space, session.token, deps.config)
    res.json({ user: presentMe(account, space, deps.files), requestToken: session.csrfToken })
  })

  router.delete('/session', (req, res) => {
    const token = authState(req).sessionToken
    if (token) endSession(envOf(req, deps), token)
    clearSessionCookie(res, spaceOf(req), deps.config)
    res.status(204).end()
  })

  router.patch('/language', requirePublicCsrf, (req, res) => {
    const { language } = parse(languageBody, req.body)
    const space = spaceOf(req)
    res.append('Set-Cookie', serializeCookie(LANGUAGE_COOKIE, language, {
      path: cookiePath(space), secure: cookieSecure(space, deps.config), httpOnly: false, maxAge: 365 * 24 * 3600,
    }))
    res.status(204).end()
  })

  router.post('/password-reset', requirePublicCsrf, async (req, res) => {
    const { login } = parse(resetRequestBody, req.body)
    await requestPasswordReset(envOf(req, deps), spaceInfoOf(req, deps), login, deps.sendMail)
    res.status(202).end()
  })

  router.post('/password-reset/:token', requirePublicCsrf, async (req, res) => {
    const { token } = parse(tokenParam, req.params, 'link')
    const { password } = parse(resetCompleteBody, req.body)
    await completePasswordReset(envOf(req, deps), token, password)
    if (authState(req).sessionToken) clearSessionCookie(res, spaceOf(req), deps.config)
    res.status(204).end()
  })
}
