import fs from 'node:fs'
import { createHash } from 'node:crypto'
import { Transform, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGzip } from 'node:zlib'
import tar from 'tar-stream'
import { ARCHIVE_FORMAT, ARCHIVE_VERSION, MANIFEST_PATH, type Manifest, type ManifestEntry } from './format.ts'

/** What the exporters write to: entries land in the archive in call order. */
export interface ArchiveSink {
  addBuffer(path: string, content: Buffer, mtime?: number): Promise<void>
  addStream(path: string, body: Readable, size: number, mtime: number): Promise<void>
  addDirectory(path: string, mtime: number): Promise<void>
}

/**
 * A streaming `.tar.gz` writer: every entry is hashed as it passes, so a 40 GB space is never held
 * in memory, and `manifest.json` (sizes and SHA-256 of every entry) is written last.
 */
export class TarGzWriter implements ArchiveSink {
  private readonly pack = tar.pack()
  private readonly done: Promise<void>
  private readonly entries: ManifestEntry[] = []
  private readonly archiveHash = createHash('sha256')
  private bytes = 0

  constructor(file: string, private readonly clock: () => Date) {
    const count = new Transform({
      transform: (chunk: Buffer, _enc, cb) => {
        this.archiveHash.update(chunk)
        this.bytes += chunk.length
        cb(null, chunk)
      },
    })
    // Level 1: most of a space is photos and PDFs, already compressed; level 6 halves the speed for a few percent.
    this.done = pipeline(this.pack, createGzip({ level: 1 }), count, fs.createWriteStream(file))
    // Surfaced by finish(); avoids an unhandled rejection while entries are still being added.
    this.done.catch(() => undefined)
  }

  async addBuffer(path: string, content: Buffer, mtime = this.clock().getTime()): Promise<void> {
    await new Promise<void>((resolve, reject) => this.pack.entry({ name: path, size: content.length, mtime: new Date(mtime), type: 'file' }, content, (err) => (err ? reject(err) : resolve())))
    this.entries.push({ path, type: 'file', size: content.length, sha256: createHash('sha256').update(content).digest('hex'), mtime })
  }

  async addStream(path: string, body: Readable, size: number, mtime: number): Promise<void> {
    const hash = createHash('sha256')
    const entry = this.pack.entry({ name: path, size, mtime: new Date(mtime), type: 'file' })
    const tap = new Transform({ transform: (chunk: Buffer, _enc, cb) => { hash.update(chunk); cb(null, chunk) } })
    await pipeline(body, tap, entry)
    this.entries.push({ path, type: 'file', size, sha256: hash.digest('hex'), mtime })
  }

  async addDirectory(path: string, mtime: number): Promise<void> {
    await new Promise<void>((resolve, reject) => this.pack.entry({ name: `${path}/`, type: 'directory', mtime: new Date(mtime) }, (err) => (err ? reject(err) : resolve())))
    this.entries.push({ path, type: 'directory', size: 0, sha256: null, mtime })
  }

  /** Writes the manifest, closes the archive and waits for the file; returns its size and SHA-256. */
  async finish(space: Manifest['space']): Promise<{ size: number; sha256: string; manifest: Manifest }> {
    const manifest: Manifest = { format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, space, createdAt: this.clock().toISOString(), entries: this.entries }
    const text = Buffer.from(JSON.stringify(manifest, null, 1))
    await new Promise<void>((resolve, reject) => this.pack.entry({ name: MANIFEST_PATH, size: text.length, mtime: this.clock(), type: 'file' }, text, (err) => (err ? reject(err) : resolve())))
    this.pack.finalize()
    await this.done
    return { size: this.bytes, sha256: this.archiveHash.digest('hex'), manifest }
  }

  /** Abandons the archive (the caller removes the temp file). */
  abort(err: Error): void {
    this.pack.destroy(err)
  }
}
