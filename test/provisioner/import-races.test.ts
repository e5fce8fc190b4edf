/**
 * An import only ever removes the space it created: a name taken meanwhile is a Conflict that leaves the
 * other space alone; a crashed import's closed, half-made space is removed by the sweep; a re-import under a
 * name freed again mails new activation links.
 */
import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Conflict } from '@maison/errors'
import { HostSpaceStore } from '../../apps/provisioner/src/archive/host-spaces.ts'
import { IMPORT_STALE_MS } from '../../apps/provisioner/src/archive/importer.ts'
import { SqliteImportMarks } from '../../apps/provisioner/src/storage/sqlite-imports.ts'
import { sweep } from '../../apps/provisioner/src/jobs/workers.ts'
import { hostFleet } from '../../apps/provisioner/src/storage/host-fleet.ts'
import { startTestServer, type TestServer } from '../support/server.ts'
import { ensureStaff, exportThroughApi, importThroughApi } from './archive-support.ts'
import { startPlatform, type TestPlatform } from './support.ts'

let t: TestServer
let archive: Buffer

const storeOf = (s: TestServer) => new HostSpaceStore({
  host: s.server.parts.host, registry: s.server.parts.registry, pool: s.server.parts.pool, platformDb: s.server.parts.platformDb,
  marks: new SqliteImportMarks(s.server.parts.platformDb), baseUrl: s.url, clock: () => new Date(),
})
const space = (slug: string) => ({ slug, name: `Space ${slug}`, quotaBytes: 1024 ** 3, maxAccounts: 10 })

beforeAll(async () => {
  t = await startTestServer()
  await ensureStaff(t)
  await t.createSpace('origin', { admin: { username: 'admin', password: 'admin-password-1', email: 'admin@origin.invalid' } })
  archive = (await exportThroughApi(t, 'origin')).archive
}, 60_000)
afterAll(async () => t?.close())

describe('import races', () => {
  it('creating a space whose name is in use is a Conflict that leaves that space whole', async () => {
    await t.createSpace('taken')
    const store = storeOf(t)
    await expect(store.create(space('taken'))).rejects.toThrow(Conflict)
    await store.discard('taken')
    expect(t.server.parts.registry.get('taken')).toMatchObject({ status: 'active' })
    expect(fs.existsSync(t.server.parts.pool.dir('taken'))).toBe(true)
  })

  it('keeps an imported space closed until the import ends, then opens it', async () => {
    const store = storeOf(t)
    await store.create(space('filling'))
    expect(t.server.parts.registry.get('filling')!.status).toBe('maintenance')
    expect((await fetch(`${t.spaceUrl('filling')}/remote.php/dav/files/admin/`, { method: 'PROPFIND' })).status).toBe(503)
    store.open('filling')
    expect(t.server.parts.registry.get('filling')!.status).toBe('active')
    // Once open it is an ordinary space: no import may remove it any more.
    await store.discard('filling')
    expect(t.server.parts.registry.get('filling')).not.toBeNull()
  })

  it('mails new activation links when a name freed again is imported into once more', async () => {
    const first = await importThroughApi(t, 'again', archive)
    expect(first.status, JSON.stringify(first.body)).toBe(201)
    expect(t.server.parts.registry.get('again')!.status).toBe('active')
    const mails = () => t.server.outbox.list(100).filter((m) => m.key.startsWith('import-activation:again:'))
    for (let i = 0; i < 200 && mails().length < 1; i++) await new Promise((r) => setTimeout(r, 50))
    expect(mails()).toHaveLength(1)
    // The name is freed (the space removed whole), then the same archive comes in again.
    t.server.parts.pool.close('again')
    fs.rmSync(t.server.parts.pool.dir('again'), { recursive: true, force: true })
    expect(t.server.parts.registry.remove('again')).toBe(true)
    const second = await importThroughApi(t, 'again', archive)
    expect(second.status, JSON.stringify(second.body)).toBe(201)
    for (let i = 0; i < 200 && mails().length < 2; i++) await new Promise((r) => setTimeout(r, 50))
    const both = mails()
    expect(both.map((m) => m.to)).toEqual(['admin@origin.invalid', 'admin@origin.invalid'])
    const link = (text: string) => /\/s\/again\/reset\/(\S+)/.exec(text)![1]
    expect(link(both[0]!.text)).not.toBe(link(both[1]!.text))
  }, 60_000)
})

describe('a crashed import', () => {
  let p: TestPlatform
  let offset = 0
  beforeAll(async () => {
    p = await startPlatform({ clock: () => new Date(Date.now() + offset) })
  })
  afterAll(async () => p?.close())

  it('leaves a closed space that the sweep removes once its import went silent, and only that one', async () => {
    await p.parts.host.create(space('provisioned'))
    await p.p.archive.spaces.create(space('halfdone'))
    await p.p.archive.spaces.create(space('running'))
    expect(p.parts.registry.get('halfdone')!.status).toBe('maintenance')
    await sweep(p.p)
    expect(p.parts.registry.get('halfdone')).not.toBeNull()
    offset = IMPORT_STALE_MS + 60_000
    p.p.archive.spaces.touch('running')
    await sweep(p.p)
    expect(p.parts.registry.get('halfdone')).toBeNull()
    expect(fs.existsSync(p.parts.pool.dir('halfdone'))).toBe(false)
    expect(p.parts.registry.get('running')!.status).toBe('maintenance')
    // A fleet upgrade leaves it alone too: reopening it is the import's job.
    expect(hostFleet(p.parts.host, p.parts.registry, p.parts.pool, new SqliteImportMarks(p.parts.platformDb)).status('running')).toBe('importing')
    expect(p.parts.registry.get('provisioned')!.status).toBe('active')
  })
})
