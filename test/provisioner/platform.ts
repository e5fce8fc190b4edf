/** A real provisioner over a DATA_DIR, a Redis (own queue prefix) and the real workspace space host. No vitest import: worker child processes use it too. */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pino } from 'pino'
import { loadConfig } from '@maison/config'
import { MailService, OutboxMailer, SmtpMailer } from '@maison/mail'
import { QueueRegistry } from '@maison/queue'
import { buildProvisioner, type Provisioner, type ProvisionerOptions } from '../../apps/provisioner/src/index.ts'
import { openSpaceHost, type SpaceHostParts } from '../../apps/workspace/src/spaces/boot.ts'
import { SqliteMailLedger, SqliteOutbox } from '../../apps/workspace/src/platform/mail-store.ts'
import { workspaceMigrations } from '../../apps/workspace/migrations/workspace/index.ts'
import { filesMigrations } from '../../apps/workspace/migrations/files/index.ts'
import { accountsMigrationList } from '../../apps/workspace/migrations/accounts/index.ts'

export const SPACE_SETS = [workspaceMigrations, filesMigrations, { scope: 'accounts', migrations: accountsMigrationList }]

export interface TestPlatform {
  dataDir: string
  prefix: string
  parts: SpaceHostParts
  queues: QueueRegistry
  mail: MailService
  outbox: SqliteOutbox
  p: Provisioner
  close(): Promise<void>
}

/** Boots the platform pieces; `startMailWorker` delivers mail to the outbox (or SMTP when smtpUrl is given). */
export async function startPlatform(opts: {
  dataDir?: string; prefix?: string; redisUrl: string; smtpUrl?: string; baseUrl?: string
  options?: Partial<ProvisionerOptions>; clock?: () => Date
}): Promise<TestPlatform> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'maison-prov-'))
  const prefix = opts.prefix ?? `tp${crypto.randomBytes(5).toString('hex')}`
  const config = loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'test' })
  const clock = opts.clock ?? (() => new Date())
  const parts = openSpaceHost(config, { workspace: SPACE_SETS, apps: [] }, [], clock)
  const queues = new QueueRegistry(opts.redisUrl, prefix)
  const outbox = new SqliteOutbox(parts.platformDb)
  const mailer = opts.smtpUrl ? new SmtpMailer(opts.smtpUrl, 'Maison <no-reply@maison.localhost>') : new OutboxMailer(outbox, () => {})
  const mail = new MailService(queues, mailer, new SqliteMailLedger(parts.platformDb), clock)
  const p = buildProvisioner({
    platformDb: parts.platformDb, registry: parts.registry, pool: parts.pool, host: parts.host, queues, mail, outbox,
    baseUrl: opts.baseUrl ?? 'http://maison.test', dataDir: config.DATA_DIR, logger: pino({ level: 'silent' }), clock,
    options: { sweepMs: 500, sweepStaleMs: 0, ...opts.options },
  })
  const ownDir = !opts.dataDir
  return {
    dataDir, prefix, parts, queues, mail, outbox, p,
    async close() {
      await queues.close()
      parts.close()
      if (ownDir) fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

