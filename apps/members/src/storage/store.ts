import { writeTransaction, type Db } from '@maison/db'
import type { MembersStore } from '../domain/repositories.ts'
import { SqliteMemberRepository } from './sqlite-members.ts'
import { SqliteCategoryRepository, SqliteFieldRepository, SqliteSettingsRepository } from './sqlite-catalog.ts'
import { SqliteActivityRepository, SqlitePaymentRepository, SqliteSubscriptionRepository } from './sqlite-activities.ts'
import { SqliteReminderRepository } from './sqlite-reminders.ts'
import { SqliteJoinAttemptRepository, SqliteMessageRepository, SqliteSavedViewRepository } from './sqlite-views.ts'

const stores = new WeakMap<Db, MembersStore>()

/** The members store of one space database (one per handle, cached). */
export function sqliteMembersStore(db: Db): MembersStore {
  let s = stores.get(db)
  if (!s) {
    s = {
      members: new SqliteMemberRepository(db),
      categories: new SqliteCategoryRepository(db),
      fields: new SqliteFieldRepository(db),
      activities: new SqliteActivityRepository(db),
      subscriptions: new SqliteSubscriptionRepository(db),
      payments: new SqlitePaymentRepository(db),
      reminders: new SqliteReminderRepository(db),
      settings: new SqliteSettingsRepository(db),
      views: new SqliteSavedViewRepository(db),
      messages: new SqliteMessageRepository(db),
      joinAttempts: new SqliteJoinAttemptRepository(db),
      // IMMEDIATE: a reminder run in another process must not decide from the same snapshot.
      transaction: <T>(fn: () => T): T => writeTransaction(db, fn),
    }
    stores.set(db, s)
  }
  return s
}
