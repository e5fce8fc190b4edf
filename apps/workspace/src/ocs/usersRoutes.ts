import type { Request, Router } from 'express'
import { Forbidden, NotFound, ValidationError } from '@maison/errors'
import type { Principal } from '@maison/app-contract'
import { createAccount, deleteAccount, getAccountByUsername, updateAccount } from '../accounts/domain/accounts.ts'
import { GroupNotFound, groupsOfAccount } from '../accounts/domain/groups.ts'
import { randomToken, hashPassword } from '../accounts/domain/passwords.ts'
import { requestPasswordReset } from '../accounts/domain/passwordReset.ts'
import { parseQuota } from '../accounts/domain/quota.ts'
import { displayNameSchema, emailSchema, languageSchema, passwordSchema, usernameSchema } from '../accounts/domain/rules.ts'
import type { AccountPatch } from '../accounts/storage/types.ts'
import type { AccountsDeps } from '../accounts/deps.ts'
import { envOf, principalOf, spaceInfoOf, spaceOf } from '../accounts/http/context.ts'
import { addToGroup, removeFromGroup } from '../accounts/domain/groups.ts'
import { ocsRoute } from './handler.ts'
import { OCS } from './envelope.ts'
import { assertAdmin, intParam, listParam, param } from './params.ts'
import { ocsUserData } from './userData.ts'

/** Validates one field with a rule of the accounts domain; the OCS code for a failure is the caller's. */
function check<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } }, value: unknown, path: string): T {
  const r = schema.safeParse(value)
  if (r.success) return r.data
  const message = r.error.issues[0]?.message ?? 'invalid'
  throw new ValidationError(`${path}: ${message}`, { errors: [{ path, message }] })
}

class PasswordRejected extends ValidationError {
  override readonly code = 'password_rejected'
}

function checkPassword(value: string): string {
  const r = passwordSchema.safeParse(value)
  if (!r.success) throw new PasswordRejected(r.error.issues[0]?.message ?? 'This password is not allowed.')
  return r.data
}

/** Builds the account patch for `PUT /cloud/users/{id}` key=value; admins only for quota. */
async function editPatch(key: string, value: string, actor: Principal): Promise<AccountPatch> {
  switch (key) {
    case 'email': return { email: value === '' ? null : check(emailSchema, value, 'value') }
    case 'displayname': case 'display': return { displayName: check(displayNameSchema, value, 'value') }
    case 'language': return { language: check(languageSchema, value, 'value') }
    case 'password': return { passwordHash: await hashPassword(checkPassword(value)) }
    case 'quota':
      assertAdmin(actor)
      return { quotaBytes: parseQuota(value, 'value') }
    default: throw new ValidationError(`Unknown key "${key}"; expected email, displayname, quota, password or language.`, { errors: [{ path: 'key', message: 'Unknown key.' }] })
  }
}

class PasswordOrEmailNeeded extends ValidationError {
  override readonly code = 'password_or_email_needed'
}

/** The Nextcloud provisioning API's users endpoints. */
export function mountOcsUsers(router: Router, deps: AccountsDeps): void {
  const { logger } = deps
  const env = (req: Request) => envOf(req, deps)
  const target = (req: Request) => getAccountByUsername(env(req), String(req.params.id))
  const data = (req: Request, a: Parameters<typeof ocsUserData>[3]) => ocsUserData(env(req), spaceOf(req), deps.files, a)

  router.get('/cloud/users', ocsRoute(logger, {}, (req) => {
    assertAdmin(principalOf(req))
    const users = env(req).store.accounts.list({ search: param(req, 'search') || undefined, limit: intParam(req, 'limit'), offset: intParam(req, 'offset') })
    return { status: 200, data: { users: users.map((u) => u.username) } }
  }))

  router.post('/cloud/users', ocsRoute(logger, { username_taken: 102, email_taken: 101, group_not_found: 104, password_rejected: 107, password_or_email_needed: 108 }, async (req) => {
    assertAdmin(principalOf(req))
    const username = check(usernameSchema, param(req, 'userid') ?? '', 'userid')
    const password = param(req, 'password') ?? ''
    const email = param(req, 'email') || undefined
    if (!password && !email) throw new PasswordOrEmailNeeded('Give a password, or an e-mail address to send a password link to.')
    const groups = listParam(req, 'groups')
    for (const g of groups) if (g.toLowerCase() !== 'admin' && !env(req).store.groups.exists(g)) throw new GroupNotFound(g)
    const quota = param(req, 'quota')
    const account = await createAccount(env(req), {
      username, password: password ? checkPassword(password) : randomToken(24),
      email: email ? check(emailSchema, email, 'email') : null,
      displayName: param(req, 'displayName') ?? param(req, 'displayname') ?? null,
      role: groups.some((g) => g.toLowerCase() === 'admin') ? 'admin' : 'member',
      quotaBytes: quota ? parseQuota(quota) : null,
      language: param(req, 'language') ? check(languageSchema, param(req, 'language'), 'language') : null,
    }, spaceOf(req).limits.maxAccounts)
    for (const g of groups) if (g.toLowerCase() !== 'admin') env(req).store.groups.addMember(g, account.id)
    // Like Nextcloud's welcome mail: without a password the new user sets one through a link.
    if (!password) await requestPasswordReset(env(req), spaceInfoOf(req, deps), account.username, deps.sendMail)
    return { status: 200, data: { id: account.username } }
  }))

  router.get('/cloud/user', ocsRoute(logger, {}, (req) => {
    const me = env(req).store.accounts.byId(principalOf(req).accountId)
    if (!me) throw new NotFound('User does not exist')
    const { displayname, ...rest } = data(req, me)
    return { status: 200, data: { ...rest, 'display-name': displayname ?? '' } }
  }))

  router.get('/cloud/users/:id', ocsRoute(logger, {}, (req) => {
    const actor = principalOf(req)
    const account = target(req)
    if (actor.role !== 'admin' && actor.accountId !== account.id) throw new NotFound('User does not exist')
    return { status: 200, data: data(req, account) }
  }))

  router.put('/cloud/users/:id', ocsRoute(logger, { not_found: 101, validation_failed: 102, password_rejected: 107, email_taken: 102, last_admin: 102 }, async (req) => {
    const actor = principalOf(req)
    const account = target(req)
    if (actor.role !== 'admin' && actor.accountId !== account.id) throw new Forbidden('You may only edit your own account.')
    const patch = await editPatch(param(req, 'key') ?? '', param(req, 'value') ?? '', actor)
    updateAccount(env(req), account.id, patch)
    return { status: 200, data: [] }
  }))

  for (const [action, enabled] of [['enable', true], ['disable', false]] as const) {
    router.put(`/cloud/users/:id/${action}`, ocsRoute(logger, { not_found: 101, last_admin: 101 }, (req) => {
      assertAdmin(principalOf(req))
      updateAccount(env(req), target(req).id, { enabled })
      return { status: 200, data: [] }
    }))
  }

  router.delete('/cloud/users/:id', ocsRoute(logger, { not_found: 101, last_admin: 101, validation_failed: 101 }, async (req) => {
    const actor = principalOf(req)
    assertAdmin(actor)
    const account = target(req)
    if (account.id === actor.accountId) throw new ValidationError('You cannot delete your own account here.')
    const space = spaceOf(req)
    await deleteAccount(env(req), { removeUserFiles: (u, m) => deps.files.removeUserFiles(space, u, m) }, actor, account.id, 'delete')
    return { status: 200, data: [] }
  }))

  router.get('/cloud/users/:id/groups', ocsRoute(logger, { not_found: OCS.NOT_FOUND }, (req) => {
    const actor = principalOf(req)
    const account = target(req)
    if (actor.role !== 'admin' && actor.accountId !== account.id) throw new Forbidden('You may only see your own groups.')
    return { status: 200, data: { groups: groupsOfAccount(env(req), account) } }
  }))

  const membership = (add: boolean) => ocsRoute(logger, { group_not_found: 102, not_found: 103, forbidden: 104, last_admin: 105 }, (req) => {
    const actor = principalOf(req)
    const group = param(req, 'groupid')
    if (!group) throw new ValidationError('groupid is required.', { errors: [{ path: 'groupid', message: 'Name the group.' }] })
    assertAdmin(actor)
    const fn = add ? addToGroup : removeFromGroup
    fn(env(req), String(req.params.id), group)
    return { status: 200, data: [] }
  })
  router.post('/cloud/users/:id/groups', membership(true))
  router.delete('/cloud/users/:id/groups', membership(false))
}
