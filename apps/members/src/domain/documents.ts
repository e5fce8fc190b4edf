import { NotFound } from '@maison/errors'
import type { MembersEnv } from './repositories.ts'
import { readSettings } from './settings.ts'
import { getMember } from './members.ts'
import type { Member, Payment } from './types.ts'

/** What a receipt shows. @throws NotFound */
export function receiptData(env: MembersEnv, memberId: number, paymentId: number): { association: string; member: Member; payment: Payment; activityName: string } {
  const member = getMember(env, memberId)
  const payment = env.store.payments.get(paymentId)
  if (!payment || payment.memberId !== memberId) throw new NotFound('No such payment.')
  const sub = env.store.subscriptions.get(payment.subscriptionId)!
  return { association: readSettings(env).associationName, member, payment, activityName: env.store.activities.get(sub.activityId)?.name ?? '' }
}

/** What a member card shows; the verify URL carries only the card's token. @throws NotFound */
export function cardData(env: MembersEnv, memberId: number, spaceBaseUrl: string) {
  const member = getMember(env, memberId)
  const latest = env.store.subscriptions.latest(memberId)
  const category = member.categoryId === null ? null : (env.store.categories.get(member.categoryId)?.name ?? null)
  return {
    association: readSettings(env).associationName, member, category, validUntil: latest?.expiresOn ?? null,
    verifyUrl: `${spaceBaseUrl}/p/members/verify/${member.verifyToken}`,
  }
}

/** Cards of several members, in the given order, for a printable sheet. @throws NotFound */
export function cardsData(env: MembersEnv, ids: number[], spaceBaseUrl: string) {
  return [...new Set(ids)].map((id) => cardData(env, id, spaceBaseUrl))
}
