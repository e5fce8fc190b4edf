import type { TestProject } from 'vitest/node'
import { startRedis } from './redis.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** redis://127.0.0.1:PORT of the one Redis shared by the whole run; isolate with a unique queue prefix. */
    redisUrl: string
  }
}

/** Starts one real Redis (AOF on, as in production) for the whole run and stops it at the end. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const redis = await startRedis({ appendonly: true })
  project.provide('redisUrl', redis.url)
  // Forked workers inherit the environment, which helps code that runs outside a test context.
  process.env.MAISON_TEST_REDIS_URL = redis.url
  return async () => {
    await redis.stop()
  }
}
