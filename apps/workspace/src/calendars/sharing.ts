import { randomBytes } from 'node:crypto'
import { Forbidden, NotFound, ValidationError } from '@maison/errors'
import type { CalendarDeps } from './deps.ts'
import { EVERYONE } from './access.ts'
import { ASSOCIATION_OWNER, type Access, type CalendarShare, type CalendarView } from './model.ts'

function assertManage(view: CalendarView): void {
  if (!view.manage) throw new Forbidden('Only the owner of this calendar can share it.')
}

/** Who a calendar is shared with. @throws Forbidden unless the actor manages it */
export function listShares(deps: CalendarDeps, view: CalendarView): CalendarShare[] {
  assertManage(view)
  return deps.repo.sharesOf(view.calendar.id)
}

/**
 * Shares a calendar with a member or a group (read, read-write; 'none' withdraws the association
 * calendar's default from someone). @throws Forbidden; ValidationError for an unknown member or group
 */
export function shareCalendar(deps: CalendarDeps, view: CalendarView, input: { kind: 'user' | 'group'; principal: string; access: Access }): CalendarShare {
  assertManage(view)
  const association = view.calendar.owner === ASSOCIATION_OWNER
  if (input.kind === 'user') {
    if (!deps.directory.account(input.principal)) throw new ValidationError(`No member named ${input.principal}.`, { errors: [{ path: 'principal', message: 'unknown member' }] })
    if (input.principal === view.calendar.owner) throw new ValidationError('A calendar is not shared with its owner.', { errors: [{ path: 'principal', message: 'owner' }] })
  } else if (!(association && input.principal === EVERYONE) && !deps.directory.groupExists(input.principal)) {
    throw new ValidationError(`No group named ${input.principal}.`, { errors: [{ path: 'principal', message: 'unknown group' }] })
  }
  if (input.access === 'none' && !association) throw new ValidationError('Remove the share instead of setting "none".', { errors: [{ path: 'access', message: 'expected read or read-write' }] })
  const share: CalendarShare = { calendarId: view.calendar.id, ...input }
  deps.repo.setShare(share)
  return share
}

/** Stops sharing with a member or group. @throws Forbidden; NotFound */
export function unshareCalendar(deps: CalendarDeps, view: CalendarView, kind: 'user' | 'group', principal: string): void {
  assertManage(view)
  if (!deps.repo.removeShare(view.calendar.id, kind, principal)) throw new NotFound('This calendar is not shared with them.')
}

/** Creates (or replaces) the calendar's public subscription token: 128 random bits. @throws Forbidden */
export function createPublicLink(deps: CalendarDeps, view: CalendarView): string {
  assertManage(view)
  const token = randomBytes(16).toString('base64url')
  deps.repo.setPublicToken(view.calendar.id, token)
  return token
}

/** Revokes the public link: the old URL answers 404 at once. @throws Forbidden */
export function revokePublicLink(deps: CalendarDeps, view: CalendarView): void {
  assertManage(view)
  deps.repo.setPublicToken(view.calendar.id, null)
}
