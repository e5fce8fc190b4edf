import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { redisCommand, RespError } from './resp.ts'

export interface LaunchLog {
  info(msg: string): void
  warn(msg: string): void
}

/**
 * Runs redis-server under a small bash guard that holds the read end of a pipe from us:
 * when the pipe reaches EOF (we exited, even by SIGKILL) or gets a line (stop()), the guard
 * sends SIGTERM so Redis flushes its AOF and exits. The guard also exits when Redis dies.
 */
const GUARD = `
redis-server "$@" </dev/null &
r=$!
echo "maison-redis-pid $r"
trap 'kill -TERM $r 2>/dev/null' TERM INT
while kill -0 "$r" 2>/dev/null; do
  read -r -t 0.2 _
  if [ $? -lt 128 ]; then break; fi
done
kill -TERM "$r" 2>/dev/null
wait "$r"
`

export interface RedisProcess {
  /** The bash guard; its exit means Redis has exited. */
  guard: ChildProcess
  /** PID of redis-server itself (for RSS sampling or crash tests). */
  pid: number
  exited: Promise<number | null>
  /** Last lines Redis printed, to explain a failed start. */
  output: string[]
}

/** Starts redis-server with `args` under the guard and resolves once it answers PING on `port`. */
export async function spawnRedis(args: string[], port: number, opts: { onLine?: (line: string) => void; timeoutMs?: number } = {}): Promise<RedisProcess> {
  // Own process group: a Ctrl-C in the terminal must not stop Redis before the app has closed its queues.
  const guard = spawn('bash', ['-c', GUARD, 'maison-redis', ...args], { stdio: ['pipe', 'pipe', 'pipe'], detached: true })
  const output: string[] = []
  let pid = 0
  const exited = new Promise<number | null>((resolve) => guard.once('exit', (code) => resolve(code)))
  const onData = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue
      const m = /^maison-redis-pid (\d+)$/.exec(line.trim())
      if (m) {
        pid = Number(m[1])
        continue
      }
      output.push(line)
      if (output.length > 30) output.shift()
      opts.onLine?.(line)
    }
  }
  guard.stdout!.on('data', onData)
  guard.stderr!.on('data', onData)
  // The guard must not keep our event loop alive, nor be killed with us by a terminal signal.
  guard.unref()
  ;(guard.stdout as unknown as { unref?: () => void }).unref?.()
  ;(guard.stderr as unknown as { unref?: () => void }).unref?.()
  ;(guard.stdin as unknown as { unref?: () => void }).unref?.()

  let gone = false
  void exited.then(() => (gone = true))
  const deadline = Date.now() + (opts.timeoutMs ?? 15_000)
  // Checking the PID, not just PING, catches another Redis that won the race for a random port.
  while (!(pid && (await redisPid(port)) === pid)) {
    if (gone) throw new Error(`redis-server exited before answering on port ${port}:\n${output.join('\n')}`)
    if (Date.now() > deadline) {
      guard.stdin!.end()
      throw new Error(`redis-server did not answer on port ${port} within ${opts.timeoutMs ?? 15_000} ms:\n${output.join('\n')}`)
    }
    await sleep(50)
  }
  return { guard, pid, exited, output }
}

/** Asks the guard to stop Redis (SIGTERM, AOF flushed) and waits for it to exit. */
export async function stopRedis(p: RedisProcess): Promise<void> {
  if (p.guard.exitCode !== null || p.guard.signalCode !== null) return
  // Keep the event loop alive until Redis has flushed and exited.
  p.guard.ref()
  p.guard.stdin!.end('stop\n')
  await p.exited
}

/** True when a Redis on 127.0.0.1:port answers PING. */
export async function pingRedis(port: number, host = '127.0.0.1'): Promise<boolean> {
  try {
    return (await redisCommand(port, host, ['PING'], 500)) === 'PONG'
  } catch {
    return false
  }
}

async function redisPid(port: number): Promise<number | null> {
  try {
    const info = await redisCommand(port, '127.0.0.1', ['INFO', 'server'], 500)
    const m = typeof info === 'string' ? /process_id:(\d+)/.exec(info) : null
    return m ? Number(m[1]) : null
  } catch {
    return null
  }
}

/** A TCP port that was free on 127.0.0.1 a moment ago (callers retry if they lose the race). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, host, () => {
      const port = (srv.address() as net.AddressInfo).port
      srv.close(() => resolve(port))
    })
  })
}

export interface EnsureRedisOptions {
  /** DATA_DIR; Redis keeps its AOF in DATA_DIR/redis. */
  dataDir: string
  port: number
  /** infra/redis.conf */
  confPath: string
  log: LaunchLog
}

export interface EmbeddedRedis {
  url: string
  /** false when a Redis left running on this port with this data dir was reused. */
  started: boolean
  /** Stops Redis if we started it; call after closing the queues. */
  stop(): Promise<void>
}

/**
 * Makes sure the embedded Redis runs on 127.0.0.1:port with its data in DATA_DIR/redis.
 * Redis stops when stop() is called or when this process exits in any way.
 * @throws Error when the port is held by something else, or redis-server cannot start.
 */
export async function ensureRedis(opts: EnsureRedisOptions): Promise<EmbeddedRedis> {
  const dir = path.resolve(opts.dataDir, 'redis')
  fs.mkdirSync(dir, { recursive: true })
  const url = `redis://127.0.0.1:${opts.port}`
  if (await adoptable(opts.port, dir)) {
    opts.log.info(`Reusing the Redis already running on port ${opts.port} with ${dir}`)
    return { url, started: false, stop: async () => {} }
  }
  if (!fs.existsSync(opts.confPath)) throw new Error(`Redis configuration not found: ${opts.confPath}`)
  const args = [opts.confPath, '--port', String(opts.port), '--dir', dir, '--daemonize', 'no']
  const proc = await spawnRedis(args, opts.port, {
    onLine: (line) => {
      // Redis logs its start-up banner at warning level too; pass on only real problems.
      if (/WARNING|error|fatal|failed|can't/i.test(line) && !/overcommit/.test(line)) opts.log.warn(`redis: ${line.trim()}`)
    },
  })
  opts.log.info(`Redis started on port ${opts.port} (pid ${proc.pid}, data in ${dir})`)
  return { url, started: true, stop: () => stopRedis(proc) }
}

/** True when a Redis on the port uses `dir`; throws when the port is taken by anything else. */
async function adoptable(port: number, dir: string): Promise<boolean> {
  let reply
  try {
    reply = await redisCommand(port, '127.0.0.1', ['CONFIG', 'GET', 'dir'], 1000)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ECONNREFUSED') return false
    throw new Error(`Port ${port} is used by another program (${(err as Error).message}). Set REDIS_PORT to a free port or REDIS_URL to an existing Redis.`)
  }
  if (reply instanceof RespError) {
    throw new Error(`Port ${port} holds a Redis that refuses CONFIG GET (${reply.message}). Set REDIS_PORT to a free port or REDIS_URL to use that Redis.`)
  }
  const theirs = Array.isArray(reply) && typeof reply[1] === 'string' ? reply[1] : ''
  if (theirs && fs.existsSync(theirs) && fs.realpathSync(theirs) === fs.realpathSync(dir)) return true
  throw new Error(`Port ${port} holds another Redis (data dir ${theirs || 'unknown'}). Set REDIS_PORT to a free port or REDIS_URL to use that Redis.`)
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms))
}
