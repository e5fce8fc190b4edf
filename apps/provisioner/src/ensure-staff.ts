import { migrate, type Db } from '@maison/db'
import { provisionerMigrations } from '../migrations/index.ts'
import { ensureStaffAdmin as ensure } from './domain/staff.ts'
import { SqliteStaffRepository } from './storage/sqlite-staff.ts'

/**
 * For `npm start`: creates the staff admin `staff` on the platform database. Returns the
 * generated password to print once, or null (account existed, or STAFF_PASSWORD chose it).
 */
export async function ensureStaffAdmin(platformDb: Db, password: string | undefined): Promise<string | null> {
  migrate(platformDb, [provisionerMigrations])
  return ensure(new SqliteStaffRepository(platformDb), password)
}
