import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { XmlStream } from './stream.ts'

let server: http.Server | undefined

afterEach(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()))
  server = undefined
})

/** Serves one answer written by `write` and returns what a client receives. */
async function answer(write: (out: XmlStream) => Promise<void>): Promise<{ headers: http.IncomingHttpHeaders; body: string }> {
  server = http.createServer((_req, res) => {
    const out = new XmlStream(res, 207)
    void write(out).then(() => out.end())
  })
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r))
  const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)
  expect(res.status).toBe(207)
  return { headers: Object.fromEntries(res.headers), body: await res.text() }
}

describe('XmlStream', () => {
  it('sends a small answer in one write with its Content-Length in bytes', async () => {
    const r = await answer(async (out) => {
      out.write('<a>')
      out.write('Fête 😀')
      out.write('</a>')
    })
    expect(r.body).toBe('<a>Fête 😀</a>')
    expect(r.headers['content-length']).toBe(String(Buffer.byteLength('<a>Fête 😀</a>')))
    expect(r.headers['content-type']).toBe('application/xml; charset=utf-8')
  })

  it('streams a large answer of multi-byte pieces and pieces larger than a chunk, unchanged', async () => {
    const pieces: string[] = []
    for (let i = 0; i < 20_000; i++) pieces.push(i % 1000 === 0 ? 'é€😀'.repeat(30_000) : `<r n="${i}">été 😀</r>`)
    const r = await answer(async (out) => {
      for (const p of pieces) {
        const wait = out.write(p)
        if (wait) await wait
      }
    })
    expect(r.headers['content-length']).toBeUndefined()
    expect(r.body).toBe(pieces.join(''))
  })
})
