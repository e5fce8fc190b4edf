/** Builders for the export/import tests: a space worth exporting, and archive surgery for bad-input tests. */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import tar from 'tar-stream'
import { Readable } from 'node:stream'
import type { TestServer } from '../support/server.ts'
import { ensureStaffAdmin } from '../../apps/provisioner/src/ensure-staff.ts'

export const basic = (u: string, p: string): string => 'Basic ' + Buffer.from(`${u}:${p}`).toString('base64')
export const STAFF = basic('staff', 'staff-password-1')
export const sha256 = (b: Buffer | Uint8Array): string => crypto.createHash('sha256').update(b).digest('hex')

export async function ensureStaff(t: TestServer): Promise<void> {
  await ensureStaffAdmin(t.server.parts.platformDb, 'staff-password-1')
}

/** A fetch that returns status, headers and the body as JSON when it is JSON. */
export async function call(url: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers; body: any; bytes: Buffer }> {
  const res = await fetch(url, init)
  const bytes = Buffer.from(await res.arrayBuffer())
  let body: any = null
  if (/json/.test(res.headers.get('content-type') ?? '')) body = JSON.parse(bytes.toString('utf8'))
  return { status: res.status, headers: res.headers, body, bytes }
}

/** Requests an export through the staff API and waits for the archive. */
export async function exportThroughApi(t: TestServer, slug: string): Promise<{ id: string; archive: Buffer }> {
  const started = await call(`${t.url}/api/v1/spaces/${slug}/export`, { method: 'POST', headers: { authorization: STAFF } })
  if (started.status !== 202) throw new Error(`export: ${started.status} ${JSON.stringify(started.body)}`)
  const id = started.body.id as string
  const end = Date.now() + 60_000
  for (;;) {
    const got = await call(`${t.url}/api/v1/exports/${id}`, { headers: { authorization: STAFF } })
    if (got.status === 200) return { id, archive: got.bytes }
    if (got.status !== 202 || Date.now() > end) throw new Error(`download: ${got.status} ${JSON.stringify(got.body)}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

export async function importThroughApi(t: TestServer, slug: string, archive: Buffer | Uint8Array, type = 'application/gzip') {
  return call(`${t.url}/api/v1/spaces/${slug}/import`, { method: 'POST', headers: { authorization: STAFF, 'content-type': type }, body: new Uint8Array(archive) })
}

export interface TarItem {
  name: string
  type: string
  mtime: Date
  content: Buffer
}

/** Every entry of a .tar.gz, in order. */
export async function untar(archive: Buffer): Promise<TarItem[]> {
  const out: TarItem[] = []
  const extract = tar.extract()
  Readable.from([gunzipSync(archive)]).pipe(extract)
  for await (const entry of extract) {
    const chunks: Buffer[] = []
    for await (const c of entry) chunks.push(c as Buffer)
    out.push({ name: entry.header.name, type: entry.header.type ?? 'file', mtime: entry.header.mtime ?? new Date(0), content: Buffer.concat(chunks) })
  }
  return out
}

/** Packs entries back into a .tar.gz. */
export async function retar(items: readonly TarItem[]): Promise<Buffer> {
  const pack = tar.pack()
  for (const i of items) {
    if (i.type === 'directory') pack.entry({ name: i.name, type: 'directory', mtime: i.mtime })
    else pack.entry({ name: i.name, mtime: i.mtime }, i.content)
  }
  pack.finalize()
  const chunks: Buffer[] = []
  for await (const c of pack) chunks.push(c as Buffer)
  return gzipSync(Buffer.concat(chunks))
}

/**
 * Relative path → { sha256, mtime } of every file under a folder. Exports keep whole milliseconds
 * (floor); restoring goes through utimes' seconds-as-double, so 408 ms can read back as 407.9999 (round).
 */
export function treeDigest(root: string, ms: 'floor' | 'round' = 'floor'): Record<string, { sha256: string; mtimeMs: number; size: number }> {
  const out: Record<string, { sha256: string; mtimeMs: number; size: number }> = {}
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name)
      if (e.isDirectory()) walk(abs)
      else {
        const st = fs.statSync(abs)
        out[path.relative(root, abs)] = { sha256: sha256(fs.readFileSync(abs)), mtimeMs: Math[ms](st.mtimeMs), size: st.size }
      }
    }
  }
  if (fs.existsSync(root)) walk(root)
  return out
}
