/**
 * Bad archives are refused with a clear problem+json naming the entry, before anything is created; a failure
 * after the space was created removes it whole (nothing orphaned, the name free again).
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../support/server.ts'
import { basic, exportThroughApi, importThroughApi, retar, sha256, untar, type TarItem } from './archive-support.ts'
import { ensureStaff } from './archive-support.ts'

let t: TestServer
let good: Buffer
let items: TarItem[]
const ADMIN = basic('admin', 'admin-password-1')

function nothingLeft(slug: string): void {
  expect(t.server.parts.registry.get(slug), `registry row of ${slug}`).toBeNull()
  expect(fs.existsSync(t.server.parts.pool.dir(slug)), `folder of ${slug}`).toBe(false)
  const spool = path.join(t.dataDir, 'imports')
  expect(fs.existsSync(spool) ? fs.readdirSync(spool) : []).toEqual([])
}

/** Rewrites the manifest after a change so every checksum is right again. */
function withFreshManifest(list: TarItem[]): TarItem[] {
  const manifestItem = list.find((i) => i.name === 'manifest.json')!
  const manifest = JSON.parse(manifestItem.content.toString('utf8'))
  manifest.entries = list.filter((i) => i.name !== 'manifest.json').map((i) => {
    const p = i.name.replace(/\/$/, '')
    const old = manifest.entries.find((e: any) => e.path === p)
    return i.type === 'directory'
      ? { path: p, type: 'directory', size: 0, sha256: null, mtime: old?.mtime ?? 0 }
      : { path: p, type: 'file', size: i.content.length, sha256: sha256(i.content), mtime: old?.mtime ?? 0 }
  })
  return list.map((i) => (i === manifestItem ? { ...i, content: Buffer.from(JSON.stringify(manifest)) } : i))
}

beforeAll(async () => {
  t = await startTestServer()
  await ensureStaff(t)
  await t.createSpace('source', { admin: { username: 'admin', password: 'admin-password-1' } })
  const put = (p: string, body: BodyInit) => fetch(`${t.spaceUrl('source')}/remote.php/dav/files/admin/${p}`, { method: 'PUT', headers: { authorization: ADMIN }, body })
  expect((await put('data.bin', new Uint8Array(crypto.randomBytes(20_000)))).status).toBe(201)
  expect((await put('readme.txt', 'hello')).status).toBe(201)
  good = (await exportThroughApi(t, 'source')).archive
  items = await untar(good)
}, 60_000)
afterAll(async () => t?.close())

describe('import refuses bad archives and leaves nothing behind', () => {
  it('a tampered entry: 400 naming the entry', async () => {
    const tampered = items.map((i) => (i.name === 'files/admin/data.bin' ? { ...i, content: Buffer.from(i.content).fill(7, 0, 10) } : i))
    const res = await importThroughApi(t, 'tampered', await retar(tampered))
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/)
    expect(res.body.detail).toMatch(/files\/admin\/data\.bin/)
    expect(res.body.detail).toMatch(/SHA-256/)
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'entries/files/admin/data.bin' })])
    nothingLeft('tampered')
  })

  it('a missing manifest, an unknown version, an unlisted or unsafe entry: 400', async () => {
    const noManifest = await importThroughApi(t, 'nomani', await retar(items.filter((i) => i.name !== 'manifest.json')))
    expect(noManifest.status).toBe(400)
    expect(noManifest.body.detail).toMatch(/manifest\.json/)
    nothingLeft('nomani')

    const v2 = items.map((i) => {
      if (i.name !== 'manifest.json') return i
      return { ...i, content: Buffer.from(JSON.stringify({ ...JSON.parse(i.content.toString('utf8')), version: 2 })) }
    })
    const version = await importThroughApi(t, 'version', await retar(v2))
    expect(version.status).toBe(400)
    expect(version.body.detail).toMatch(/version 2/)
    expect(version.body.errors[0].path).toBe('manifest.version')
    nothingLeft('version')

    const extra = await importThroughApi(t, 'extra', await retar([...items, { name: 'files/admin/smuggled.txt', type: 'file', mtime: new Date(), content: Buffer.from('x') }]))
    expect(extra.status).toBe(400)
    expect(extra.body.detail).toMatch(/smuggled\.txt.*not in its manifest/)
    nothingLeft('extra')

    const stranger = withFreshManifest([...items, { name: 'files/mallory/x.txt', type: 'file', mtime: new Date(), content: Buffer.from('x') }])
    const unknown = await importThroughApi(t, 'stranger', await retar(stranger))
    expect(unknown.status).toBe(400)
    expect(unknown.body.detail).toMatch(/files\/mallory\/x\.txt.*"mallory".*accounts\.json/)
    nothingLeft('stranger')

    const evil = withFreshManifest([...items, { name: 'files/admin/../../../escape.txt', type: 'file', mtime: new Date(), content: Buffer.from('x') }])
    const traversal = await importThroughApi(t, 'evil', await retar(evil))
    expect(traversal.status).toBe(400)
    expect(traversal.body.detail).toMatch(/escape\.txt.*"\.\."/)
    nothingLeft('evil')
    expect(fs.existsSync(path.join(t.dataDir, 'escape.txt'))).toBe(false)
  })

  it('an existing name: 409; a reserved or invalid name: 400', async () => {
    const res = await importThroughApi(t, 'source', good)
    expect(res.status).toBe(409)
    expect(res.body.errors[0].path).toBe('slug')
    expect((await importThroughApi(t, 'admin', good)).status).toBe(400)
  })

  it('garbage, an empty body, the wrong media type, no credentials', async () => {
    const garbage = await importThroughApi(t, 'garbage', crypto.randomBytes(5000))
    expect(garbage.status).toBe(400)
    expect(garbage.body.detail).toMatch(/not a readable \.tar\.gz/)
    nothingLeft('garbage')
    const notTar = await importThroughApi(t, 'nottar', (await import('node:zlib')).gzipSync(Buffer.from('just text, gzipped')))
    expect(notTar.status).toBe(400)
    nothingLeft('nottar')
    expect((await importThroughApi(t, 'empty', Buffer.alloc(0))).status).toBe(400)
    nothingLeft('empty')
    expect((await importThroughApi(t, 'json', Buffer.from('{}'), 'application/json')).status).toBe(415)
    const anon = await fetch(`${t.url}/api/v1/spaces/anon/import`, { method: 'POST', headers: { 'content-type': 'application/gzip' }, body: new Uint8Array(good) })
    expect(anon.status).toBe(401)
    nothingLeft('anon')
  })

  it('a failure after the space was created removes it whole, and the name can be used again', async () => {
    // Checksums are right, but the members data is refused once the space exists.
    const broken = withFreshManifest(items.map((i) => (i.name === 'apps/members/tables.json'
      ? { ...i, content: Buffer.from(JSON.stringify({ version: 1, tables: { members_members: [{ id: 1, no_such_column: 'x' }] } })) } : i)))
    const res = await importThroughApi(t, 'halfway', await retar(broken))
    expect(res.status).toBe(400)
    expect(res.body.detail).toMatch(/no_such_column/)
    nothingLeft('halfway')
    const again = await importThroughApi(t, 'halfway', good)
    expect(again.status, JSON.stringify(again.body)).toBe(201)
    expect(fs.existsSync(path.join(t.server.parts.pool.dir('halfway'), 'files', 'admin', 'data.bin'))).toBe(true)
  })

  it('files over the space quota recorded in the archive: 507, and nothing left', async () => {
    const small = withFreshManifest(items.map((i) => {
      if (i.name !== 'space.json') return i
      const space = JSON.parse(i.content.toString('utf8'))
      return { ...i, content: Buffer.from(JSON.stringify({ ...space, limits: { ...space.limits, quotaBytes: 1000 } })) }
    }))
    const res = await importThroughApi(t, 'toosmall', await retar(small))
    expect(res.status).toBe(507)
    expect(res.body.code).toBe('quota_exceeded')
    nothingLeft('toosmall')
  })

  it('an export of an unknown space or an unknown export id: 404', async () => {
    const auth = { authorization: basic('staff', 'staff-password-1') }
    expect((await fetch(`${t.url}/api/v1/spaces/nowhere/export`, { method: 'POST', headers: auth })).status).toBe(404)
    expect((await fetch(`${t.url}/api/v1/exports/nowhere-20260101000000-abcdef12`, { headers: auth })).status).toBe(404)
    expect((await fetch(`${t.url}/api/v1/exports/..%2f..%2fplatform.sqlite`, { headers: auth })).status).toBe(400)
  })
})
