export { openDatabase, type Db } from './sqlite.ts'
export { migrate, pendingCount, appliedVersions, sqlMigrationsFrom, type Migration, type MigrationSet } from './migrations.ts'
export { SpaceDatabasePool, type DatabaseLease } from './pool.ts'
