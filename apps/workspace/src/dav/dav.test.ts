import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createClient } from 'webdav'
import { createFixture, listen, type Fixture } from './testing/fixture.ts'
import { filesDepsFor } from '../files/deps.ts'
import { listTrash, restoreFromTrash } from '../files/trash.ts'
import { setAssociationWriters } from '../files/association.ts'
import { bulkCreateFiles } from '../files/bench-fixtures.ts'
import { LocalContentStore } from '../files/content-store.ts'

const auth = (u: string) => 'Basic ' + Buffer.from(`${u}:secret`).toString('base64')

let fx: Fixture
let srv: Awaited<ReturnType<typeof listen>>
let queries = 0

/** Raw HTTP so that paths reach the server exactly as written (fetch would normalise "..", "%2e"). */
function raw(method: string, rawPath: string, opts: { user?: string | null; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...opts.headers }
    if (opts.user !== null) headers.Authorization = auth(opts.user ?? 'alice')
    const req = http.request({ host: '127.0.0.1', port: srv.port, method, path: rawPath, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }))
    })
    req.on('error', reject)
    req.end(opts.body)
  })
}
const F = '/s/demo/remote.php/dav/files/alice'

beforeEach(async () => {
  const tmp = createFixture()
  tmp.close()
  queries = 0
  const db = new Database(path.join(tmp.space.dir, 'space.sqlite'), { verbose: () => queries++ })
  fx = createFixture({ dataDir: tmp.dataDir, db })
  srv = await listen(fx.app)
})
afterEach(async () => {
  await srv.close()
  fx.close()
  fs.rmSync(fx.dataDir, { recursive: true, force: true })
})

describe('authentication and mounts', () => {
  it('answers 401 with a Basic challenge without a principal, OPTIONS without auth', async () => {
    const r = await raw('PROPFIND', `${F}/`, { user: null })
    expect(r.status).toBe(401)
    expect(r.headers['www-authenticate']).toBe('Basic realm="Maison", charset="UTF-8"')
    expect(r.body).toContain('<s:message>')
    const o = await raw('OPTIONS', '/s/demo/remote.php/dav/', { user: null })
    expect(o.status).toBe(200)
    expect(o.headers.dav).toBe('1, 2, 3')
    expect(o.headers.allow).toContain('PROPFIND')
  })

  it("refuses another user's tree and maps the legacy webdav mount onto the principal's files", async () => {
    expect((await raw('PROPFIND', '/s/demo/remote.php/dav/files/bob/', { headers: { Depth: '0' } })).status).toBe(403)
    expect((await raw('PROPFIND', '/s/demo/remote.php/dav/files/Alice/', { headers: { Depth: '0' } })).status).toBe(403)
    expect((await raw('PUT', `${F}/a.txt`, { body: 'hello' })).status).toBe(201)
    const legacy = await raw('PROPFIND', '/s/demo/remote.php/webdav/', { headers: { Depth: '1' } })
    expect(legacy.status).toBe(207)
    expect(legacy.body).toContain('<d:href>/s/demo/remote.php/webdav/a.txt</d:href>')
  })

  it('lists with the webdav npm client, including the Association folder and Nextcloud props', async () => {
    expect((await raw('PUT', `${F}/r%C3%A9sum%C3%A9%201.txt`, { body: 'x' })).status).toBe(201)
    const client = createClient(`http://127.0.0.1:${srv.port}${F}`, { username: 'alice', password: 'secret' })
    const items = (await client.getDirectoryContents('/')) as Array<{ basename: string }>
    const names = items.map((i) => i.basename).sort()
    expect(names).toEqual(['Association', 'résumé 1.txt'])
    const r = await raw('PROPFIND', `${F}/r%C3%A9sum%C3%A9%201.txt`, {
      headers: { Depth: '0' },
      body: '<d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns"><d:prop><oc:fileid/><oc:permissions/><nc:has-preview/><oc:size/><d:getcontenttype/></d:prop></d:propfind>',
    })
    expect(r.body).toMatch(/<oc:fileid>\d+<\/oc:fileid>/)
    expect(r.body).toContain('<oc:permissions>GDNVW</oc:permissions>')
    expect(r.body).toContain('<nc:has-preview>false</nc:has-preview>')
    expect(r.body).toContain('<d:getcontenttype>text/plain</d:getcontenttype>')
  })
})

describe('bad input', () => {
  it('rejects malformed XML, DTDs (billion laughs) and oversized bodies with DAV errors', async () => {
    const bad = await raw('PROPFIND', `${F}/`, { body: '<d:propfind xmlns:d="DAV:"><d:prop></d:propfind>' })
    expect(bad.status).toBe(400)
    expect(bad.body).toMatch(/<d:error[^>]*>.*<s:message>Malformed XML body/)
    const lol = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><d:propfind xmlns:d="DAV:"><d:prop>&lol2;</d:prop></d:propfind>'
    const laughs = await raw('PROPFIND', `${F}/`, { body: lol })
    expect(laughs.status).toBe(400)
    expect(laughs.body).toContain('DOCTYPE')
    const huge = await raw('PROPPATCH', `${F}/`, { body: '<a>' + 'x'.repeat(1100 * 1024) + '</a>' })
    expect(huge.status).toBe(413)
  })

  it('rejects invalid UTF-8, dot segments and encoded slashes without touching anything outside', async () => {
    expect((await raw('PUT', `${F}/ok.txt`, { body: 'x' })).status).toBe(201)
    const bad = await raw('PUT', `${F}/bad%C3%28.txt`, { body: 'x' })
    expect(bad.status).toBe(400)
    expect(bad.body).toContain('not valid percent-encoded UTF-8')
    expect((await raw('GET', `${F}/%2e%2e/bob/x`)).status).toBe(400)
    expect((await raw('PUT', `${F}/..%2f..%2fescape.txt`, { body: 'x' })).status).toBe(400)
    expect((await raw('PUT', `${F}/a%00b`, { body: 'x' })).status).toBe(400)
    expect((await raw('GET', `${F}/../bob/secret.txt`)).status).toBe(400)
    expect(fs.existsSync(path.join(fx.space.dir, 'files', 'escape.txt'))).toBe(false)
    expect(fs.readdirSync(path.join(fx.space.dir, 'files')).sort()).toEqual(['alice'])
  })

  it("refuses a Destination in another user's tree or another space and changes nothing", async () => {
    await raw('PUT', `${F}/doc.txt`, { body: 'mine' })
    const other = await raw('MOVE', `${F}/doc.txt`, { headers: { Destination: `http://127.0.0.1:${srv.port}/s/demo/remote.php/dav/files/bob/doc.txt` } })
    expect(other.status).toBe(403)
    const space = await raw('COPY', `${F}/doc.txt`, { headers: { Destination: `http://127.0.0.1:${srv.port}/s/other/remote.php/dav/files/alice/doc.txt` } })
    expect(space.status).toBe(502)
    expect(fs.existsSync(path.join(fx.space.dir, 'files', 'bob'))).toBe(false)
    expect((await raw('GET', `${F}/doc.txt`)).body).toBe('mine')
  })

  it('answers 403 propfind-finite-depth for Depth: infinity', async () => {
    const r = await raw('PROPFIND', `${F}/`, { headers: { Depth: 'infinity' } })
    expect(r.status).toBe(403)
    expect(r.body).toContain('<d:propfind-finite-depth/>')
  })
})

describe('quota', () => {
  const C = '/s/demo/remote.php/dav/files/carol'
  it('answers 507 over the account quota, keeps the old content and leaves no temp file', async () => {
    expect((await raw('PUT', `${C}/f.bin`, { user: 'carol', body: 'a'.repeat(600) })).status).toBe(201)
    const over = await raw('PUT', `${C}/f.bin`, { user: 'carol', body: 'b'.repeat(1200) })
    expect(over.status).toBe(507)
    expect(over.body).toContain('<s:message>')
    const chunked = await raw('PUT', `${C}/f.bin`, { user: 'carol', headers: { 'Transfer-Encoding': 'chunked' }, body: 'c'.repeat(1200) })
    expect(chunked.status).toBe(507)
    expect((await raw('GET', `${C}/f.bin`, { user: 'carol' })).body).toBe('a'.repeat(600))
    expect(fs.readdirSync(path.join(fx.space.dir, 'tmp-uploads'))).toEqual([])
    const q = await raw('PROPFIND', `${C}/`, { user: 'carol', headers: { Depth: '0' }, body: '<d:propfind xmlns:d="DAV:"><d:prop><d:quota-used-bytes/><d:quota-available-bytes/></d:prop></d:propfind>' })
    expect(q.body).toContain('<d:quota-used-bytes>600</d:quota-used-bytes>')
    expect(q.body).toContain('<d:quota-available-bytes>400</d:quota-available-bytes>')
    expect((await raw('COPY', `${C}/f.bin`, { user: 'carol', headers: { Destination: `${C}/g.bin` } })).status).toBe(507)
  })
})

describe('storage behaviour', () => {
  it('runs a fixed number of SQL statements for Depth 1 whatever the folder size', async () => {
    const deps = { ...filesDepsFor(fx.space), store: new LocalContentStore(fx.space.dir) }
    const actor = { username: 'alice', role: 'admin' as const, quotaBytes: null }
    await bulkCreateFiles(deps, actor, ['small'], 5)
    await bulkCreateFiles(deps, actor, ['big'], 500)
    const body = '<d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns"><d:allprop/><d:include><oc:fileid/><oc:permissions/></d:include></d:propfind>'
    const count = async (folder: string) => {
      await raw('PROPFIND', `${F}/${folder}/`, { headers: { Depth: '1' }, body })
      queries = 0
      const r = await raw('PROPFIND', `${F}/${folder}/`, { headers: { Depth: '1' }, body })
      expect(r.status).toBe(207)
      return { n: queries, responses: r.body.split('<d:response>').length - 1 }
    }
    const small = await count('small')
    const big = await count('big')
    expect(small.responses).toBe(6)
    expect(big.responses).toBe(501)
    expect(big.n).toBe(small.n)
    expect(big.n).toBeLessThanOrEqual(12)
  })

  it('stores dead properties with XML values in any namespace and returns them', async () => {
    await raw('PUT', `${F}/p.txt`, { body: 'x' })
    const set = await raw('PROPPATCH', `${F}/p.txt`, {
      body: '<d:propertyupdate xmlns:d="DAV:" xmlns:z="urn:z"><d:set><d:prop><z:tag><b xmlns="urn:b" k="v">&amp;é𐀀</b></z:tag><d:getetag>no</d:getetag></d:prop></d:set></d:propertyupdate>',
    })
    expect(set.body).toContain('HTTP/1.1 403')
    expect(set.body).toContain('HTTP/1.1 424')
    await raw('PROPPATCH', `${F}/p.txt`, { body: '<d:propertyupdate xmlns:d="DAV:" xmlns:z="urn:z"><d:set><d:prop><z:tag><b xmlns="urn:b" k="v">&amp;é𐀀</b></z:tag></d:prop></d:set></d:propertyupdate>' })
    await raw('MOVE', `${F}/p.txt`, { headers: { Destination: `${F}/q.txt` } })
    const got = await raw('PROPFIND', `${F}/q.txt`, { headers: { Depth: '0' }, body: '<d:propfind xmlns:d="DAV:"><d:prop><z:tag xmlns:z="urn:z"/></d:prop></d:propfind>' })
    expect(got.body).toContain('<x:tag xmlns:x="urn:z"><b xmlns="urn:b" k="v">&amp;é𐀀</b></x:tag>')
  })

  it('deletes into the trash and restores, renaming when the name is taken', async () => {
    await raw('PUT', `${F}/t.txt`, { body: 'one' })
    expect((await raw('DELETE', `${F}/t.txt`)).status).toBe(204)
    expect((await raw('GET', `${F}/t.txt`)).status).toBe(404)
    const deps = filesDepsFor(fx.space)
    const alice = { username: 'alice', role: 'admin' as const, quotaBytes: null }
    const [item] = listTrash(deps, alice)
    expect(item).toMatchObject({ name: 't.txt', originalPath: '/t.txt', isFolder: false, size: 3 })
    await raw('PUT', `${F}/t.txt`, { body: 'two' })
    expect(await restoreFromTrash(deps, alice, item!.id)).toBe('/t (restored).txt')
    expect((await raw('GET', `${F}/t%20(restored).txt`)).body).toBe('one')
    expect(listTrash(deps, alice)).toEqual([])
  })

  it('lets only allowed accounts write in the association folder', async () => {
    const B = '/s/demo/remote.php/dav/files/bob/Association'
    expect((await raw('PUT', `${B}/x.txt`, { user: 'bob', body: 'x' })).status).toBe(403)
    expect((await raw('PUT', `${F}/Association/x.txt`, { body: 'from alice' })).status).toBe(201)
    expect((await raw('GET', `${B}/x.txt`, { user: 'bob' })).body).toBe('from alice')
    setAssociationWriters(filesDepsFor(fx.space).repo, 'members')
    expect((await raw('PUT', `${B}/y.txt`, { user: 'bob', body: 'y' })).status).toBe(201)
    expect((await raw('DELETE', `${B}/`, { user: 'bob' })).status).toBe(403)
  })

  it('heals metadata from the disk when a file changed behind its row', async () => {
    await raw('PUT', `${F}/h.txt`, { body: 'short' })
    const before = (await raw('HEAD', `${F}/h.txt`)).headers.etag
    fs.writeFileSync(path.join(fx.space.dir, 'files', 'alice', 'h.txt'), 'much longer content')
    fs.writeFileSync(path.join(fx.space.dir, 'files', 'alice', 'stray.txt'), 'not in the db')
    const head = await raw('HEAD', `${F}/h.txt`)
    expect(head.headers['content-length']).toBe('19')
    expect(head.headers.etag).not.toBe(before)
    const list = await raw('PROPFIND', `${F}/`, { headers: { Depth: '1' } })
    expect(list.body).toContain('/alice/stray.txt</d:href>')
  })

  it('serves byte ranges and 416 past the end', async () => {
    await raw('PUT', `${F}/r.txt`, { body: '0123456789' })
    const part = await raw('GET', `${F}/r.txt`, { headers: { Range: 'bytes=2-4' } })
    expect(part.status).toBe(206)
    expect(part.body).toBe('234')
    expect((await raw('GET', `${F}/r.txt`, { headers: { Range: 'bytes=20-' } })).status).toBe(416)
  })
})
