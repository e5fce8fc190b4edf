/**
 * Several web processes on one port (WEB_CONCURRENCY, `node:cluster`): the primary forks the web
 * workers, which re-run the same entry script and serve HTTP only, and keeps the background jobs
 * for itself. Nothing a request needs lives only in one process's memory (sessions, throttles and
 * jobs are in SQLite and Redis; SQLite WAL lets several processes share a space database).
 */
import cluster, { type Worker } from 'node:cluster'
import type { Logger } from 'pino'

interface ReadyMessage {
  maison: 'web-ready'
  url: string
}

const SHUTDOWN = { maison: 'shutdown' } as const
// A worker that does not close in time is killed: its sockets would hold the shutdown forever.
const STOP_GRACE_MS = 10_000
// A worker that keeps dying right away must not turn into a fork loop.
const RESPAWN_DELAY_MS = 1_000

const isReady = (m: unknown): m is ReadyMessage => (m as ReadyMessage | null)?.maison === 'web-ready'

/** True in a web worker forked by `forkWebWorkers` (it serves HTTP only). */
export function isWebWorker(): boolean {
  return cluster.isWorker
}

/** Called by a web worker once it serves: tells the primary its URL, and closes when asked to or signalled. */
export function reportWebReady(url: string, close: () => Promise<void>): void {
  let closing = false
  const stop = (): void => {
    if (closing) return
    closing = true
    close().finally(() => process.exit(0))
  }
  process.on('message', (m) => {
    if ((m as typeof SHUTDOWN | null)?.maison === SHUTDOWN.maison) stop()
  })
  // Ctrl-C reaches the whole process group: the primary decides, so a worker just closes.
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  process.send?.({ maison: 'web-ready', url } satisfies ReadyMessage)
}

export interface WebWorkers {
  /** The URL the workers serve (with the real port when PORT was 0). */
  url: string
  close(): Promise<void>
}

/**
 * Forks `count` web workers running this process's entry script and resolves once all of them serve.
 * With PORT=0 they share one random port: the primary hands out the listening socket.
 * @throws Error when a worker exits before it is ready (the others are stopped).
 */
export async function forkWebWorkers(count: number, logger: Logger): Promise<WebWorkers> {
  let stopping = false
  const workers = new Set<Worker>()
  const ready = new WeakSet<Worker>()

  const fork = (): Promise<string> => {
    const worker = cluster.fork()
    workers.add(worker)
    return new Promise<string>((resolve, reject) => {
      const onMessage = (m: unknown): void => {
        if (!isReady(m)) return
        worker.off('message', onMessage)
        ready.add(worker)
        resolve(m.url)
      }
      worker.on('message', onMessage)
      worker.once('exit', (code, signal) => {
        workers.delete(worker)
        reject(new Error(`web worker ${worker.process.pid} exited (${signal ?? code}) before it was ready`))
        if (stopping) return
        logger.error({ workerPid: worker.process.pid, code, signal }, 'web worker exited; starting another')
        setTimeout(() => {
          if (!stopping) fork().catch((err: Error) => logger.error({ err }, 'replacement web worker failed'))
        }, RESPAWN_DELAY_MS).unref()
      })
    })
  }

  const close = async (): Promise<void> => {
    stopping = true
    await Promise.all([...workers].map((w) => stopWorker(w, ready.has(w))))
  }

  try {
    const urls = await Promise.all(Array.from({ length: count }, fork))
    return { url: urls[0]!, close }
  } catch (err) {
    await close()
    throw err
  }
}

// A worker still booting has no shutdown handler yet: SIGTERM ends it (and is handled once it is ready).
function stopWorker(worker: Worker, ready: boolean): Promise<void> {
  if (worker.isDead()) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(() => worker.process.kill('SIGKILL'), STOP_GRACE_MS)
    worker.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    if (ready && worker.isConnected()) worker.send(SHUTDOWN)
    else worker.process.kill('SIGTERM')
  })
}
