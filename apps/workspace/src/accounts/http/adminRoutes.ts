import type { Router } from 'express'
import { requireAdmin } from '../../auth/guards.ts'
import { createAccount, deleteAccount, getAccount, updateAccount } from '../domain/accounts.ts'
import { inviteByEmail, listPendingInvitations, revokeInvitation } from '../domain/invitations.ts'
import type { AccountsDeps } from '../deps.ts'
import { envOf, parse, principalOf, spaceInfoOf, spaceOf } from './context.ts'
import { presentAccount, presentInvitation } from './present.ts'
import { createAccountBody, deleteAccountQuery, idParam, invitationBody, patchAccountBody } from './schemas.ts'

/** Account and invitation administration (role admin). */
export function mountAdminRoutes(router: Router, deps: AccountsDeps): void {
  router.get('/accounts', requireAdmin, (req, res) => {
    const env = envOf(req, deps)
    const space = spaceOf(req)
    const accounts = env.store.accounts.list()
    res.json({
      accounts: accounts.map((a) => presentAccount(a, space, deps.files)),
      limits: { maxAccounts: space.limits.maxAccounts, used: accounts.length },
    })
  })

  router.post('/accounts', requireAdmin, async (req, res) => {
    const body = parse(createAccountBody, req.body)
    const space = spaceOf(req)
    const account = await createAccount(envOf(req, deps), body, space.limits.maxAccounts)
    res.status(201).json(presentAccount(account, space, deps.files))
  })

  router.patch('/accounts/:id', requireAdmin, (req, res) => {
    const { id } = parse(idParam, req.params, 'path')
    const patch = parse(patchAccountBody, req.body)
    const env = envOf(req, deps)
    getAccount(env, id)
    res.json(presentAccount(updateAccount(env, id, patch), spaceOf(req), deps.files))
  })

  router.delete('/accounts/:id', requireAdmin, async (req, res) => {
    const { id } = parse(idParam, req.params, 'path')
    const { files } = parse(deleteAccountQuery, req.query, 'query')
    const space = spaceOf(req)
    const hooks = { removeUserFiles: (username: string, mode: 'delete' | { transferTo: string }) => deps.files.removeUserFiles(space, username, mode) }
    await deleteAccount(envOf(req, deps), hooks, principalOf(req), id, files)
    res.status(204).end()
  })

  router.get('/invitations', requireAdmin, (req, res) => {
    res.json({ invitations: listPendingInvitations(envOf(req, deps)).map(presentInvitation) })
  })

  router.post('/invitations', requireAdmin, async (req, res) => {
    const body = parse(invitationBody, req.body)
    const env = envOf(req, deps)
    const inviter = getAccount(env, principalOf(req).accountId)
    const invitation = await inviteByEmail(env, spaceInfoOf(req, deps), inviter, body, deps.sendMail)
    res.status(201).json(presentInvitation(invitation))
  })

  router.delete('/invitations/:id', requireAdmin, (req, res) => {
    const { id } = parse(idParam, req.params, 'path')
    revokeInvitation(envOf(req, deps), id)
    res.status(204).end()
  })
}
