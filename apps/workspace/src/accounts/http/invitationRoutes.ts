import type { Router } from 'express'
import { requirePublicCsrf } from '../../auth/guards.ts'
import { setSessionCookie } from '../../auth/sessionCookies.ts'
import { acceptInvitation, openInvitation } from '../domain/invitations.ts'
import { recordLogin } from '../domain/authentication.ts'
import { startSession } from '../domain/sessions.ts'
import type { AccountsDeps } from '../deps.ts'
import { envOf, parse, spaceInfoOf, spaceOf } from './context.ts'
import { presentMe } from './present.ts'
import { acceptInvitationBody, tokenParam } from './schemas.ts'

/** The public side of invitations: read one, accept it (creates the account and logs in). */
export function mountInvitationRoutes(router: Router, deps: AccountsDeps): void {
  router.get('/invitations/:token', (req, res) => {
    const { token } = parse(tokenParam, req.params, 'link')
    const invitation = openInvitation(envOf(req, deps), token)
    res.json({ email: invitation.email, spaceName: spaceInfoOf(req, deps).name })
  })

  router.post('/invitations/:token/accept', requirePublicCsrf, async (req, res) => {
    const { token } = parse(tokenParam, req.params, 'link')
    const body = parse(acceptInvitationBody, req.body)
    const env = envOf(req, deps)
    const space = spaceOf(req)
    const account = await acceptInvitation(env, spaceInfoOf(req, deps), token, body)
    recordLogin(env, account.id)
    const session = startSession(env, account.id, { userAgent: req.get('user-agent'), address: req.ip })
    setSessionCookie(res, space, session.token, deps.config)
    res.status(201).json({ user: presentMe(account, space, deps.files), requestToken: session.csrfToken })
  })
}
