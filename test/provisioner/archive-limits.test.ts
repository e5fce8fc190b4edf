/**
 * Reading an uploaded archive is bounded while bytes come out of gunzip: 32 MiB per entry read into memory,
 * 256 MiB for all of them, and the whole archive by the quota in its space.json plus a margin. A gzip bomb is
 * refused early with a 400 naming the entry. The upload itself is capped by PROVISION_IMPORT_MAX_BYTES.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { createGzip } from 'node:zlib'
import tar from 'tar-stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ValidationError } from '@maison/errors'
import { verifyArchive } from '../../apps/provisioner/src/archive/verify.ts'
import { startTestServer } from '../support/server.ts'
import { ensureStaff, importThroughApi } from './archive-support.ts'

const MiB = 1024 * 1024
let dir: string
const zeros = Buffer.alloc(30 * MiB)

/** Streams entries (content given as a buffer repeated `times`) into a .tar.gz file. */
async function writeArchive(name: string, entries: { path: string; content: Buffer; times?: number }[]): Promise<string> {
  const file = path.join(dir, name)
  const pack = tar.pack()
  const done = pipeline(pack, createGzip({ level: 1 }), fs.createWriteStream(file))
  for (const e of entries) {
    const times = e.times ?? 1
    const entry = pack.entry({ name: e.path, size: e.content.length * times })
    for (let i = 0; i < times; i++) {
      if (!entry.write(e.content)) await new Promise<void>((r) => entry.once('drain', () => r()))
    }
    entry.end(Buffer.alloc(0))
    await new Promise((r) => setImmediate(r))
  }
  pack.finalize()
  await done
  return file
}

const keepAllButFiles = (p: string) => !p.startsWith('files/')
const spaceJson = (quotaBytes: number) => Buffer.from(JSON.stringify({
  slug: 'x', name: 'X', limits: { quotaBytes, maxAccounts: 5 },
  settings: { appearance: { colors: { primary: '#123456', background: '#ffffff' }, logoType: null }, enabledApps: null, associationWriters: 'admins' },
}))

async function refusal(file: string, limits?: Parameters<typeof verifyArchive>[2]): Promise<ValidationError> {
  const err = await verifyArchive(file, keepAllButFiles, limits).then(() => null, (e: unknown) => e)
  expect(err).toBeInstanceOf(ValidationError)
  return err as ValidationError
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maison-limits-'))
})
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

describe('archive read limits', () => {
  it('refuses an entry read into memory above 32 MiB, naming it', async () => {
    const file = await writeArchive('big-entry.tar.gz', [{ path: 'apps/members/tables.json', content: Buffer.alloc(33 * MiB) }])
    const err = await refusal(file)
    expect(err.status).toBe(400)
    expect(err.message).toMatch(/"apps\/members\/tables\.json" is larger than 32 MiB/)
    expect(err.errors).toEqual([expect.objectContaining({ path: 'entries/apps/members/tables.json' })])
  })

  it('refuses entries read into memory adding up to more than 256 MiB, at the entry that passes it', async () => {
    const entries = Array.from({ length: 9 }, (_, i) => ({ path: `apps/a/part-${i}.json`, content: zeros }))
    const err = await refusal(await writeArchive('many.tar.gz', entries))
    expect(err.message).toMatch(/more than 256 MiB; refused at "apps\/a\/part-8\.json"/)
  })

  it('bounds the whole archive by the quota in space.json plus a margin, counting files too', async () => {
    const small = { entryBytes: 32 * MiB, memoryBytes: 1 * MiB }
    const quota = (kept: ReadonlyMap<string, Buffer>) => (kept.has('space.json') ? JSON.parse(kept.get('space.json')!.toString()).limits.quotaBytes + small.memoryBytes : null)
    const file = await writeArchive('files.tar.gz', [
      { path: 'space.json', content: spaceJson(2 * MiB) },
      { path: 'files/admin/small.bin', content: Buffer.alloc(2 * MiB) },
      { path: 'files/admin/huge.bin', content: Buffer.alloc(4 * MiB) },
    ])
    const err = await refusal(file, { ...small, totalBytes: quota })
    expect(err.message).toMatch(/unpacks to more than 3145728 bytes \(the quota recorded in its space\.json plus a margin\); refused at "files\/admin\/huge\.bin"/)
    // Before space.json is known, nothing beyond the memory bound gets through.
    const early = await writeArchive('early.tar.gz', [{ path: 'files/admin/huge.bin', content: Buffer.alloc(4 * MiB) }, { path: 'space.json', content: spaceJson(100 * MiB) }])
    expect((await refusal(early, { ...small, totalBytes: quota })).message).toMatch(/before its space\.json.*"files\/admin\/huge\.bin"/)
  })

  it('refuses through the API a gzip bomb under files/ beyond the recorded quota, and an upload over PROVISION_IMPORT_MAX_BYTES', async () => {
    const t = await startTestServer({ PROVISION_IMPORT_MAX_BYTES: '2MB' })
    try {
      await ensureStaff(t)
      const bomb = await writeArchive('bomb.tar.gz', [
        { path: 'space.json', content: spaceJson(1000) },
        { path: 'files/admin/zeros.bin', content: zeros, times: 9 },
      ])
      expect(fs.statSync(bomb).size).toBeLessThan(2 * 1024 ** 2)
      const res = await importThroughApi(t, 'bomb', fs.readFileSync(bomb))
      expect(res.status, JSON.stringify(res.body)).toBe(400)
      expect(res.body.detail).toMatch(/quota recorded in its space\.json.*"files\/admin\/zeros\.bin"/)
      expect(t.server.parts.registry.get('bomb')).toBeNull()
      const big = await importThroughApi(t, 'big', Buffer.alloc(3 * 1024 ** 2, 1))
      expect(big.status).toBe(413)
    } finally {
      await t.close()
    }
  }, 120_000)
})
