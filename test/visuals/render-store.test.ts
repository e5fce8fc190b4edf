import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { FsRenderStore } from '../../apps/visuals/src/storage/fs-render-store.ts'

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'maison-render-store-'))
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

const id = (n: number) => n.toString(16).padStart(32, '0')
const file = (bytes: number) => ({ bytes: Buffer.alloc(bytes, 7), mime: 'application/pdf', filename: 'poster-a4.pdf' })
const at = (minutes: number) => new Date(Date.UTC(2026, 10, 27, 12, minutes))

describe('render files on disk', () => {
  it('keeps a file for its time, then no longer answers it', async () => {
    const store = new FsRenderStore(path.join(root, 'ttl'), { ttlMs: 60 * 60_000, maxBytes: 1e6 })
    await store.put(id(1), file(100), at(0))
    expect(await store.stat(id(1), at(59))).toMatchObject({ size: 100, mime: 'application/pdf', expiresAt: at(60) })
    expect((await store.get(id(1), at(59)))!.bytes.length).toBe(100)
    expect(await store.get(id(1), at(60))).toBeNull()
    // The next write clears what expired from the disk.
    await store.put(id(2), file(10), at(61))
    expect(fs.readdirSync(path.join(root, 'ttl')).sort()).toEqual([`${id(2)}.bin`, `${id(2)}.json`])
  })

  it('stays within its byte budget by dropping the oldest files', async () => {
    const dir = path.join(root, 'cap')
    const store = new FsRenderStore(dir, { ttlMs: 60 * 60_000, maxBytes: 1000 })
    for (let n = 1; n <= 5; n++) await store.put(id(n), file(300), at(n))
    const total = fs.readdirSync(dir).filter((f) => f.endsWith('.bin')).reduce((s, f) => s + fs.statSync(path.join(dir, f)).size, 0)
    expect(total).toBeLessThanOrEqual(1000)
    expect(await store.get(id(1), at(6))).toBeNull()
    expect(await store.get(id(5), at(6))).not.toBeNull()
    expect(await store.get(id(4), at(6))).not.toBeNull()
  })

  it('never reads a path that is not a render id', async () => {
    const store = new FsRenderStore(path.join(root, 'ids'), { ttlMs: 60_000, maxBytes: 1e6 })
    expect(await store.get('../../space', at(0))).toBeNull()
    await expect(store.put('../x', file(1), at(0))).rejects.toThrow(/invalid render id/)
  })
})
