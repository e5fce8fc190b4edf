import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/**
 * Another connection, on a thread of its own (as another process would be), takes the write lock of `file` by
 * inserting 1 into its table `t`, and commits after `holdMs`; resolves once the lock is held.
 */
export async function holdWriteLock(file: string, holdMs: number): Promise<Worker> {
  const worker = new Worker(`
    const { parentPort, workerData } = require('node:worker_threads')
    const Database = require(workerData.driver)
    const db = new Database(workerData.file)
    db.exec('BEGIN IMMEDIATE')
    db.exec('INSERT INTO t VALUES (1)')
    parentPort.postMessage('locked')
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.holdMs)
    db.exec('COMMIT')
    db.close()
    parentPort.postMessage('released')
  `, { eval: true, workerData: { file, holdMs, driver: createRequire(import.meta.url).resolve('better-sqlite3') } })
  await new Promise((resolve) => worker.once('message', resolve))
  return worker
}
