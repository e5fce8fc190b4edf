import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
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
