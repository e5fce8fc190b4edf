import fs from 'node:fs'
import http from 'node:http'
import { XMLValidator } from 'fast-xml-parser'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createFixture, listen, type Fixture } from './testing/fixture.ts'
import { rawRequest } from './testing/http.ts'
import { filesDepsFor } from '../files/deps.ts'
import { LocalContentStore } from '../files/content-store.ts'
import { bulkCreateFiles } from '../files/bench-fixtures.ts'

let fx: Fixture
let srv: Awaited<ReturnType<typeof listen>>
const raw = (method: string, path: string, opts: Parameters<typeof rawRequest>[3] = {}) => rawRequest(srv.port, method, path, opts)
const F = '/s/demo/remote.php/dav/files/alice'
const alice = { username: 'alice', role: 'admin' as const, quotaBytes: null }
const many = (n: number) => bulkCreateFiles({ ...filesDepsFor(fx.space), store: new LocalContentStore(fx.space.dir) }, alice, ['many'], n)

beforeEach(async () => {
  fx = createFixture()
  srv = await listen(fx.app)
})
afterEach(async () => {
  await srv.close()
  fx.close()
  fs.rmSync(fx.dataDir, { recursive: true, force: true })
})

describe('streamed PROPFIND', () => {
  it('sends a large listing chunked, well-formed, with every member once and hrefs encoded per segment', async () => {
    await many(3000)
    for (const name of ['a&b (1)!.txt', 'été.txt', "it's*.txt"]) expect((await raw('PUT', `${F}/many/${encodeURIComponent(name)}`, { body: 'x' })).status).toBe(201)
    expect((await raw('MKCOL', `${F}/many/sub%20dir`)).status).toBe(201)
    const r = await raw('PROPFIND', `${F}/many/`, { headers: { Depth: '1' } })
    expect(r.status).toBe(207)
    expect(r.headers['transfer-encoding']).toBe('chunked')
    expect(r.headers['content-length']).toBeUndefined()
    expect(XMLValidator.validate(r.body)).toBe(true)
    const hrefs = [...r.body.matchAll(/<d:href>([^<]*)<\/d:href>/g)].map((m) => m[1])
    expect(hrefs.length).toBe(1 + 3000 + 4)
    expect(new Set(hrefs).size).toBe(hrefs.length)
    expect(hrefs[0]).toBe(`${F}/many/`)
    expect(hrefs).toContain(`${F}/many/a%26b%20%281%29%21.txt`)
    expect(hrefs).toContain(`${F}/many/%C3%A9t%C3%A9.txt`)
    expect(hrefs).toContain(`${F}/many/it%27s%2A.txt`)
    expect(hrefs).toContain(`${F}/many/sub%20dir/`)
    expect(hrefs).toContain(`${F}/many/file-002999.txt`)
  })

  it('answers a Depth 0 poll in one piece with a Content-Length', async () => {
    const r = await raw('PROPFIND', `${F}/`, { headers: { Depth: '0' }, body: '<d:propfind xmlns:d="DAV:"><d:prop><d:getetag/><d:nope/></d:prop></d:propfind>' })
    expect(r.status).toBe(207)
    expect(Number(r.headers['content-length'])).toBe(Buffer.byteLength(r.body))
    expect(r.body).toMatch(/<d:propstat><d:prop><d:getetag>"[^"]+"<\/d:getetag><\/d:prop><d:status>HTTP\/1.1 200 OK<\/d:status><\/d:propstat>/)
    expect(r.body).toContain('<d:propstat><d:prop><d:nope/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>')
  })

  it('holds back while a slow client does not read, instead of buffering the whole answer', async () => {
    await many(10_000)
    let answer: http.ServerResponse | undefined
    srv.server.prependListener('request', (_req: http.IncomingMessage, res: http.ServerResponse) => (answer = res))
    let peak = 0
    let total = 0
    await new Promise<void>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: srv.port, method: 'PROPFIND', path: `${F}/many/`, headers: { Depth: '1', Authorization: 'Basic ' + Buffer.from('alice:secret').toString('base64') } },
        (res) => {
          res.pause()
          const sampler = setInterval(() => (peak = Math.max(peak, answer?.writableLength ?? 0)), 10)
          setTimeout(() => {
            clearInterval(sampler)
            res.on('data', (c: Buffer) => (total += c.length))
            res.on('end', resolve)
            res.resume()
          }, 600)
        },
      )
      req.on('error', reject)
      req.end()
    })
    expect(total).toBeGreaterThan(4 * 1024 * 1024)
    // The whole answer is several MB; what waits in the process is about one chunk.
    expect(peak).toBeLessThan(512 * 1024)
  })

  it('keeps serving when a client hangs up in the middle of a listing', async () => {
    await many(10_000)
    await new Promise<void>((resolve) => {
      const req = http.request({ host: '127.0.0.1', port: srv.port, method: 'PROPFIND', path: `${F}/many/`, headers: { Depth: '1', Authorization: 'Basic ' + Buffer.from('alice:secret').toString('base64') } }, (res) => {
        res.once('data', () => {
          req.destroy()
          resolve()
        })
      })
      req.on('error', () => undefined)
      req.end()
    })
    await new Promise((r) => setTimeout(r, 100))
    const after = await raw('PROPFIND', `${F}/many/file-000001.txt`, { headers: { Depth: '0' } })
    expect(after.status).toBe(207)
    expect((await raw('PUT', `${F}/after.txt`, { body: 'still here' })).status).toBe(201)
  })
})

describe('PROPFIND of the DAV root', () => {
  it("lists the providers' collections with each provider's own properties", async () => {
    const r = await raw('PROPFIND', '/s/demo/remote.php/dav/', {
      headers: { Depth: '1' },
      body: '<d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns"><d:prop><d:resourcetype/><oc:fileid/></d:prop></d:propfind>',
    })
    expect(r.status).toBe(207)
    const files = r.body.split('<d:response>').find((x) => x.includes('<d:href>/s/demo/remote.php/dav/files/</d:href>'))
    expect(files).toContain('<d:resourcetype><d:collection/></d:resourcetype>')
    const names = await raw('PROPFIND', `${F}/`, { headers: { Depth: '1' }, body: '<d:propfind xmlns:d="DAV:"><d:propname/></d:propfind>' })
    expect(names.body).toContain('<oc:fileid/>')
  })
})
