import { spawn, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort, spawnRedis, stopRedis, type RedisProcess } from '../../scripts/lib/redis.ts'
import { SERVER_NODE_FLAGS } from '../../scripts/lib/server-node-flags.ts'
import type { Target } from './client.ts'
import { buildServeBundle } from './bundle.ts'
import { removeTree } from './inodes.ts'

const SERVER_SOURCE = fileURLToPath(new URL('../../apps/workspace/src/server.ts', import.meta.url))
const SERVE = fileURLToPath(new URL('./serve-ours.ts', import.meta.url))
const REDIS_CONF = fileURLToPath(new URL('../../infra/redis.conf', import.meta.url))

export interface RunningOurs {
  target: Target
  stop(): Promise<void>
}

/** True once the lead's workspace server exists in the tree. */
export function oursAvailable(): boolean {
  return fs.existsSync(SERVER_SOURCE)
}

/**
 * Starts Maison in a child process with a fresh DATA_DIR and its own Redis, creates the space
 * "bench" with the account "bench", and returns that account's WebDAV home as the target.
 * @throws Error with the child's output when it does not come up.
 */
export async function startOurs(workDir: string, opts: {
  name?: string
  filesFsync?: boolean
  /** Another checkout's serve-ours.ts, to compare two trees. */
  serve?: string
  /** Run an esbuild bundle of the server instead of the sources under tsx (default: BENCH_BUNDLE=1, or =names to keep function names). */
  bundle?: 'off' | 'bundle' | 'names'
  /** Node options added to the shipped ones and BENCH_SERVER_NODE_ARGS, for this server only. */
  nodeArgs?: string[]
} = {}): Promise<RunningOurs> {
  const name = opts.name ?? 'ours'
  const root = path.resolve(workDir, name)
  fs.rmSync(root, { recursive: true, force: true })
  fs.mkdirSync(path.join(root, 'redis'), { recursive: true })
  const port = await freePort()
  const redis: RedisProcess = await spawnRedis([REDIS_CONF, '--port', String(port), '--dir', path.join(root, 'redis'), '--daemonize', 'no'], port)
  const password = crypto.randomBytes(12).toString('base64url')
  // e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=bench/.work/prof" to profile the server alone.
  const nodeArgs = [...SERVER_NODE_FLAGS, ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean), ...(opts.nodeArgs ?? [])]
  const env = opts.filesFsync === undefined ? process.env : { ...process.env, BENCH_FILES_FSYNC: String(opts.filesFsync) }
  const bundle = opts.bundle ?? bundleFromEnv()
  const entry = bundle === 'off'
    ? ['--import', 'tsx', opts.serve ?? SERVE]
    : [await buildServeBundle(opts.serve ?? SERVE, { keepNames: bundle === 'names' })]
  const child = spawn(process.execPath, [...nodeArgs, ...entry, path.join(root, 'data'), `redis://127.0.0.1:${port}`, password], {
    stdio: ['ignore', 'pipe', 'pipe'], env,
  })
  try {
    const ready = await waitReady(child)
    return {
      target: { name, url: `${ready.url}/s/bench/remote.php/dav/files/bench/`, user: ready.user, password: ready.password, pid: ready.pid,
        setup: ((ready.webConcurrency ?? 1) > 1
          ? `WEB_CONCURRENCY=${ready.webConcurrency}: ${ready.webConcurrency} web processes + the primary running jobs; RSS is the tree's`
          : 'WEB_CONCURRENCY=1: one process') + `, FILES_FSYNC=${ready.filesFsync ?? 'unknown'}` +
          (bundle === 'off' ? ', sources under tsx' : `, esbuild bundle${bundle === 'names' ? ' (keepNames)' : ''}`),
      },
      async stop() {
        await stopChild(child)
        await stopRedis(redis)
        // Deleted files sit in the trash: without this, each run leaves its 1 GB file behind.
        removeTree(workDir, root)
      },
    }
  } catch (err) {
    await stopChild(child)
    await stopRedis(redis)
    throw err
  }
}

function bundleFromEnv(): 'off' | 'bundle' | 'names' {
  const v = process.env.BENCH_BUNDLE
  return v === 'names' ? 'names' : v === '1' || v === 'true' ? 'bundle' : 'off'
}

interface Ready {
  url: string
  pid: number
  /** The login DAV requests use: an app password of the account "bench". */
  user: string
  password: string
  webConcurrency?: number
  filesFsync?: boolean
}

function waitReady(child: ChildProcess): Promise<Ready> {
  let output = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Maison did not start within 60 s:\n${output.slice(-3000)}`)), 60_000)
    const onData = (b: Buffer): void => {
      output += b.toString()
      const m = /^READY (.*)$/m.exec(output)
      if (m) {
        clearTimeout(timer)
        resolve(JSON.parse(m[1]!) as Ready)
      }
    }
    child.stdout!.on('data', onData)
    // BENCH_SERVER_LOG=file keeps everything the server prints (e.g. with BENCH_SERVER_NODE_ARGS=--trace-gc).
    if (process.env.BENCH_SERVER_LOG) {
      const log = fs.createWriteStream(process.env.BENCH_SERVER_LOG, { flags: 'a' })
      child.stdout!.pipe(log)
      child.stderr!.pipe(log)
    }
    // Later warnings still reach the terminal.
    child.stderr!.on('data', (b: Buffer) => {
      output += b.toString()
      process.stderr.write(b)
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`Maison exited with code ${code} before it was ready:\n${output.slice(-3000)}`))
    })
  })
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const t = setTimeout(() => child.kill('SIGKILL'), 15_000)
    child.once('exit', () => {
      clearTimeout(t)
      resolve()
    })
    child.kill('SIGTERM')
  })
}
