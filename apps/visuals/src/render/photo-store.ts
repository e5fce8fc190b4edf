import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const PREFIX = 'maison-visuals-photos-'

/**
 * Photos already resampled to the pixels they are drawn at, as uncompressed PNG files that resvg reads by path
 * (a data URL of the same pixels costs it 20–40 ms more per render in base64 and inflate), least recently used
 * dropped first once their bytes pass the cap. One store per render process, in its own temporary folder.
 */
export class PreparedPhotoStore {
  private readonly entries = new Map<string, { file: string; bytes: number }>()
  private total = 0

  constructor(private readonly dir: string, readonly maxBytes: number) {}

  /** The file of a prepared photo, marked as just used; undefined when it is not (or no longer) stored. */
  get(key: string): string | undefined {
    const entry = this.entries.get(key)
    if (!entry) return undefined
    this.entries.delete(key)
    // Someone may have cleaned the temporary folder: resvg would silently draw nothing for a missing file.
    if (!fs.existsSync(entry.file)) {
      this.total -= entry.bytes
      return undefined
    }
    this.entries.set(key, entry)
    return entry.file
  }

  /** Stores a prepared photo under `key` and answers its file; older photos go when the cap is passed. */
  put(key: string, png: Buffer): string {
    const old = this.entries.get(key)
    if (old) return old.file
    const file = path.join(this.dir, `${this.entries.size}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}.png`)
    fs.writeFileSync(file, png)
    this.entries.set(key, { file, bytes: png.length })
    this.total += png.length
    for (const [k, e] of this.entries) {
      if (this.total <= this.maxBytes || k === key) break
      this.entries.delete(k)
      this.total -= e.bytes
      fs.rmSync(e.file, { force: true })
    }
    return file
  }

  /** Forgets every photo and removes the store's folder. */
  destroy(): void {
    this.entries.clear()
    this.total = 0
    fs.rmSync(this.dir, { recursive: true, force: true })
  }

  /** Photos stored now. */
  get count(): number {
    return this.entries.size
  }

  /** Bytes of the photos stored now. */
  get bytes(): number {
    return this.total
  }
}

/**
 * The folder of this process's prepared photos, removed when the process exits. The folder's name carries
 * the pid, so the render pool can remove it after a process it had to kill (`removePhotoDirs`).
 */
export function createPhotoDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${PREFIX}${process.pid}-`))
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }))
  return dir
}

// Folders of processes that no longer run are left by hosts that were killed; a young one may belong to a
// process of another pid namespace sharing this /tmp, so only old ones are swept.
const STALE_MS = 60 * 60 * 1000

/** Removes the photo folders of one process, or (without a pid) those an hour old of processes that no longer run. */
export function removePhotoDirs(pid?: number): void {
  let names: string[]
  try {
    names = fs.readdirSync(os.tmpdir())
  } catch {
    return
  }
  for (const name of names) {
    const m = new RegExp(`^${PREFIX}(\\d+)-`).exec(name)
    if (!m) continue
    const owner = Number(m[1])
    const dir = path.join(os.tmpdir(), name)
    if (pid === undefined ? isRunning(owner) || !isOld(dir) : owner !== pid) continue
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

function isOld(dir: string): boolean {
  try {
    return Date.now() - fs.statSync(dir).mtimeMs > STALE_MS
  } catch {
    return false
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
