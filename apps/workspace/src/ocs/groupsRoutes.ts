import type { Router } from 'express'
import { ValidationError } from '@maison/errors'
import { createGroup, deleteGroup, groupMembers, listGroups } from '../accounts/domain/groups.ts'
import type { AccountsDeps } from '../accounts/deps.ts'
import { envOf, principalOf } from '../accounts/http/context.ts'
import { ocsRoute } from './handler.ts'
import { assertAdmin, intParam, param } from './params.ts'

/** The Nextcloud provisioning API's groups endpoints. */
export function mountOcsGroups(router: Router, deps: AccountsDeps): void {
  const { logger } = deps

  router.get('/cloud/groups', ocsRoute(logger, {}, (req) => {
    principalOf(req)
    const groups = listGroups(envOf(req, deps), { search: param(req, 'search') || undefined, limit: intParam(req, 'limit'), offset: intParam(req, 'offset') })
    return { status: 200, data: { groups } }
  }))

  router.post('/cloud/groups', ocsRoute(logger, { validation_failed: 101, group_exists: 102 }, (req) => {
    assertAdmin(principalOf(req))
    const name = param(req, 'groupid') ?? ''
    if (!name) throw new ValidationError('Invalid group name', { errors: [{ path: 'groupid', message: 'Name the group.' }] })
    createGroup(envOf(req, deps), name)
    return { status: 200, data: [] }
  }))

  router.get('/cloud/groups/:id', ocsRoute(logger, { group_not_found: 404 }, (req) => {
    assertAdmin(principalOf(req))
    return { status: 200, data: { users: groupMembers(envOf(req, deps), String(req.params.id)) } }
  }))

  router.delete('/cloud/groups/:id', ocsRoute(logger, { group_not_found: 101, admin_group_fixed: 102 }, (req) => {
    assertAdmin(principalOf(req))
    deleteGroup(envOf(req, deps), String(req.params.id))
    return { status: 200, data: [] }
  }))
}
