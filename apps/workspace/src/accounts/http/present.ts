import type { SpaceContext } from '@maison/app-contract'
import type { AccountRecord, AppPasswordRecord, InvitationRecord } from '../storage/types.ts'
import type { AccountFilesHooks } from '../deps.ts'

/** The signed-in user as the UI sees it (`GET /me`). */
export function presentMe(a: AccountRecord, space: SpaceContext, files: AccountFilesHooks) {
  return {
    username: a.username, displayName: a.displayName, email: a.email, role: a.role, language: a.language,
    quota: { used: files.usage(space, a.username), total: a.quotaBytes ?? space.limits.quotaBytes },
  }
}

/** An account in the admin list. */
export function presentAccount(a: AccountRecord, space: SpaceContext, files: AccountFilesHooks) {
  return {
    id: a.id, username: a.username, displayName: a.displayName, email: a.email, role: a.role, enabled: a.enabled,
    quota: { used: files.usage(space, a.username), total: a.quotaBytes }, lastLoginAt: a.lastLoginAt,
  }
}

export function presentAppPassword(p: AppPasswordRecord) {
  return { id: p.id, name: p.name, createdAt: p.createdAt, lastUsedAt: p.lastUsedAt }
}

export function presentInvitation(i: InvitationRecord) {
  return { id: i.id, email: i.email, role: i.role, createdAt: i.createdAt, expiresAt: i.expiresAt }
}
