/**
 * READY: boots the real workspace host in process for integration and browser tests: a temp
 * DATA_DIR, the run's Redis with a queue prefix of its own, a random port.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import crypto from 'node:crypto'
import { inject } from 'vitest'
import { loadConfig } from '@maison/config'
import type { Logger } from 'pino'
import { startServer, type RunningServer } from '@maison/workspace'
import { createProvisionerModule } from '@maison/provisioner'

export interface TestServer {
  url: string
  dataDir: string
  server: RunningServer
  spaceUrl(slug: string): string
  createSpace(slug: string, opts?: { admin?: { username: string; password: string; email?: string }; name?: string; maxAccounts?: number; quotaBytes?: number }): Promise<void>
  close(): Promise<void>
}

function redisUrl(): string {
  try {
    return inject('redisUrl')
  } catch {
    const url = process.env.MAISON_TEST_REDIS_URL
    if (!url) throw new Error('no test Redis: run through vitest (globalSetup) or set MAISON_TEST_REDIS_URL')
    return url
  }
}

/** Starts a server; `env` overrides configuration variables (e.g. SMTP_URL, SPACE_MAX_ACCOUNTS). */
export async function startTestServer(env: Record<string, string> = {}, opts: { clock?: () => Date; logger?: Logger } = {}): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'maison-test-'))
  const config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    REDIS_URL: redisUrl(),
    QUEUE_PREFIX: `t${crypto.randomBytes(5).toString('hex')}`,
    LOG_LEVEL: process.env.MAISON_TEST_LOG_LEVEL ?? 'silent',
    ...env,
  })
  const server = await startServer(config, { clock: opts.clock, logger: opts.logger, platform: createProvisionerModule })
  return {
    url: server.url,
    dataDir,
    server,
    spaceUrl: (slug) => `${server.url}/s/${slug}`,
    async createSpace(slug, opts = {}) {
      await server.createSpace({
        slug,
        name: opts.name ?? `Space ${slug}`,
        admin: opts.admin ?? { username: 'admin', password: 'admin-password-1' },
        maxAccounts: opts.maxAccounts,
        quotaBytes: opts.quotaBytes,
      })
    },
    async close() {
      await server.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
