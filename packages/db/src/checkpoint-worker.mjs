// The thread of BackgroundCheckpoints (checkpoints.ts): plain JavaScript, so that it runs the same under tsx, from
// the sources and from a bundle. Receives database files; copies their WAL into the database with a PASSIVE
// checkpoint (never waits for readers or writers), on a connection of its own that it closes once idle.
import { parentPort, workerData } from 'node:worker_threads'
import { createRequire } from 'node:module'
import fs from 'node:fs'

const Database = createRequire(import.meta.url)(workerData.sqlite)
const idleMs = workerData.idleMs
/** file → { db, ino, lastUsed } */
const open = new Map()

function close(file) {
  const c = open.get(file)
  if (!c) return
  open.delete(file)
  try {
    // The last connection to close copies what is left and removes the WAL, here rather than on the event loop.
    c.db.close()
  } catch {
    // Already unusable (file removed); nothing to keep.
  }
}

function checkpoint(file) {
  const ino = fs.statSync(file, { throwIfNoEntry: false })?.ino
  let c = open.get(file)
  // A space deleted, or deleted and created again: the old connection points at files that are gone.
  if (c && c.ino !== ino) close(file)
  if (ino === undefined) return
  c = open.get(file)
  if (!c) {
    const db = new Database(file, { fileMustExist: true })
    db.pragma('busy_timeout = 1000')
    c = { db, ino, lastUsed: 0 }
    open.set(file, c)
  }
  c.lastUsed = Date.now()
  const [result] = c.db.pragma('wal_checkpoint(PASSIVE)')
  parentPort.postMessage({ file, log: result.log, checkpointed: result.checkpointed })
}

parentPort.on('message', (msg) => {
  if (msg.stop) {
    for (const file of [...open.keys()]) close(file)
    parentPort.close()
    return
  }
  try {
    checkpoint(msg.file)
  } catch (err) {
    // A busy or vanished database: the next write asks again, and SQLite's own bound still holds meanwhile.
    parentPort.postMessage({ file: msg.file, error: String(err?.message ?? err) })
  }
})

setInterval(() => {
  const now = Date.now()
  for (const [file, c] of open) if (now - c.lastUsed > idleMs) close(file)
}, Math.min(idleMs, 10_000)).unref()
