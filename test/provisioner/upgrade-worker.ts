/**
 * A fleet-upgrade worker for the kill test: the host at schema 2 whose migration takes a while
 * (so kills land inside it), with short locks so a killed lane is taken over quickly.
 * Appends "slug" to UP_LOG each time a migration body starts. Prints "ready" once its workers run.
 */
import fs from 'node:fs'
import { startFleetWorkers } from '../../apps/provisioner/src/jobs/fleet-workers.ts'
import { openFleet } from './upgrade-fleet.ts'

const env = process.env
const pause = new Int32Array(new SharedArrayBuffer(4))
const f = openFleet({
  dataDir: env.UP_DATA_DIR!, redisUrl: env.UP_REDIS_URL!, prefix: env.UP_PREFIX!, version: 2,
  hooks: {
    during: (slug) => {
      fs.appendFileSync(env.UP_LOG!, `${slug}\n`)
      // A slow migration, synchronously: the space stays in maintenance meanwhile.
      Atomics.wait(pause, 0, 0, Number(env.UP_MIGRATION_MS ?? 60))
    },
  },
  options: { upgrade: { concurrency: 2, maxFailures: 10, lockDurationMs: 1500 }, lockDurationMs: 1500, stalledIntervalMs: 1000, maxStalledCount: 1000 },
})
await startFleetWorkers(f.p)
process.stdout.write('ready\n')
process.on('SIGTERM', () => {
  void f.close().then(() => process.exit(0))
})
