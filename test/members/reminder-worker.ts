/**
 * A worker-only process for the exactly-once test: it runs the members reminder queue and nothing
 * else (no mail worker), so killing it hits the reminder run, not the mail hand-off.
 * Env: DATA_DIR, REDIS_URL, QUEUE_PREFIX, NOW (ISO instant the clock stands at).
 */
import { pino } from 'pino'
import { loadConfig } from '@maison/config'
import { QueueRegistry } from '@maison/queue'
import { errorTextWith, loadMessageCatalogue } from '@maison/errors'
import { MailService, type MailLedger, type Mailer } from '@maison/mail'
import type { AppServices } from '@maison/app-contract'
import { REMINDERS_QUEUE, membersRuntime, processReminderJob } from '../../apps/members/src/index.ts'
import { errorMessageFiles, loadApps } from '../../apps/workspace/src/apps/catalog.ts'
import { openSpaceHost } from '../../apps/workspace/src/spaces/boot.ts'
import { spaceDirectory } from '../../apps/workspace/src/spaces/context.ts'
import { davAccess } from '../../apps/workspace/src/spaces/dav-access.ts'
import { appApiAccess } from '../../apps/workspace/src/spaces/app-api-access.ts'
import { spaceLook } from '../../apps/workspace/src/spaces/appearance.ts'
import { InternalTokens, loadInternalKey } from '../../apps/workspace/src/auth/internalTokens.ts'
import { spaceMigrationSets } from '../../apps/workspace/src/modules.ts'

const env = process.env
const config = loadConfig({ DATA_DIR: env.DATA_DIR!, REDIS_URL: env.REDIS_URL!, QUEUE_PREFIX: env.QUEUE_PREFIX!, NODE_ENV: 'test', ROLE: 'worker', LOG_LEVEL: 'silent' })
const queues = new QueueRegistry(config.REDIS_URL!, config.QUEUE_PREFIX)
// This process only enqueues mail; delivering is the other process's job.
const noDelivery: Mailer & MailLedger = {
  send: async () => { throw new Error('this process does not deliver mail') },
  wasSent: () => false,
  markSent: () => undefined,
}
const mail = new MailService(queues, noDelivery, noDelivery)
const now = new Date(process.env.NOW!)
const apps = await loadApps(new URL('../../apps', import.meta.url).pathname)
const parts = openSpaceHost(config, { workspace: spaceMigrationSets(), apps }, [], () => now)
const tokens = new InternalTokens(loadInternalKey(config.DATA_DIR), () => now)
const services: AppServices = {
  config, logger: pino({ level: 'silent' }), queues, sendMail: (m) => mail.enqueue(m), sendMails: (ms) => mail.enqueueMany(ms), clock: () => now,
  spaces: spaceDirectory(parts.host, parts.registry, config),
  dav: davAccess(config, tokens, () => now),
  appApi: appApiAccess(config, tokens, () => now, apps),
  appearance: spaceLook,
  errorText: errorTextWith(loadMessageCatalogue(errorMessageFiles(new URL('../..', import.meta.url).pathname))),
}
const rt = membersRuntime(services)
// Short locks so a job whose worker was killed is picked up again within seconds.
queues.worker<{ slug?: string }>(REMINDERS_QUEUE, (job) => processReminderJob(rt, job), { concurrency: 1, lockDuration: 3000, stalledInterval: 1000 })
process.stdout.write('ready\n')
