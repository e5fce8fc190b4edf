/**
 * A fleet for the upgrade tests: the real space host over a DATA_DIR with one extra app scope,
 * `testapp`, whose migration 2 the test adds (and can make throw for chosen spaces). No vitest
 * import: a worker child process uses it too.
 */
import path from 'node:path'
import { pino } from 'pino'
import type { AppDefinition } from '@maison/app-contract'
import { loadConfig } from '@maison/config'
import type { Db, Migration } from '@maison/db'
import { MailService, OutboxMailer } from '@maison/mail'
import { QueueRegistry } from '@maison/queue'
import { buildProvisioner, type Provisioner, type ProvisionerOptions } from '../../apps/provisioner/src/index.ts'
import { openSpaceHost, type SpaceHostParts } from '../../apps/workspace/src/spaces/boot.ts'
import { SqliteMailLedger, SqliteOutbox } from '../../apps/workspace/src/platform/mail-store.ts'
import { SPACE_SETS } from './platform.ts'

export const slugOfDb = (db: Db): string => path.basename(path.dirname(db.name))

export interface FleetHooks {
  /** Spaces whose migration 2 throws. */
  fails?: (slug: string) => boolean
  /** Runs inside migration 2, while the space is being migrated. */
  during?: (slug: string, db: Db) => void
}

/** The test app at schema version 1, or 2 (with a table added by the migration under test). */
export function testApp(version: 1 | 2, hooks: FleetHooks = {}): AppDefinition {
  const m1: Migration = { id: 1, name: 'notes', up: 'CREATE TABLE testapp_notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)' }
  const m2: Migration = {
    id: 2,
    name: 'note tags',
    up: (db) => {
      const slug = slugOfDb(db)
      hooks.during?.(slug, db)
      db.exec('CREATE TABLE testapp_tags (note_id INTEGER NOT NULL, tag TEXT NOT NULL)')
      if (hooks.fails?.(slug)) throw new Error(`tags migration refused for ${slug}`)
    },
  }
  return { id: 'testapp', migrations: version === 1 ? [m1] : [m1, m2] } as unknown as AppDefinition
}

export interface Fleet {
  parts: SpaceHostParts
  queues: QueueRegistry
  p: Provisioner
  close(): Promise<void>
}

/** Opens the host at a schema version and builds the provisioner over it. */
export function openFleet(o: {
  dataDir: string; redisUrl: string; prefix: string; version: 1 | 2; hooks?: FleetHooks
  options?: Partial<ProvisionerOptions>; clock?: () => Date
}): Fleet {
  const config = loadConfig({ DATA_DIR: o.dataDir, NODE_ENV: 'test' })
  const clock = o.clock ?? (() => new Date())
  const parts = openSpaceHost(config, { workspace: SPACE_SETS, apps: [testApp(o.version, o.hooks)] }, [], clock)
  const queues = new QueueRegistry(o.redisUrl, o.prefix)
  const outbox = new SqliteOutbox(parts.platformDb)
  const mail = new MailService(queues, new OutboxMailer(outbox, () => {}), new SqliteMailLedger(parts.platformDb), clock)
  const p = buildProvisioner({
    platformDb: parts.platformDb, registry: parts.registry, pool: parts.pool, host: parts.host, queues, mail, outbox,
    baseUrl: 'http://maison.test', dataDir: config.DATA_DIR, logger: pino({ level: 'silent' }), clock, options: o.options,
  })
  return {
    parts, queues, p,
    async close() {
      await queues.close()
      parts.close()
    },
  }
}
