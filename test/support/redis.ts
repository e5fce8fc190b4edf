import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort, spawnRedis, stopRedis, type RedisProcess } from '../../scripts/lib/redis.ts'

/** The production Redis settings, so tests run against the same persistence and eviction rules. */
export const REDIS_CONF = fileURLToPath(new URL('../../infra/redis.conf', import.meta.url))

export interface StartRedisOptions {
  /** AOF persistence (default true, as in infra/redis.conf). */
  appendonly?: boolean
  /** `always` makes crash tests deterministic; production uses everysec. */
  appendfsync?: 'always' | 'everysec' | 'no'
  /** Data directory; a fresh temp dir (removed by stop()) when omitted. */
  dir?: string
}

export interface TestRedis {
  url: string
  port: number
  dir: string
  /** PID of the running redis-server. */
  readonly pid: number
  /** Graceful shutdown (AOF flushed); removes the temp dir it created. */
  stop(): Promise<void>
  /** SIGKILL, as in a crash: nothing is flushed beyond what fsync already wrote. */
  kill9(): Promise<void>
  /** Starts Redis again on the same port and directory (after kill9 or stop). */
  restart(): Promise<void>
}

/** Starts a private redis-server on a random free port for tests that crash and restart it. */
export async function startRedis(opts: StartRedisOptions = {}): Promise<TestRedis> {
  const ownDir = !opts.dir
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'maison-redis-'))
  fs.mkdirSync(dir, { recursive: true })
  const aof = opts.appendonly ?? true
  const argsFor = (port: number): string[] => [
    REDIS_CONF, '--port', String(port), '--dir', dir, '--daemonize', 'no',
    '--appendonly', aof ? 'yes' : 'no', '--appendfsync', opts.appendfsync ?? 'everysec', '--save', '', '--loglevel', 'warning',
  ]

  let port = 0
  let proc: RedisProcess | undefined
  // Another test may grab the port between freePort() and Redis binding it: try again.
  for (let attempt = 1; !proc; attempt++) {
    port = await freePort()
    try {
      proc = await spawnRedis(argsFor(port), port)
    } catch (err) {
      if (attempt >= 5 || !/Address already in use/i.test((err as Error).message)) throw err
    }
  }
  let current: RedisProcess = proc!

  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    get pid() {
      return current.pid
    },
    async stop() {
      await stopRedis(current)
      if (ownDir) fs.rmSync(dir, { recursive: true, force: true })
    },
    async kill9() {
      current.guard.ref()
      process.kill(current.pid, 'SIGKILL')
      await current.exited
    },
    async restart() {
      await stopRedis(current)
      current = await spawnRedis(argsFor(port), port)
    },
  }
}
