import fs from 'node:fs/promises'
import path from 'node:path'
import type { RenderedFile } from '../domain/render-visual.ts'
import type { RenderFileStore, StoredRender } from '../domain/render-jobs.ts'

interface Meta {
  mime: string
  filename: string
  size: number
  createdAt: number
}

/** Limits of one space's render files. */
export interface RenderStoreLimits {
  ttlMs: number
  /** Files of one space are pruned, oldest first, to stay under this many bytes. */
  maxBytes: number
}

// Render ids are hex hashes; anything else never names a file.
const ID = /^[a-f0-9]{16,64}$/

/**
 * Finished renders as plain files in the space's folder (`{space dir}/visuals/renders/`): a file and a
 * JSON sidecar each, written atomically (temp file + rename) so a reader never sees half a file.
 */
export class FsRenderStore implements RenderFileStore {
  constructor(private readonly dir: string, private readonly limits: RenderStoreLimits) {}

  async put(id: string, file: RenderedFile, now: Date): Promise<void> {
    if (!ID.test(id)) throw new Error(`invalid render id ${id}`)
    await fs.mkdir(this.dir, { recursive: true })
    await this.prune(now, file.bytes.length)
    await writeAtomic(path.join(this.dir, `${id}.bin`), file.bytes)
    const meta: Meta = { mime: file.mime, filename: file.filename, size: file.bytes.length, createdAt: now.getTime() }
    await writeAtomic(path.join(this.dir, `${id}.json`), Buffer.from(JSON.stringify(meta)))
  }

  async get(id: string, now: Date): Promise<StoredRender | null> {
    const meta = await this.stat(id, now)
    if (!meta) return null
    const bytes = await fs.readFile(path.join(this.dir, `${id}.bin`)).catch(() => null)
    return bytes ? { ...meta, bytes } : null
  }

  async stat(id: string, now: Date): Promise<(Omit<StoredRender, 'bytes'> & { size: number }) | null> {
    if (!ID.test(id)) return null
    const meta = await readMeta(path.join(this.dir, `${id}.json`))
    if (!meta || now.getTime() - meta.createdAt >= this.limits.ttlMs) return null
    return { mime: meta.mime, filename: meta.filename, size: meta.size, expiresAt: new Date(meta.createdAt + this.limits.ttlMs) }
  }

  /** Removes expired files, then the oldest ones until `incoming` more bytes fit in the budget. */
  private async prune(now: Date, incoming: number): Promise<void> {
    const names = await fs.readdir(this.dir).catch(() => [] as string[])
    const live: { id: string; meta: Meta }[] = []
    for (const name of names) {
      if (!name.endsWith('.json')) continue
      const id = name.slice(0, -5)
      const meta = await readMeta(path.join(this.dir, name))
      if (!meta || now.getTime() - meta.createdAt >= this.limits.ttlMs) await this.remove(id)
      else live.push({ id, meta })
    }
    live.sort((a, b) => a.meta.createdAt - b.meta.createdAt)
    let total = live.reduce((n, x) => n + x.meta.size, 0)
    for (const { id, meta } of live) {
      if (total + incoming <= this.limits.maxBytes) break
      await this.remove(id)
      total -= meta.size
    }
  }

  private async remove(id: string): Promise<void> {
    // The sidecar goes first: without it the file is invisible, so a crash in between leaves no half render.
    await fs.rm(path.join(this.dir, `${id}.json`), { force: true })
    await fs.rm(path.join(this.dir, `${id}.bin`), { force: true })
  }
}

async function readMeta(file: string): Promise<Meta | null> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as Meta
  } catch {
    return null
  }
}

async function writeAtomic(file: string, bytes: Buffer): Promise<void> {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
  await fs.writeFile(tmp, bytes)
  await fs.rename(tmp, file)
}
