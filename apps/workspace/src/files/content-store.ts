import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import type { Readable } from 'node:stream'
import { BadRequest, QuotaExceeded } from '@maison/errors'
import { syncDirectory } from './dir-sync.ts'

export interface ContentStat {
  size: number
  mtimeMs: number
  isDir: boolean
}

/** Where file contents live. Owners map to folders; paths are relative to the owner's root. */
export interface ContentStore {
  /** What is on disk at a path (blocking: a cached inode answers in 1-2 µs). */
  stat(owner: string, rel: string): ContentStat | null
  list(owner: string, rel: string): Promise<string[]>
  mkdir(owner: string, rel: string): Promise<void>
  /**
   * Streams a body to a temp file on the same filesystem (and fsyncs it when the store flushes).
   * `length` is the announced size, when known: small bodies may be gathered and written at once.
   * @throws QuotaExceeded as soon as more than `limit` bytes arrive (temp file removed).
   */
  receive(body: AsyncIterable<Buffer>, limit: number, length?: number): Promise<{ tmp: string; size: number }>
  /** Atomically puts a received temp file in place; returns the new stat. Synchronous, for use inside a DB transaction. */
  commitSync(tmp: string, owner: string, rel: string, mtimeMs?: number): ContentStat
  /**
   * Like commitSync, but the rename becomes durable only once `flushFolder` of its folder resolves:
   * callers answer the client after that, and keep the directory fsync out of the transaction.
   */
  placeSync(tmp: string, owner: string, rel: string, mtimeMs?: number): ContentStat
  /** Makes renames into a folder durable (shared between concurrent callers); nothing when the store does not flush. */
  flushFolder(owner: string, rel: string): Promise<void>
  discard(tmp: string): Promise<void>
  /** Copies a file or folder tree into a temp location, ready for `commitSync`. */
  stageCopy(owner: string, rel: string, depthZero: boolean): Promise<string>
  openRead(owner: string, rel: string, range?: { start: number; end: number }): Readable
  /** Where the file is on the local disk, for a caller that reads it with buffers of its own. */
  localPath(owner: string, rel: string): string
  /** Reads a small range whole into `into` (its length is the range's), synchronously (see LocalContentStore.readSmallSync). */
  readSmallSync(owner: string, rel: string, range: { start: number; end: number }, into: Buffer): Buffer
  /** Renames within the space (synchronous, for use inside a DB transaction). */
  renameSync(fromOwner: string, fromRel: string, toOwner: string, toRel: string): void
  remove(owner: string, rel: string): Promise<void>
  /** Removes temp files left by a crash. */
  cleanTemp(olderThanMs: number): Promise<number>
}

/** Relative paths that path.join would leave as they are: no empty, `.` or `..` segment, no leading or trailing slash. */
const PLAIN_PATH = /^(?!\.\.?(?:\/|$))(?:[^/]+\/(?!\.\.?(?:\/|$)))*[^/]+$/
const WRITE_BATCH = 256 * 1024
const READ_CHUNK = 256 * 1024
/** Uploads announced up to this size are gathered in memory and written to their temp file at once. */
export const SMALL_WRITE_BYTES = 256 * 1024
// Temp folders already created by this process: saves a mkdir per upload.
const knownTempDirs = new Set<string>()

// FILES_FSYNC, set once at boot for every store of the process (stores are built per request).
let fsyncByDefault = false

/** Whether stores flush uploads to disk before answering (FILES_FSYNC); call once at boot. */
export function setFilesFsync(on: boolean): void {
  fsyncByDefault = on
}

/** Contents as plain files under `{space.dir}/files/{owner}` and the trash under `{space.dir}/trash/`. */
export class LocalContentStore implements ContentStore {
  private readonly tmpDir: string
  private readonly filesDir: string
  private readonly fsync: boolean

  /**
   * `fsync` (default FILES_FSYNC): flush each received file, then its folder after the rename, so an
   * acknowledged write survives a power cut. Without it a write is still atomic (temp file + rename):
   * a crashed process never leaves a partial file.
   */
  constructor(private readonly spaceDir: string, opts: { fsync?: boolean } = {}) {
    this.tmpDir = path.join(spaceDir, 'tmp-uploads')
    this.filesDir = path.join(spaceDir, 'files')
    this.fsync = opts.fsync ?? fsyncByDefault
  }

  /** Absolute path of an owner-relative path; never outside the owner's folder. */
  absolute(owner: string, rel: string): string {
    const root = owner.startsWith('~trash/')
      ? path.join(this.spaceDir, 'trash', ...owner.slice('~trash/'.length).split('/'))
      : PLAIN_PATH.test(owner) ? `${this.filesDir}/${owner}` : path.join(this.filesDir, owner)
    // A path with nothing to normalise joins as it is: path.join was ~2 % of a small upload's CPU.
    const abs = rel === '' ? root : PLAIN_PATH.test(rel) ? `${root}/${rel}` : path.join(root, ...rel.split('/'))
    if (abs !== root && !abs.startsWith(root + path.sep)) throw new BadRequest('The path leaves its folder.')
    return abs
  }

  stat(owner: string, rel: string): ContentStat | null {
    // Blocking, as nginx and Apache stat: a cached inode answers in 1-2 µs, where the thread pool's
    // round trip cost ~10 µs of CPU and two thread switches, and a missing file (every new upload)
    // built a rejected promise with an Error and its stack (~7 % of a PUT's CPU).
    let s: fs.Stats | undefined
    try {
      s = fs.statSync(this.absolute(owner, rel), { throwIfNoEntry: false })
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOTDIR') return null
      throw e
    }
    if (!s) return null
    const dir = s.isDirectory()
    return { size: dir ? 0 : s.size, mtimeMs: Math.floor(s.mtimeMs), isDir: dir }
  }

  async list(owner: string, rel: string): Promise<string[]> {
    try {
      return await fsp.readdir(this.absolute(owner, rel))
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw e
    }
  }

  async mkdir(owner: string, rel: string): Promise<void> {
    await fsp.mkdir(this.absolute(owner, rel), { recursive: true })
  }

  async receive(body: AsyncIterable<Buffer>, limit: number, length?: number): Promise<{ tmp: string; size: number }> {
    // With fsync the flush must stay off the event loop, so only the lazy default takes the short path.
    if (!this.fsync && length !== undefined && length <= SMALL_WRITE_BYTES && isReadable(body)) {
      return this.receiveSmall(await gather(body, limit))
    }
    const tmp = path.join(this.tmpDir, `${randomUUID()}.part`)
    const fh = await this.openTemp(tmp)
    let size = 0
    let pending: Buffer[] = []
    let pendingBytes = 0
    // One batch is written while the next one gathers, so the socket keeps being read while the disk takes the last.
    let writing: Promise<unknown> = Promise.resolve()
    try {
      for await (const chunk of body) {
        size += chunk.length
        if (size > limit) throw new QuotaExceeded('Not enough storage left for this file.')
        pending.push(chunk)
        pendingBytes += chunk.length
        // Socket chunks are 16-64 KB; gathering them costs one write per WRITE_BATCH instead of one per chunk.
        if (pendingBytes >= WRITE_BATCH) {
          await writing
          writing = fh.writev(pending)
          // Handled here so that a failure while the next batch gathers is not an unhandled rejection; awaited above and below.
          writing.catch(() => undefined)
          pending = []
          pendingBytes = 0
        }
      }
      await writing
      if (pending.length) await fh.writev(pending)
      if (this.fsync) await fh.sync()
      await fh.close()
      return { tmp, size }
    } catch (e) {
      await writing.catch(() => undefined)
      await fh.close().catch(() => undefined)
      await fsp.rm(tmp, { force: true })
      throw e
    }
  }

  /**
   * Writes a gathered body to a new temp file in three blocking calls (open, writev, close): for a
   * few hundred KB going to the page cache that is tens of microseconds, where the streamed path pays
   * three thread-pool round trips and a promise per socket chunk.
   */
  private receiveSmall(chunks: Buffer[]): { tmp: string; size: number } {
    const tmp = path.join(this.tmpDir, `${randomUUID()}.part`)
    let fd: number
    try {
      fd = fs.openSync(tmp, 'wx')
    } catch (e) {
      // First upload of this space in this process, or the folder was removed behind our back.
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
      fs.mkdirSync(this.tmpDir, { recursive: true })
      fd = fs.openSync(tmp, 'wx')
    }
    try {
      const size = writeAllSync(fd, chunks)
      fs.closeSync(fd)
      return { tmp, size }
    } catch (e) {
      try {
        fs.closeSync(fd)
      } catch {
        // Already closed or never usable: the temp file is removed below either way.
      }
      fs.rmSync(tmp, { force: true })
      throw e
    }
  }

  private async openTemp(tmp: string): Promise<fsp.FileHandle> {
    if (!knownTempDirs.has(this.tmpDir)) {
      await fsp.mkdir(this.tmpDir, { recursive: true })
      knownTempDirs.add(this.tmpDir)
    }
    try {
      return await fsp.open(tmp, 'wx')
    } catch (e) {
      // The folder was removed behind our back (space deleted and recreated, operator cleanup).
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
      await fsp.mkdir(this.tmpDir, { recursive: true })
      return fsp.open(tmp, 'wx')
    }
  }

  commitSync(tmp: string, owner: string, rel: string, mtimeMs?: number): ContentStat {
    const st = this.placeSync(tmp, owner, rel, mtimeMs)
    if (this.fsync) syncDir(path.dirname(this.absolute(owner, rel)))
    return st
  }

  placeSync(tmp: string, owner: string, rel: string, mtimeMs?: number): ContentStat {
    const target = this.absolute(owner, rel)
    if (mtimeMs !== undefined) fs.utimesSync(tmp, new Date(), new Date(mtimeMs))
    fs.renameSync(tmp, target)
    const s = fs.statSync(target)
    return { size: s.isDirectory() ? 0 : s.size, mtimeMs: Math.floor(s.mtimeMs), isDir: s.isDirectory() }
  }

  flushFolder(owner: string, rel: string): Promise<void> {
    return this.fsync ? syncDirectory(this.absolute(owner, rel)) : Promise.resolve()
  }

  async discard(tmp: string): Promise<void> {
    await fsp.rm(tmp, { recursive: true, force: true })
  }

  async stageCopy(owner: string, rel: string, depthZero: boolean): Promise<string> {
    await fsp.mkdir(this.tmpDir, { recursive: true })
    const tmp = path.join(this.tmpDir, `${randomUUID()}.part`)
    const src = this.absolute(owner, rel)
    if (depthZero && (await fsp.stat(src)).isDirectory()) await fsp.mkdir(tmp)
    else await fsp.cp(src, tmp, { recursive: true, preserveTimestamps: true, errorOnExist: true })
    return tmp
  }

  localPath(owner: string, rel: string): string {
    return this.absolute(owner, rel)
  }

  openRead(owner: string, rel: string, range?: { start: number; end: number }): Readable {
    // Larger reads than the 64 KB default: a 100 KB file is one read, not three thread-pool round trips.
    return fs.createReadStream(this.absolute(owner, rel), { ...range, highWaterMark: READ_CHUNK })
  }

  /**
   * One blocking read, as nginx does with `aio off`: for a file of a few hundred KB in the page
   * cache it costs a few microseconds, where a stream pays four thread-pool round trips
   * (open, read, read, close). Returns fewer bytes when the file shrank meanwhile.
   */
  readSmallSync(owner: string, rel: string, range: { start: number; end: number }, buf: Buffer): Buffer {
    const fd = fs.openSync(this.absolute(owner, rel), 'r')
    try {
      let got = 0
      for (let n = -1; got < buf.length && n !== 0; got += n) n = fs.readSync(fd, buf, got, buf.length - got, range.start + got)
      return got === buf.length ? buf : buf.subarray(0, got)
    } finally {
      fs.closeSync(fd)
    }
  }

  renameSync(fromOwner: string, fromRel: string, toOwner: string, toRel: string): void {
    const to = this.absolute(toOwner, toRel)
    fs.mkdirSync(path.dirname(to), { recursive: true })
    fs.renameSync(this.absolute(fromOwner, fromRel), to)
  }

  async remove(owner: string, rel: string): Promise<void> {
    await fsp.rm(this.absolute(owner, rel), { recursive: true, force: true })
  }

  async cleanTemp(olderThanMs: number): Promise<number> {
    let n = 0
    for (const name of await fsp.readdir(this.tmpDir).catch(() => [] as string[])) {
      const p = path.join(this.tmpDir, name)
      const s = await fsp.stat(p).catch(() => null)
      if (s && Date.now() - s.mtimeMs >= olderThanMs) {
        await fsp.rm(p, { recursive: true, force: true })
        n++
      }
    }
    return n
  }
}

function isReadable(body: AsyncIterable<Buffer>): body is Readable {
  return typeof (body as Readable).on === 'function' && typeof (body as Readable).off === 'function'
}

/**
 * The whole body of a stream as its chunks, by events (an async iterator costs a promise per chunk).
 * @throws QuotaExceeded past `limit` bytes; the client's error when it goes away before the end.
 */
export function gather(body: Readable, limit: number): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const done = (err?: Error): void => {
      body.off('data', onData)
      body.off('end', onEnd)
      body.off('error', done)
      body.off('close', onClose)
      if (err) reject(err)
      else resolve(chunks)
    }
    const onData = (c: Buffer): void => {
      size += c.length
      if (size > limit) done(new QuotaExceeded('Not enough storage left for this file.'))
      else chunks.push(c)
    }
    const onEnd = (): void => done()
    const onClose = (): void => done(new Error('The client went away before the whole body arrived.'))
    if (body.readableEnded) return resolve(chunks)
    body.on('data', onData)
    body.on('end', onEnd)
    body.on('error', done)
    body.on('close', onClose)
  })
}

/** Writes every chunk at the file's current position; returns the bytes written. */
function writeAllSync(fd: number, chunks: Buffer[]): number {
  const total = chunks.reduce((n, c) => n + c.length, 0)
  let written = fs.writevSync(fd, chunks)
  // Regular files take the whole vector unless the disk fills; finish a partial write, or let writeSync throw ENOSPC.
  if (written < total) {
    const rest = Buffer.concat(chunks).subarray(written)
    for (let off = 0; off < rest.length; ) off += fs.writeSync(fd, rest, off)
    written = total
  }
  return written
}

function syncDir(dir: string): void {
  // The rename is only durable once the directory entry itself reaches the disk.
  const fd = fs.openSync(dir, 'r')
  try {
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}
