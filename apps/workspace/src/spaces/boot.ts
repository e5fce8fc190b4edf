import fs from 'node:fs'
import path from 'node:path'
import type { Config } from '@maison/config'
import { BackgroundCheckpoints, migrate, openDatabase, SpaceDatabasePool, type Db, type MigrationSet } from '@maison/db'
import type { AppDefinition } from '@maison/app-contract'
import { platformMigrations } from '../../migrations/platform/index.ts'
import { SpaceHost, type SpaceInitializer } from './host.ts'
import { SqliteSpaceRegistry } from './registry.ts'

export interface SpaceHostParts {
  platformDb: Db
  registry: SqliteSpaceRegistry
  pool: SpaceDatabasePool
  host: SpaceHost
  /** A serving process's: see openSpaceHost's `serving`. */
  checkpoints: BackgroundCheckpoints | null
  /** Closes the databases; `stop()` the checkpoints first, if any. */
  close(): void
}

/** How often written space databases are handed to the checkpoint thread, and when it closes an unused connection. */
const CHECKPOINT_EVERY_MS = 250
const CHECKPOINT_IDLE_MS = 30_000

/**
 * Opens the platform database and the space host; used by the server and the command line alike. With `serving`
 * (the server), space databases are checkpointed on a thread of their own (BackgroundCheckpoints), not in the commit
 * of whichever request crosses SQLite's threshold.
 */
export function openSpaceHost(
  config: Config,
  sets: { workspace: readonly MigrationSet[]; apps: readonly AppDefinition[] },
  initializers: readonly SpaceInitializer[],
  clock: () => Date,
  onOpen?: (slug: string, dir: string) => void,
  serving?: { onCheckpointError(file: string, message: string): void },
): SpaceHostParts {
  fs.mkdirSync(path.join(config.DATA_DIR, 'spaces'), { recursive: true })
  const platformDb = openDatabase(path.join(config.DATA_DIR, 'platform.sqlite'))
  migrate(platformDb, [platformMigrations], clock)
  const registry = new SqliteSpaceRegistry(platformDb, clock)
  const checkpoints = serving
    ? new BackgroundCheckpoints({ everyMs: CHECKPOINT_EVERY_MS, idleMs: CHECKPOINT_IDLE_MS, onError: serving.onCheckpointError })
    : null
  const pool = new SpaceDatabasePool(path.join(config.DATA_DIR, 'spaces'), {
    maxOpen: config.SPACE_DB_MAX_OPEN,
    idleMs: config.SPACE_DB_IDLE_SECONDS * 1000,
    onOpen: onOpen && ((slug) => onOpen(slug, path.join(config.DATA_DIR, 'spaces', slug))),
    checkpoints: checkpoints ?? undefined,
  })
  const appSets = sets.apps.filter((a) => a.migrations.length).map((a) => ({ scope: a.id, migrations: a.migrations }))
  const host = new SpaceHost(registry, pool, [...sets.workspace, ...appSets], initializers, clock, { templateDir: path.join(config.DATA_DIR, 'templates') })
  return {
    platformDb, registry, pool, host, checkpoints,
    close() {
      pool.closeAll()
      platformDb.close()
    },
  }
}
