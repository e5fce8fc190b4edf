import type { Router } from 'express'
import { NotFound } from '@maison/errors'
import { requireAccount } from '../../auth/guards.ts'
import { authState } from '../../auth/state.ts'
import { getAccount, updateAccount } from '../domain/accounts.ts'
import { createAppPassword, listAppPasswords, revokeAppPassword } from '../domain/appPasswords.ts'
import { changePassword } from '../domain/authentication.ts'
import type { AccountsDeps } from '../deps.ts'
import { envOf, parse, principalOf, spaceOf } from './context.ts'
import { presentAppPassword, presentMe } from './present.ts'
import { appPasswordBody, changePasswordBody, idParam, patchMeBody } from './schemas.ts'

/** The signed-in account's own profile, password and app passwords. */
export function mountMeRoutes(router: Router, deps: AccountsDeps): void {
  router.get('/me', requireAccount, (req, res) => {
    const account = getAccount(envOf(req, deps), principalOf(req).accountId)
    res.json(presentMe(account, spaceOf(req), deps.files))
  })

  router.patch('/me', requireAccount, (req, res) => {
    const patch = parse(patchMeBody, req.body)
    const account = updateAccount(envOf(req, deps), principalOf(req).accountId, patch)
    res.json(presentMe(account, spaceOf(req), deps.files))
  })

  router.post('/me/password', requireAccount, async (req, res) => {
    const body = parse(changePasswordBody, req.body)
    await changePassword(envOf(req, deps), principalOf(req).accountId, body.currentPassword, body.newPassword, authState(req).sessionTokenHash)
    res.status(204).end()
  })

  router.get('/me/app-passwords', requireAccount, (req, res) => {
    const list = listAppPasswords(envOf(req, deps), principalOf(req).accountId)
    res.json({ appPasswords: list.map(presentAppPassword) })
  })

  router.post('/me/app-passwords', requireAccount, (req, res) => {
    const { name } = parse(appPasswordBody, req.body)
    const env = envOf(req, deps)
    const account = env.store.accounts.byId(principalOf(req).accountId)
    if (!account) throw new NotFound('Your account no longer exists.')
    res.status(201).json(createAppPassword(env, account, name))
  })

  router.delete('/me/app-passwords/:id', requireAccount, (req, res) => {
    const { id } = parse(idParam, req.params, 'path')
    revokeAppPassword(envOf(req, deps), principalOf(req).accountId, id)
    res.status(204).end()
  })
}
