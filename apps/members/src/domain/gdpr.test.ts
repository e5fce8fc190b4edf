import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildMember, makeEnv } from '../../test/harness.ts'
import { createActivity } from './activities.ts'
import { anonymiseMember, memberDataExport } from './gdpr.ts'
import { memberAccount, recordPayment } from './payments.ts'

let h: ReturnType<typeof makeEnv>
beforeEach(() => {
  h = makeEnv('2026-03-01T10:00:00Z')
})
afterEach(() => h.close())

describe('anonymising a member', () => {
  it('clears the payer’s name from payment notes and references, keeping amounts, dates and methods', () => {
    const act = createActivity(h.env, { name: 'Cotisation', validity: { kind: 'days', days: 365 }, fees: [{ label: 'N', amountCents: 3000 }] })
    const m = buildMember(h.env, { firstName: 'Gina', lastName: 'Gdpr' })
    const other = buildMember(h.env, { firstName: 'Otto', lastName: 'Other' })
    recordPayment(h.env, m.id, { activityId: act.id, amountCents: 1000, paidOn: '2026-02-01', method: 'online', reference: 'HELLOASSO-GINA-GDPR-42' })
    recordPayment(h.env, m.id, { activityId: act.id, amountCents: 2000, paidOn: '2026-02-15', method: 'cheque', note: 'Chèque de Mme Gina Gdpr' })
    recordPayment(h.env, other.id, { activityId: act.id, amountCents: 3000, paidOn: '2026-02-15', method: 'transfer', reference: 'VIR OTTO', note: 'Otto paid' })

    anonymiseMember(h.env, m.id)

    const account = memberAccount(h.env, m.id)
    expect(account.payments.map((p) => [p.amountCents, p.paidOn, p.method, p.reference, p.note])).toEqual([
      [2000, '2026-02-15', 'cheque', null, ''],
      [1000, '2026-02-01', 'online', null, ''],
    ])
    expect(account.dueCents).toBe(0)
    expect(JSON.stringify(memberDataExport(h.env, m.id))).not.toMatch(/Gina|GINA|Gdpr|GDPR/)
    // Another member's payments keep their details.
    expect(memberAccount(h.env, other.id).payments[0]).toMatchObject({ reference: 'VIR OTTO', note: 'Otto paid' })
  })
})
