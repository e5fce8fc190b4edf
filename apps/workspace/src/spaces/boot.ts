import fs from 'node:fs'
import path from 'node:path'
import type { Config } from '@maison/config'
import { migrate, openDatabase, SpaceDatabasePool, type Db, type MigrationSet } from '@maison/db'
import type { AppDefinition } from '@maison/app-contract'
import { platformMigrations } from '../../migrations/platform/index.ts'
import { SpaceHost, type SpaceInitializer } from './host.ts'
import { SqliteSpaceRegistry } from './registry.ts'

export interface SpaceHostParts {
  platformDb: Db
  registry: SqliteSpaceRegistry
  pool: SpaceDatabasePool
  host: SpaceHost
  close(): void
}

/** Opens the platform database and the space host; used by the server and the command line alike. */
export function openSpaceHost(
  config: Config,
  sets: { workspace: readonly MigrationSet[]; apps: readonly AppDefinition[] },
  initializers: readonly SpaceInitializer[],
  clock: () => Date,
  onOpen?: (slug: string, dir: string) => void,
): SpaceHostParts {
  fs.mkdirSync(path.join(config.DATA_DIR, 'spaces'), { recursive: true })
  const platformDb = openDatabase(path.join(config.DATA_DIR, 'platform.sqlite'))
  migrate(platformDb, [platformMigrations], clock)
  const registry = new SqliteSpaceRegistry(platformDb, clock)
  const pool = new SpaceDatabasePool(path.join(config.DATA_DIR, 'spaces'), {
    maxOpen: config.SPACE_DB_MAX_OPEN,
    idleMs: config.SPACE_DB_IDLE_SECONDS * 1000,
    onOpen: onOpen && ((slug) => onOpen(slug, path.join(config.DATA_DIR, 'spaces', slug))),
  })
  const appSets = sets.apps.filter((a) => a.migrations.length).map((a) => ({ scope: a.id, migrations: a.migrations }))
  const host = new SpaceHost(registry, pool, [...sets.workspace, ...appSets], initializers, clock, { templateDir: path.join(config.DATA_DIR, 'templates') })
  return {
    platformDb, registry, pool, host,
    close() {
      pool.closeAll()
      platformDb.close()
    },
  }
}
