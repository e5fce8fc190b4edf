import http from 'node:http'
import express from 'express'
import { openDatabase } from '@maison/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../../../../test/support/server.ts'
import { adopt, expressReadyServerOptions } from './dav-fast-path.ts'

// The lean path serves only the plain spelling of a DAV URL; the same URL with the slug
// percent-encoded (or the mount in capitals) takes the express route. Both must answer alike.
const LEAN = '/s/fast/remote.php'
const EXPRESS = '/s/f%61st/remote.php'
const EXPRESS_CAPS = '/s/fast/REMOTE.PHP'

const basic = (u: string, p: string) => 'Basic ' + Buffer.from(`${u}:${p}`).toString('base64')
const ADMIN = basic('admin', 'fp-password-1')
const COMPARED_HEADERS = [
  'content-type', 'content-length', 'www-authenticate', 'dav', 'allow', 'etag', 'last-modified', 'retry-after', 'location',
  'content-security-policy', 'x-content-type-options', 'x-frame-options', 'cross-origin-resource-policy', 'referrer-policy',
]

interface Answer {
  status: number
  headers: Record<string, string | undefined>
  body: string
}

function request(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const picked: Record<string, string | undefined> = {}
        for (const h of COMPARED_HEADERS) picked[h] = res.headers[h] === undefined ? undefined : String(res.headers[h])
        resolve({ status: res.statusCode!, headers: picked, body: Buffer.concat(chunks).toString('utf8') })
      })
    })
    req.on('error', reject)
    req.end(body)
  })
}

/** Asks the same thing through the lean path and the express route; both answers, hrefs made comparable. */
async function both(t: TestServer, method: string, rest: string, headers: Record<string, string> = {}, body?: string, other = EXPRESS) {
  const lean = await request(t.url, method, `${LEAN}${rest}`, headers, body)
  const viaExpress = await request(t.url, method, `${other}${rest}`, headers, body)
  if (viaExpress.body.includes(other)) {
    viaExpress.body = viaExpress.body.replaceAll(other, LEAN)
    viaExpress.headers['content-length'] = String(Buffer.byteLength(viaExpress.body))
  }
  return { lean, viaExpress }
}

let t: TestServer
beforeAll(async () => {
  t = await startTestServer()
  await t.createSpace('fast', { admin: { username: 'admin', password: 'fp-password-1' } })
  await t.createSpace('sleepy', { admin: { username: 'admin', password: 'fp-password-1' } })
  const put = await request(t.url, 'PUT', `${LEAN}/dav/files/admin/note.txt`, { authorization: ADMIN }, 'bonjour')
  expect(put.status).toBe(201)
})
afterAll(async () => t?.close())

describe('the lean DAV path', () => {
  const propfind = '<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:getetag/><d:getlastmodified/></d:prop></d:propfind>'

  it.each([
    ['PROPFIND Depth 0', 'PROPFIND', '/dav/files/admin/', { authorization: ADMIN, depth: '0' }, propfind],
    ['PROPFIND Depth 1, allprop', 'PROPFIND', '/dav/files/admin/', { authorization: ADMIN, depth: '1' }, undefined],
    ['GET', 'GET', '/dav/files/admin/note.txt', { authorization: ADMIN }, undefined],
    ['HEAD', 'HEAD', '/dav/files/admin/note.txt', { authorization: ADMIN }, undefined],
    ['the legacy mount', 'PROPFIND', '/webdav/note.txt', { authorization: ADMIN, depth: '0' }, propfind],
    ['OPTIONS without credentials', 'OPTIONS', '/dav/', {}, undefined],
    ['no credentials: the DAV 401 with its challenge', 'PROPFIND', '/dav/files/admin/', { depth: '0' }, undefined],
    ['a wrong password: problem+json 401', 'PROPFIND', '/dav/files/admin/', { authorization: basic('admin', 'wrong'), depth: '0' }, undefined],
    ['another account\'s tree', 'PROPFIND', '/dav/files/someone/', { authorization: ADMIN, depth: '0' }, undefined],
    ['a missing file', 'GET', '/dav/files/admin/missing.txt', { authorization: ADMIN }, undefined],
    ['malformed XML', 'PROPFIND', '/dav/files/admin/', { authorization: ADMIN, depth: '0' }, '<d:propfind xmlns:d="DAV:"><d:prop>'],
  ] as const)('answers %s as the express route does', async (_name, method, rest, headers, body) => {
    const { lean, viaExpress } = await both(t, method, rest, { ...headers }, body)
    expect(lean).toEqual(viaExpress)
    // (Capitals in the legacy mount's name are not recognised as that mount, on either route.)
    if (rest.startsWith('/webdav')) return
    const caps = await both(t, method, rest, { ...headers }, body, EXPRESS_CAPS)
    expect(caps.lean).toEqual(caps.viaExpress)
  })

  it('answers an unknown space with problem+json, and a browser with the error page', async () => {
    const api = await Promise.all([request(t.url, 'PROPFIND', '/s/nope/remote.php/dav/', { authorization: ADMIN }), request(t.url, 'PROPFIND', '/s/n%6Fpe/remote.php/dav/', { authorization: ADMIN })])
    expect(api[0].status).toBe(404)
    expect(api[0].headers['content-type']).toMatch(/problem\+json/)
    expect(api[0]).toEqual(api[1])
    const page = await request(t.url, 'GET', '/s/nope/remote.php/dav/', { accept: 'text/html' })
    expect(page.status).toBe(404)
    expect(page.headers['content-type']).toMatch(/text\/html/)
  })

  it('answers 503 for a suspended space and releases its database lease', async () => {
    t.server.parts.registry.update('sleepy', { status: 'suspended' })
    const lean = await request(t.url, 'PROPFIND', '/s/sleepy/remote.php/dav/', { authorization: ADMIN })
    const viaExpress = await request(t.url, 'PROPFIND', '/s/sl%65epy/remote.php/dav/', { authorization: ADMIN })
    expect(lean.status).toBe(503)
    expect(lean.body).toMatch(/suspended/)
    expect(lean).toEqual(viaExpress)
  })

  it('keeps a DAV upload whole and answers every request of a busy keep-alive connection', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 4 })
    const body = 'x'.repeat(200_000)
    const statuses = await Promise.all(Array.from({ length: 40 }, (_, i) => new Promise<number>((resolve, reject) => {
      const req = http.request(`${t.url}${LEAN}/dav/files/admin/k${i % 5}.bin`, { method: 'PUT', agent, headers: { authorization: ADMIN } }, (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode!))
      })
      req.on('error', reject)
      req.end(body)
    })))
    agent.destroy()
    expect(statuses.every((s) => s === 201 || s === 204)).toBe(true)
    const got = await request(t.url, 'GET', `${LEAN}/dav/files/admin/k3.bin`, { authorization: ADMIN })
    expect(got.body).toBe(body)
  })
})

describe('app passwords on the lean DAV path', () => {
  let a: TestServer
  const propfind = '<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:getetag/><d:getlastmodified/></d:prop></d:propfind>'
  beforeAll(async () => {
    a = await startTestServer()
    await a.createSpace('keys', { admin: { username: 'admin', password: 'fp-password-1' } })
  })
  afterAll(async () => a?.close())

  // Its own server: the failed attempts below must not add to the other tests' failed-login throttle.
  it('stops accepting an app password at once when another process revokes it or disables its account', async () => {
    const make = async (name: string) => {
      const res = await fetch(`${a.url}/s/keys/api/v1/me/app-passwords`, {
        method: 'POST', headers: { authorization: ADMIN, 'content-type': 'application/json' }, body: JSON.stringify({ name }),
      })
      expect(res.status).toBe(201)
      const { id, loginName, password } = (await res.json()) as { id: number; loginName: string; password: string }
      return { id, auth: basic(loginName, password) }
    }
    const phone = await make('phone')
    const laptop = await make('laptop')
    const poll = (auth: string) => request(a.url, 'PROPFIND', '/s/keys/remote.php/dav/files/admin/', { authorization: auth, depth: '0' }, propfind)
    for (const app of [phone, laptop]) expect((await poll(app.auth)).status).toBe(207)
    // Another web process (or the admin UI served by it) writes through its own connection.
    const other = openDatabase(a.server.parts.pool.file('keys'))
    try {
      other.prepare('DELETE FROM account_app_passwords WHERE id = ?').run(phone.id)
      expect((await poll(phone.auth)).status).toBe(401)
      expect((await poll(laptop.auth)).status).toBe(207)
      other.prepare("UPDATE accounts SET enabled = 0 WHERE username = 'admin'").run()
      expect((await poll(laptop.auth)).status).toBe(401)
      other.prepare("UPDATE accounts SET enabled = 1 WHERE username = 'admin'").run()
      expect((await poll(laptop.auth)).status).toBe(207)
    } finally {
      other.close()
    }
  })
})

describe('the lean DAV path on a space\'s own host name', () => {
  let h: TestServer
  beforeAll(async () => {
    h = await startTestServer({ BASE_DOMAIN: 'maison.test' })
    await h.createSpace('fast', { admin: { username: 'admin', password: 'fp-password-1' } })
  })
  afterAll(async () => h?.close())

  it('serves {slug}.BASE_DOMAIN/remote.php/dav/ and never reaches another space through /s/', async () => {
    const host = { host: 'fast.maison.test', authorization: ADMIN, depth: '0' }
    const lean = await request(h.url, 'PROPFIND', '/remote.php/dav/files/admin/', host)
    const viaExpress = await request(h.url, 'PROPFIND', '/REMOTE.PHP/dav/files/admin/', host)
    expect(lean.status).toBe(207)
    expect(lean.body).toContain('<d:href>/remote.php/dav/files/admin/</d:href>')
    expect(lean).toEqual({ ...viaExpress, body: viaExpress.body.replaceAll('/REMOTE.PHP', '/remote.php') })
    const elsewhere = await request(h.url, 'PROPFIND', '/s/fast/remote.php/dav/files/admin/', { ...host, host: 'other.maison.test' })
    expect(elsewhere.status).toBe(404)
    const byPath = await request(h.url, 'PROPFIND', '/s/fast/remote.php/dav/files/admin/', { ...host, host: new URL(h.url).host })
    expect(byPath.status).toBe(207)
  })
})

describe('request objects born with express\'s prototypes (expressReadyServerOptions)', () => {
  it('serve the app they are linked to without moving prototypes, and fall back for another app', async () => {
    const first = express().set('trust proxy', true)
    const second = express()
    const seen: { app: unknown; moved: boolean; forwarded: string | undefined; ip: string | undefined }[] = []
    const server = http.createServer(expressReadyServerOptions(), (req, res) => {
      const app = req.url === '/second' ? second : first
      const born = Object.getPrototypeOf(req) as object
      adopt(req, app.request)
      adopt(res, app.response)
      const r = req as express.Request
      const s = res as unknown as express.Response
      r.res = s
      s.req = r
      seen.push({ app: r.app, moved: Object.getPrototypeOf(req) !== born, forwarded: r.get('x-forwarded-for'), ip: r.ip })
      s.status(200).set('X-Seen', 'yes').send('ok')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
    try {
      const a = await request(base, 'GET', '/first', { 'x-forwarded-for': '203.0.113.9' })
      const b = await request(base, 'GET', '/second', { 'x-forwarded-for': '203.0.113.9' })
      const c = await request(base, 'GET', '/first', { 'x-forwarded-for': '203.0.113.9' })
      for (const r of [a, b, c]) expect([r.status, r.body]).toEqual([200, 'ok'])
      // The shape is linked to the first app once; the second app's requests are moved to its prototype.
      expect(seen.map((s) => [s.app === first, s.moved])).toEqual([[true, false], [false, true], [true, false]])
      expect(seen[1]!.app).toBe(second)
      // Express's getters read their own app's settings: trust proxy on the first app only.
      expect(seen.map((s) => s.ip)).toEqual(['203.0.113.9', '127.0.0.1', '203.0.113.9'].map((ip) => expect.stringContaining(ip)))
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
