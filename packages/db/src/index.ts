export { openDatabase, type Db } from './sqlite.ts'
export {
  migrate, migrateFiltered, pendingCount, appliedVersions, sqlMigrationsFrom, type Migration, type MigrationFilter, type MigrationSet,
} from './migrations.ts'
export { SpaceDatabasePool, type DatabaseLease } from './pool.ts'
export { buildTemplate, copyTemplate, stampTemplateLedger, templateProblems, TEMPLATE_MARK } from './template.ts'
export { prepared } from './statements.ts'
