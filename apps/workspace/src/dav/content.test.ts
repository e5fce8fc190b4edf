import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFixture, listen, type Fixture } from './testing/fixture.ts'

let fx: Fixture
let srv: Awaited<ReturnType<typeof listen>>
const F = '/s/demo/remote.php/dav/files/alice'

function send(method: string, p: string, body?: Buffer, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: srv.port, method, path: `${F}/${p}`, headers: { Authorization: 'Basic ' + Buffer.from('alice:secret').toString('base64'), ...headers } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

beforeAll(async () => {
  fx = createFixture()
  srv = await listen(fx.app)
})
afterAll(async () => {
  await srv.close()
  fx.close()
  fs.rmSync(fx.dataDir, { recursive: true, force: true })
})

describe('GET on both sides of the small-read threshold (256 KB)', () => {
  for (const size of [1, 100 * 1024, 256 * 1024, 256 * 1024 + 1, 3 * 1024 * 1024 + 7]) {
    it(`returns exactly the ${size} bytes stored, whole and by range`, async () => {
      const data = crypto.randomBytes(size)
      expect((await send('PUT', `f-${size}.bin`, data)).status).toBe(201)
      const whole = await send('GET', `f-${size}.bin`)
      expect(whole.status).toBe(200)
      expect(whole.headers['content-length']).toBe(String(size))
      expect(whole.body.equals(data)).toBe(true)
      const from = Math.floor(size / 3)
      const part = await send('GET', `f-${size}.bin`, undefined, { Range: `bytes=${from}-` })
      expect(part.status).toBe(206)
      expect(part.body.equals(data.subarray(from))).toBe(true)
      const head = await send('HEAD', `f-${size}.bin`)
      expect(head.headers['content-length']).toBe(String(size))
      expect(head.body.length).toBe(0)
    })
  }
})

// Small reads borrow pooled buffers (read-buffers.ts): one given back before its response has left
// would be refilled by the next GET while the client still waits for it. A pipelined GET behind a
// large one to a client that reads late is such a wait: its answer is queued in the server meanwhile.
describe('a small GET queued behind a large one to a client that reads late, while others are served', () => {
  it('still sends its own file, whole', async () => {
    const large = crypto.randomBytes(4 * 1024 * 1024)
    const files = Array.from({ length: 4 }, (_, i) => Buffer.alloc(250 * 1024, i + 1))
    expect((await send('PUT', 'late-large.bin', large)).status).toBe(201)
    for (const [i, data] of files.entries()) expect((await send('PUT', `late-${i}.bin`, data)).status).toBe(201)
    const auth = 'Basic ' + Buffer.from('alice:secret').toString('base64')
    const get = (name: string) => `GET ${F}/${name} HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth}\r\n\r\n`
    const late = net.connect(srv.port, '127.0.0.1', () => late.write(get('late-large.bin') + get('late-0.bin')))
    late.pause()
    await new Promise((r) => setTimeout(r, 100))
    for (let i = 1; i < files.length; i++) expect((await send('GET', `late-${i}.bin`)).body.equals(files[i]!)).toBe(true)
    const expected = large.length + files[0]!.length
    const received = await new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = []
      let bodies = 0
      late.on('data', (c: Buffer) => {
        chunks.push(c)
        bodies += c.length
        if (bodies > expected + 400) late.end()
      })
      late.on('close', () => resolve(Buffer.concat(chunks)))
      late.on('error', reject)
      late.resume()
    })
    let at = 0
    for (const data of [large, files[0]!]) {
      const headEnd = received.indexOf('\r\n\r\n', at)
      expect(received.subarray(at, headEnd).toString('latin1')).toMatch(/^HTTP\/1\.1 200 /)
      expect(received.subarray(headEnd + 4, headEnd + 4 + data.length).equals(data)).toBe(true)
      at = headEnd + 4 + data.length
    }
  })
})
