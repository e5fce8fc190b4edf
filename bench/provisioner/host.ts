/** The embedded default as `npm start` runs it (one process, every app, ROLE=all), with a handle on its provisioner. */
import { loadConfig } from '@maison/config'
import { startServer, type RunningServer } from '@maison/workspace'
import { createProvisionerModule, type Provisioner } from '@maison/provisioner'

export interface BenchHost {
  server: RunningServer
  p: Provisioner
  close(): Promise<void>
}

/** Starts the host on a random loopback port over `dataDir` and `redisUrl`. */
export async function startBenchHost(o: { dataDir: string; redisUrl: string; concurrency: number }): Promise<BenchHost> {
  const config = loadConfig({
    NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', DATA_DIR: o.dataDir, REDIS_URL: o.redisUrl, QUEUE_PREFIX: 'bench',
    LOG_LEVEL: 'warn', WEB_CONCURRENCY: '1', PROVISION_CONCURRENCY: String(o.concurrency),
    // The sweep re-queues lost approvals; nothing is lost here, and its scans would only add noise.
    PROVISION_SWEEP_MS: '3600000', PROVISION_SWEEP_STALE_MS: '3600000',
  })
  let p: Provisioner | undefined
  const server = await startServer(config, {
    platform: (deps) => {
      const module = createProvisionerModule(deps)
      p = module.provisioner
      return module
    },
  })
  return { server, p: p!, close: () => server.close() }
}
