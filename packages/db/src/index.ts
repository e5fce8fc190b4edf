export { openDatabase, BUSY_TIMEOUT_MS, type Db } from './sqlite.ts'
export { writeTransaction } from './write-transaction.ts'
export { groupedWrite } from './grouped-write.ts'
export {
  migrate, migrateFiltered, pendingCount, appliedVersions, sqlMigrationsFrom, type Migration, type MigrationFilter, type MigrationSet,
} from './migrations.ts'
export { SpaceDatabasePool, type DatabaseLease } from './pool.ts'
export { BackgroundCheckpoints, FALLBACK_CHECKPOINT_PAGES } from './checkpoints.ts'
export { buildTemplate, copyTemplate, stampTemplateLedger, templateProblems, TEMPLATE_MARK } from './template.ts'
export { prepared } from './statements.ts'
export { changeStamp } from './change-stamp.ts'
