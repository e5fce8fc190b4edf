import { Conflict, NotFound } from '@maison/errors'
import type { Role } from '@maison/app-contract'
import type { AccountRecord, InvitationRecord, Language } from '../storage/types.ts'
import { insertAccount } from './accounts.ts'
import type { AccountsEnv, SpaceInfo } from './context.ts'
import { isoIn, isoNow } from './context.ts'
import { EmailTaken, LinkExpired } from './errors.ts'
import { assertRoomForAnother } from './limits.ts'
import { invitationMail } from './mails.ts'
import type { SendMail } from './mailer.ts'
import { hashPassword, randomToken, sha256 } from './passwords.ts'

export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000

/**
 * Invites someone by e-mail to create an account; the invitation holds a seat until used, revoked or expired.
 * @throws EmailTaken, Conflict (already invited), LimitReached
 */
export async function inviteByEmail(
  env: AccountsEnv, space: SpaceInfo, inviter: AccountRecord,
  input: { email: string; role: Role; language?: Language | null }, sendMail: SendMail,
): Promise<InvitationRecord> {
  const token = randomToken(32)
  const language = input.language ?? inviter.language ?? 'en'
  const invitation = env.store.tx.exclusive(() => {
    if (env.store.accounts.byEmail(input.email)) throw new EmailTaken()
    if (env.store.invitations.pendingForEmail(input.email, isoNow(env))) {
      throw new Conflict(`${input.email} already has a pending invitation; revoke it to send a new one.`, {
        errors: [{ path: 'email', message: 'This address already has a pending invitation.' }],
      })
    }
    assertRoomForAnother(env, space.limits.maxAccounts)
    return env.store.invitations.insert({
      tokenHash: sha256(token), email: input.email, role: input.role, language, invitedBy: inviter.id,
      createdAt: isoNow(env), expiresAt: isoIn(env, INVITATION_TTL_MS),
    })
  })
  const mail = invitationMail(language, {
    spaceName: space.name, inviterName: inviter.displayName, link: `${space.baseUrl}/invite/${token}`, expiresAt: invitation.expiresAt,
  })
  await sendMail({ to: input.email, ...mail, key: `invite:${space.slug}:${invitation.id}` })
  return invitation
}

export function listPendingInvitations(env: AccountsEnv): InvitationRecord[] {
  return env.store.invitations.listPending(isoNow(env))
}

/** @throws NotFound */
export function revokeInvitation(env: AccountsEnv, id: number): void {
  if (!env.store.invitations.revoke(id, isoNow(env))) throw new NotFound(`There is no pending invitation with id ${id}.`)
}

/**
 * The invitation behind a link, if it can still be used.
 * @throws LinkExpired
 */
export function openInvitation(env: AccountsEnv, token: string): InvitationRecord {
  const invitation = env.store.invitations.byTokenHash(sha256(token))
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= isoNow(env)) {
    throw new LinkExpired('This invitation link has expired, was revoked or was already used. Ask for a new invitation.')
  }
  return invitation
}

/**
 * Creates the invited account (e-mail and role from the invitation) and uses the invitation up, atomically.
 * @throws LinkExpired, UsernameTaken, LimitReached
 */
export async function acceptInvitation(
  env: AccountsEnv, space: SpaceInfo, token: string, input: { username: string; displayName?: string | null; password: string },
): Promise<AccountRecord> {
  openInvitation(env, token)
  const passwordHash = await hashPassword(input.password)
  return env.store.tx.exclusive(() => {
    const invitation = openInvitation(env, token)
    assertRoomForAnother(env, space.limits.maxAccounts, { invitationHeld: true })
    const account = insertAccount(env, {
      username: input.username, displayName: input.displayName, email: invitation.email, role: invitation.role, language: invitation.language,
    }, passwordHash)
    if (!env.store.invitations.markAccepted(invitation.id, isoNow(env), account.id)) {
      throw new LinkExpired('This invitation link was just used.')
    }
    return account
  })
}
