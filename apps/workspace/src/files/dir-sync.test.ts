import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { syncDirectory } from './dir-sync.ts'

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maison-dirsync-'))
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

describe('syncDirectory (group commit of directory fsyncs)', () => {
  it('lets callers arriving during a flush share the next one, never the running one', async () => {
    const first = syncDirectory(dir)
    const second = syncDirectory(dir)
    const third = syncDirectory(dir)
    expect(second).not.toBe(first)
    expect(third).toBe(second)
    let firstDone = false
    void first.then(() => (firstDone = true))
    await second
    expect(firstDone).toBe(true)
    await expect(Promise.all([first, second, third])).resolves.toBeDefined()
  })

  it('starts afresh once everything is flushed, and keeps directories apart', async () => {
    const other = fs.mkdtempSync(path.join(dir, 'sub-'))
    const a = syncDirectory(dir)
    const b = syncDirectory(other)
    expect(b).not.toBe(a)
    await Promise.all([a, b])
    const again = syncDirectory(dir)
    expect(syncDirectory(dir)).not.toBe(again)
    await again
  })

  it('reports a failure to every caller waiting on it', async () => {
    const missing = path.join(dir, 'gone')
    await expect(syncDirectory(missing)).rejects.toMatchObject({ code: 'ENOENT' })
    // Settle both at once: awaiting one first would leave the other's rejection unhandled for a while.
    const [x, y] = await Promise.allSettled([syncDirectory(missing), syncDirectory(missing)])
    expect(x).toMatchObject({ status: 'rejected', reason: { code: 'ENOENT' } })
    expect(y).toMatchObject({ status: 'rejected', reason: { code: 'ENOENT' } })
  })
})
