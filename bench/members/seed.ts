import type { AppServices } from '@maison/app-contract'
import { createActivity } from '../../apps/members/src/domain/activities.ts'
import { recordPayment } from '../../apps/members/src/domain/payments.ts'
import { createRule } from '../../apps/members/src/domain/reminders.ts'
import type { MembersEnv } from '../../apps/members/src/domain/repositories.ts'
import { sqliteMembersStore } from '../../apps/members/src/storage/store.ts'

/** Gives every member of the space a 30-day subscription paid on `paidOn`, and a reminder on the day it expires (set-up, not measured). */
export async function seedSubscriptions(services: AppServices, slug: string, paidOn: Date): Promise<void> {
  await services.spaces.use(slug, (space) => {
    const env: MembersEnv = { store: sqliteMembersStore(space.db), clock: services.clock, defaults: { associationName: space.name, timeZone: 'Europe/Paris' } }
    const activity = createActivity(env, { name: 'Cotisation', validity: { kind: 'days', days: 30 }, fees: [{ label: 'Normal', amountCents: 1500 }] })
    createRule(env, activity.id, { offsetDays: 0, templates: { fr: { subject: 'Échéance {{expiryDate}}', body: 'Bonjour {{firstName}}' }, en: { subject: 'Due {{expiryDate}}', body: 'Hello {{firstName}}' } } })
    const ids = space.db.prepare('SELECT id FROM members_members').pluck().all() as number[]
    env.store.transaction(() => {
      for (const id of ids) recordPayment(env, id, { activityId: activity.id, amountCents: 1500, paidOn: paidOn.toISOString().slice(0, 10), method: 'transfer' })
    })
  })
}
