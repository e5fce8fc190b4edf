/**
 * A worker process for the crash test: provisioning and mail workers over a shared DATA_DIR,
 * killed with SIGKILL by the test at random moments. Prints "ready" once its workers run.
 */
import { startProvisionWorkers } from '../../apps/provisioner/src/index.ts'
import { startPlatform } from './platform.ts'

const env = process.env
const t = await startPlatform({
  dataDir: env.CRASH_DATA_DIR!, prefix: env.CRASH_PREFIX!, redisUrl: env.CRASH_REDIS_URL!,
  options: {
    guards: env.CRASH_GUARDS !== 'off', provisionConcurrency: 4, sweepMs: 1000, sweepStaleMs: 2000,
    lockDurationMs: 1500, stalledIntervalMs: 1000, maxStalledCount: 100,
  },
})
// Mail is delivered by the test process: the mail worker's own stall settings belong to @maison/mail (see the report).
if (env.CRASH_MAIL === 'on') t.mail.startWorker(4)
await startProvisionWorkers(t.p)
process.stdout.write('ready\n')
process.on('SIGTERM', () => {
  void t.close().then(() => process.exit(0))
})
