import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildMember, errorOf, makeEnv } from '../../test/harness.ts'
import { createActivity } from './activities.ts'
import { createCategory } from './categories.ts'
import { deletePayment, memberAccount, recordPayment } from './payments.ts'
import { memberStatus } from './status.ts'
import { listMembers } from './members.ts'

let h: ReturnType<typeof makeEnv>
beforeEach(() => {
  h = makeEnv('2026-01-10T10:00:00Z')
})
afterEach(() => h.close())

describe('fees and payments', () => {
  it('a yearly fee per category, partial payments and the amount due', () => {
    const student = createCategory(h.env, { name: 'Student' })
    const act = createActivity(h.env, {
      name: 'Membership', validity: { kind: 'days', days: 365 },
      fees: [{ label: 'Standard', amountCents: 3000 }, { label: 'Student', amountCents: 1000, categoryId: student.id }],
    })
    const m = buildMember(h.env)
    const s = buildMember(h.env, { categoryId: student.id })
    const first = recordPayment(h.env, m.id, { activityId: act.id, amountCents: 1000, paidOn: '2026-01-10', method: 'cash' })
    expect(first.subscription).toMatchObject({ amountDueCents: 3000, paidCents: 1000, dueCents: 2000, startsOn: '2026-01-10', expiresOn: '2027-01-09' })
    const second = recordPayment(h.env, m.id, { activityId: act.id, amountCents: 2000, paidOn: '2026-01-20', method: 'cheque' })
    expect(second.subscription.id).toBe(first.subscription.id)
    expect(second.subscription.dueCents).toBe(0)
    expect(second.payment.receiptNumber).toBe(2)
    expect(recordPayment(h.env, s.id, { activityId: act.id, amountCents: 1000, paidOn: '2026-01-10', method: 'card' }).subscription.amountDueCents).toBe(1000)
    const tooMuch = errorOf(() => recordPayment(h.env, s.id, { activityId: act.id, amountCents: 5000, paidOn: '2026-01-10', method: 'card' }))
    expect(tooMuch.errors![0]!.path).toBe('amountCents')
    expect(memberAccount(h.env, m.id)).toMatchObject({ dueCents: 0, payments: [{ amountCents: 2000 }, { amountCents: 1000 }] })
  })

  it('renewing early starts after the current period; status follows the latest subscription', () => {
    const act = createActivity(h.env, { name: 'Membership', validity: { kind: 'days', days: 365 }, fees: [{ label: 'Fee', amountCents: 2000 }] })
    const m = buildMember(h.env)
    expect(memberStatus(h.env, m.id).status).toBe('none')
    recordPayment(h.env, m.id, { activityId: act.id, amountCents: 2000, paidOn: '2025-02-01', method: 'transfer' })
    expect(memberStatus(h.env, m.id)).toEqual({ status: 'due_soon', expiresOn: '2026-01-31' })
    const renewal = recordPayment(h.env, m.id, { activityId: act.id, amountCents: 2000, paidOn: '2026-01-15', method: 'transfer' })
    expect(renewal.subscription).toMatchObject({ startsOn: '2026-02-01', expiresOn: '2027-01-31' })
    expect(memberStatus(h.env, m.id).status).toBe('up_to_date')
    h.clock.set('2027-03-01T12:00:00Z')
    expect(memberStatus(h.env, m.id).status).toBe('lapsed')
    const base = { includeHidden: false, sort: 'expiresOn' as const, order: 'asc' as const, offset: 0, limit: 10 }
    expect(listMembers(h.env, { ...base, status: 'lapsed' }).items.map((i) => i.expiresOn)).toEqual(['2027-01-31'])
  })

  it('a season fee is paid once; an online payment needs its reference; deleting undoes', () => {
    const act = createActivity(h.env, { name: 'Season 2026', validity: { kind: 'season', start: '2025-09-01', end: '2026-08-31' }, fees: [{ label: 'Fee', amountCents: 500 }] })
    const m = buildMember(h.env)
    const noRef = errorOf(() => recordPayment(h.env, m.id, { activityId: act.id, amountCents: 500, paidOn: '2026-01-10', method: 'online' }))
    expect(noRef.errors).toEqual([{ path: 'reference', message: 'an online payment needs the platform reference' }])
    const paid = recordPayment(h.env, m.id, { activityId: act.id, amountCents: 500, paidOn: '2026-01-10', method: 'online', reference: 'HA-123' })
    expect(paid.subscription.expiresOn).toBe('2026-08-31')
    expect(errorOf(() => recordPayment(h.env, m.id, { activityId: act.id, amountCents: 500, paidOn: '2026-01-11', method: 'cash' })).status).toBe(409)
    deletePayment(h.env, m.id, paid.payment.id)
    expect(memberAccount(h.env, m.id).subscriptions).toEqual([])
  })

  it('refuses bad activities and absurd amounts or dates', () => {
    const err = errorOf(() => createActivity(h.env, { name: 'X', validity: { kind: 'season', start: '2026-09-01', end: '2026-01-01' }, fees: [{ label: 'a', amountCents: -1 }] }))
    expect(err.errors!.map((e) => e.path).sort()).toEqual(['fees.0.amountCents', 'validity.end'])
    const m = buildMember(h.env)
    const e2 = errorOf(() => recordPayment(h.env, m.id, { activityId: 42, amountCents: 10.5, paidOn: '1800-01-01', method: 'bitcoin' }))
    expect(e2.errors!.map((e) => e.path).sort()).toEqual(['amountCents', 'method', 'paidOn'])
  })
})
