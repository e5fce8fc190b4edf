import { LimitReached } from '@maison/errors'
import type { AccountsEnv } from './context.ts'
import { isoNow } from './context.ts'

/**
 * Refuses a new account or invitation when the space is full. Pending invitations count: each one
 * holds a seat, so accepting it can never be refused for lack of room. Call inside `store.tx.exclusive`.
 * @throws LimitReached
 */
export function assertRoomForAnother(env: AccountsEnv, maxAccounts: number, opts: { invitationHeld?: boolean } = {}): void {
  const accounts = env.store.accounts.count()
  const pending = env.store.invitations.countPending(isoNow(env))
  // The invitation being accepted is one of the pending ones: it turns its own seat into an account.
  const used = accounts + pending - (opts.invitationHeld ? 1 : 0)
  if (used < maxAccounts) return
  const n = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`
  const detail = pending > 0 && !opts.invitationHeld
    ? `This space already has ${n(accounts, 'account')} and ${n(pending, 'pending invitation')}; it may have at most ${n(maxAccounts, 'account')}. Revoke an invitation or delete an account first.`
    : `This space already has ${n(accounts, 'account')}, the most it may have.`
  throw new LimitReached(detail)
}
