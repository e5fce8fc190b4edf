import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import type { Readable } from 'node:stream'
import { BadRequest, QuotaExceeded } from '@maison/errors'

export interface ContentStat {
  size: number
  mtimeMs: number
  isDir: boolean
}

/** Where file contents live. Owners map to folders; paths are relative to the owner's root. */
export interface ContentStore {
  stat(owner: string, rel: string): Promise<ContentStat | null>
  list(owner: string, rel: string): Promise<string[]>
  mkdir(owner: string, rel: string): Promise<void>
  /**
   * Streams a body to a temp file on the same filesystem and fsyncs it.
   * @throws QuotaExceeded as soon as more than `limit` bytes arrive (temp file removed).
   */
  receive(body: AsyncIterable<Buffer>, limit: number): Promise<{ tmp: string; size: number }>
  /** Atomically puts a received temp file in place; returns the new stat. Synchronous, for use inside a DB transaction. */
  commitSync(tmp: string, owner: string, rel: string, mtimeMs?: number): ContentStat
  discard(tmp: string): Promise<void>
  /** Copies a file or folder tree into a temp location, ready for `commitSync`. */
  stageCopy(owner: string, rel: string, depthZero: boolean): Promise<string>
  openRead(owner: string, rel: string, range?: { start: number; end: number }): Readable
  /** Renames within the space (synchronous, for use inside a DB transaction). */
  renameSync(fromOwner: string, fromRel: string, toOwner: string, toRel: string): void
  remove(owner: string, rel: string): Promise<void>
  /** Removes temp files left by a crash. */
  cleanTemp(olderThanMs: number): Promise<number>
}

/** Contents as plain files under `{space.dir}/files/{owner}` and the trash under `{space.dir}/trash/`. */
export class LocalContentStore implements ContentStore {
  private readonly tmpDir: string

  constructor(private readonly spaceDir: string) {
    this.tmpDir = path.join(spaceDir, 'tmp-uploads')
  }

  /** Absolute path of an owner-relative path; never outside the owner's folder. */
  absolute(owner: string, rel: string): string {
    const root = owner.startsWith('~trash/')
      ? path.join(this.spaceDir, 'trash', ...owner.slice('~trash/'.length).split('/'))
      : path.join(this.spaceDir, 'files', owner)
    const abs = rel === '' ? root : path.join(root, ...rel.split('/'))
    if (abs !== root && !abs.startsWith(root + path.sep)) throw new BadRequest('The path leaves its folder.')
    return abs
  }

  async stat(owner: string, rel: string): Promise<ContentStat | null> {
    try {
      const s = await fsp.stat(this.absolute(owner, rel))
      return { size: s.isDirectory() ? 0 : s.size, mtimeMs: Math.floor(s.mtimeMs), isDir: s.isDirectory() }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return null
      throw e
    }
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

  async receive(body: AsyncIterable<Buffer>, limit: number): Promise<{ tmp: string; size: number }> {
    await fsp.mkdir(this.tmpDir, { recursive: true })
    const tmp = path.join(this.tmpDir, `${randomUUID()}.part`)
    const fh = await fsp.open(tmp, 'wx')
    let size = 0
    try {
      for await (const chunk of body) {
        size += chunk.length
        if (size > limit) throw new QuotaExceeded('Not enough storage left for this file.')
        await fh.write(chunk)
      }
      await fh.sync()
      await fh.close()
      return { tmp, size }
    } catch (e) {
      await fh.close().catch(() => undefined)
      await fsp.rm(tmp, { force: true })
      throw e
    }
  }

  commitSync(tmp: string, owner: string, rel: string, mtimeMs?: number): ContentStat {
    const target = this.absolute(owner, rel)
    if (mtimeMs !== undefined) fs.utimesSync(tmp, new Date(), new Date(mtimeMs))
    fs.renameSync(tmp, target)
    syncDir(path.dirname(target))
    const s = fs.statSync(target)
    return { size: s.isDirectory() ? 0 : s.size, mtimeMs: Math.floor(s.mtimeMs), isDir: s.isDirectory() }
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

  openRead(owner: string, rel: string, range?: { start: number; end: number }): Readable {
    return fs.createReadStream(this.absolute(owner, rel), range)
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

function syncDir(dir: string): void {
  // The rename is only durable once the directory entry itself reaches the disk.
  const fd = fs.openSync(dir, 'r')
  try {
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}
