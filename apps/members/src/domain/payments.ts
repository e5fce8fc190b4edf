import { Conflict, NotFound, ValidationError } from '@maison/errors'
import type { MembersEnv } from './repositories.ts'
import { paymentInput, type PaymentInput } from './schemas.ts'
import { feeFor, getActivity } from './activities.ts'
import { getMember } from './members.ts'
import { addDays } from './dates.ts'
import { formatAmount } from './dates.ts'
import { parseOrThrow } from './validate.ts'
import type { Activity, IsoDate, Payment, Subscription } from './types.ts'

export interface SubscriptionBalance extends Subscription {
  activityName: string
  paidCents: number
  dueCents: number
}

const tooMuch = (cents: number) =>
  new ValidationError('The payment is more than what is due.', { errors: [{ path: 'amountCents', message: `at most ${cents} cents (${formatAmount(cents, 'en')}) are still due` }] })

/** Dates of a new subscription paid on `paidOn`, following the previous one of the same activity. */
function periodOf(activity: Activity, paidOn: IsoDate, previous: Subscription | null): { startsOn: IsoDate; expiresOn: IsoDate | null } {
  const v = activity.validity
  if (v.kind === 'season') {
    if (previous) throw new Conflict(`This member already has a subscription to ${activity.name}.`, { errors: [{ path: 'activityId', message: 'already paid for this season' }] })
    return { startsOn: v.start, expiresOn: v.end }
  }
  if (v.kind === 'none') return { startsOn: paidOn, expiresOn: null }
  // Renewing early adds the new period after the current one, so nobody loses the days already paid.
  const startsOn = previous?.expiresOn && previous.expiresOn >= paidOn ? addDays(previous.expiresOn, 1) : paidOn
  return { startsOn, expiresOn: addDays(startsOn, v.days - 1) }
}

/**
 * Records a payment: completes the member's latest unpaid subscription to this activity, or creates
 * (renews) one with its expiry. @throws NotFound, ValidationError, Conflict
 */
export function recordPayment(env: MembersEnv, memberId: number, input: unknown): { payment: Payment; subscription: SubscriptionBalance } {
  const p: PaymentInput = parseOrThrow(paymentInput, input, 'payment')
  return env.store.transaction(() => {
    const member = getMember(env, memberId)
    const activity = env.store.activities.get(p.activityId)
    if (!activity) throw new ValidationError('No such activity.', { errors: [{ path: 'activityId', message: 'no such activity' }] })
    const s = env.store.subscriptions
    const previous = s.latestForActivity(memberId, activity.id)
    let sub: Subscription
    if (previous && s.paidCents(previous.id) < previous.amountDueCents) {
      sub = previous
      const left = previous.amountDueCents - s.paidCents(previous.id)
      if (p.amountCents > left) throw tooMuch(left)
    } else {
      const fee = feeFor(activity, member.categoryId)
      const due = fee ? fee.amountCents : p.amountCents
      if (p.amountCents > due) throw tooMuch(due)
      sub = s.insert({ memberId, activityId: activity.id, feeId: fee?.id ?? null, amountDueCents: due, ...periodOf(activity, p.paidOn, previous) }, env.clock())
    }
    const payment = env.store.payments.insert(
      { memberId, subscriptionId: sub.id, amountCents: p.amountCents, paidOn: p.paidOn, method: p.method, reference: p.reference ?? null, note: p.note },
      env.clock(),
    )
    return { payment, subscription: balanceOf(env, sub) }
  })
}

/** Removes a mistaken payment; a subscription left with no payment goes too. @throws NotFound */
export function deletePayment(env: MembersEnv, memberId: number, paymentId: number): void {
  env.store.transaction(() => {
    const p = env.store.payments.get(paymentId)
    if (!p || p.memberId !== memberId) throw new NotFound('No such payment.')
    env.store.payments.delete(paymentId)
    if (env.store.subscriptions.paidCents(p.subscriptionId) === 0) env.store.subscriptions.delete(p.subscriptionId)
  })
}

/** What was due, paid and is left on one subscription. */
export function balanceOf(env: MembersEnv, sub: Subscription): SubscriptionBalance {
  const paid = env.store.subscriptions.paidCents(sub.id)
  const name = env.store.activities.get(sub.activityId)?.name ?? ''
  return { ...sub, activityName: name, paidCents: paid, dueCents: Math.max(0, sub.amountDueCents - paid) }
}

/** A member's subscriptions (latest first) with balances, and their payments. @throws NotFound */
export function memberAccount(env: MembersEnv, memberId: number): { subscriptions: SubscriptionBalance[]; payments: Payment[]; dueCents: number } {
  getMember(env, memberId)
  const subscriptions = env.store.subscriptions.listForMember(memberId).map((s) => balanceOf(env, s))
  return { subscriptions, payments: env.store.payments.listForMember(memberId), dueCents: subscriptions.reduce((n, s) => n + s.dueCents, 0) }
}

/** One payment of a member, with the activity it paid. @throws NotFound */
export function getPayment(env: MembersEnv, memberId: number, paymentId: number): { payment: Payment; subscription: SubscriptionBalance } {
  const p = env.store.payments.get(paymentId)
  if (!p || p.memberId !== memberId) throw new NotFound('No such payment.')
  return { payment: p, subscription: balanceOf(env, env.store.subscriptions.get(p.subscriptionId)!) }
}

export { getActivity }
