import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase } from '@maison/db'
import { createFixture, listen, type Fixture } from './testing/fixture.ts'
import { rawRequest } from './testing/http.ts'

let fx: Fixture
let srv: Awaited<ReturnType<typeof listen>>
const raw = (method: string, p: string, opts: Parameters<typeof rawRequest>[3] = {}) => rawRequest(srv.port, method, p, opts)
const F = '/s/demo/remote.php/dav/files/alice'
const POLL = '<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:getetag/><d:getlastmodified/><d:getcontentlength/></d:prop></d:propfind>'
const poll = async (p: string, opts: Parameters<typeof rawRequest>[3] = {}) => {
  const r = await raw('PROPFIND', p, { body: POLL, ...opts, headers: { Depth: '0', ...opts.headers } })
  expect(r.status).toBe(207)
  return r.body
}
const etagOf = (body: string) => /<d:getetag>([^<]+)<\/d:getetag>/.exec(body)?.[1]

beforeEach(async () => {
  fx = createFixture()
  srv = await listen(fx.app)
  expect((await raw('MKCOL', `${F}/docs`)).status).toBe(201)
  expect((await raw('PUT', `${F}/docs/a.txt`, { body: 'hello' })).status).toBe(201)
})
afterEach(async () => {
  await srv.close()
  fx.close()
  fs.rmSync(fx.dataDir, { recursive: true, force: true })
})

// A poll's answer is kept between requests (answer-cache.ts): these show that it is never given once stale.
describe('kept Depth 0 answers', () => {
  it('give the same answer while nothing changed, and the new one after a write through the server', async () => {
    const first = await poll(`${F}/docs/`)
    expect(await poll(`${F}/docs/`)).toBe(first)
    expect((await raw('PUT', `${F}/docs/b.txt`, { body: 'more' })).status).toBe(201)
    const after = await poll(`${F}/docs/`)
    expect(etagOf(after)).not.toBe(etagOf(first))
  })

  it('see a change committed by another connection (another web process) at once', async () => {
    const first = await poll(`${F}/docs/`)
    expect(await poll(`${F}/docs/`)).toBe(first)
    const other = openDatabase(path.join(fx.space.dir, 'space.sqlite'))
    try {
      other.prepare(`UPDATE files_nodes SET etag = 'from-elsewhere' WHERE owner = 'alice' AND path = 'docs'`).run()
    } finally {
      other.close()
    }
    expect(etagOf(await poll(`${F}/docs/`))).toBe('"from-elsewhere"')
  })

  it('see a file changed on disk behind the database, as an uncached poll would', async () => {
    const first = await poll(`${F}/docs/a.txt`)
    expect(first).toContain('<d:getcontentlength>5</d:getcontentlength>')
    expect(await poll(`${F}/docs/a.txt`)).toBe(first)
    fs.writeFileSync(path.join(fx.space.dir, 'files', 'alice', 'docs', 'a.txt'), 'hello, world')
    const after = await poll(`${F}/docs/a.txt`)
    expect(after).toContain('<d:getcontentlength>12</d:getcontentlength>')
    expect(etagOf(after)).not.toBe(etagOf(first))
  })

  it('are never given to another account asking for the same URL', async () => {
    const legacy = '/s/demo/remote.php/webdav/'
    const opts = { body: '<d:propfind xmlns:d="DAV:"><d:prop><d:displayname/></d:prop></d:propfind>' }
    expect(await poll(legacy, { ...opts, user: 'alice' })).toContain('<d:displayname>alice</d:displayname>')
    expect(await poll(legacy, { ...opts, user: 'bob' })).toContain('<d:displayname>bob</d:displayname>')
    expect(await poll(legacy, { ...opts, user: 'alice' })).toContain('<d:displayname>alice</d:displayname>')
  })

  it('are not kept for quota properties, which follow the space’s limit', async () => {
    const body = '<d:propfind xmlns:d="DAV:"><d:prop><d:quota-available-bytes/></d:prop></d:propfind>'
    const before = await poll(`${F}/`, { body })
    fx.space.limits.quotaBytes -= 1000
    const after = await poll(`${F}/`, { body })
    const available = (b: string) => Number(/<d:quota-available-bytes>(\d+)</.exec(b)?.[1])
    expect(available(before) - available(after)).toBe(1000)
  })

  it('are not used for a conditional request', async () => {
    const etag = etagOf(await poll(`${F}/docs/`))!
    await poll(`${F}/docs/`)
    const r = await raw('PROPFIND', `${F}/docs/`, { body: POLL, headers: { Depth: '0', 'If-Match': '"other"' } })
    expect(r.status).toBe(412)
    expect((await raw('PROPFIND', `${F}/docs/`, { body: POLL, headers: { Depth: '0', 'If-Match': etag } })).status).toBe(207)
  })
})
