import type { MembersEnv } from './repositories.ts'
import { getMember, newVerifyToken } from './members.ts'
import { memberAccount } from './payments.ts'
import { memberStatus } from './status.ts'
import type { Member } from './types.ts'

/** Everything stored about one member, as one JSON document (GDPR right of access). @throws NotFound */
export function memberDataExport(env: MembersEnv, id: number) {
  const m = getMember(env, id)
  const { verifyToken: _t, ...member } = m
  const category = m.categoryId === null ? null : (env.store.categories.get(m.categoryId)?.name ?? null)
  const fields = env.store.fields.list()
  const custom = Object.entries(m.custom).map(([key, value]) => ({ key, label: fields.find((f) => f.key === key)?.label ?? key, value }))
  return {
    exportedAt: env.clock().toISOString(),
    member: { ...member, category, custom },
    ...memberStatus(env, id),
    ...memberAccount(env, id),
    remindersSent: env.store.reminders.sentTo(id),
  }
}

/**
 * Removes everything that identifies a member and keeps their payments' amounts, dates and methods, so the
 * association's totals and receipt numbering stay right (GDPR erasure with an accounting duty); payment notes
 * and references go too, as they often carry the payer's name. Old cards stop verifying.
 * @throws NotFound
 */
export function anonymiseMember(env: MembersEnv, id: number): Member {
  return env.store.transaction(() => {
    const m = getMember(env, id)
    env.store.members.update(id, {
      ...m, firstName: 'Anonymous', lastName: `#${m.number}`, email: null, phone: null,
      address: { street: null, postcode: null, city: null, country: null }, birthDate: null,
      consent: { newsletter: false, photos: false }, remindersOptOut: true, notes: '', custom: {}, account: null,
    }, env.clock())
    env.store.members.setVerifyToken(id, newVerifyToken())
    env.store.payments.clearDetails(id)
    env.store.reminders.forgetMember(id)
    return getMember(env, id)
  })
}
