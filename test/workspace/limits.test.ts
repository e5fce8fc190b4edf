import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../support/server.ts'

let t: TestServer
const basic = (u: string, p: string) => 'Basic ' + Buffer.from(`${u}:${p}`).toString('base64')
const admin = basic('admin', 'limits-password-1')

beforeAll(async () => {
  t = await startTestServer()
  await t.createSpace('small', { admin: { username: 'admin', password: 'limits-password-1' }, quotaBytes: 100_000 })
  await t.createSpace('full', { admin: { username: 'admin', password: 'limits-password-1' } })
})
afterAll(async () => t?.close())

describe('limits of a space', () => {
  it('answers 507 to a PUT over the quota and keeps the previous file intact', async () => {
    const url = `${t.spaceUrl('small')}/remote.php/dav/files/admin/report.bin`
    const original = Buffer.alloc(60_000, 7)
    expect((await fetch(url, { method: 'PUT', headers: { authorization: admin }, body: original })).status).toBe(201)
    const bigger = Buffer.alloc(120_000, 9)
    const over = await fetch(url, { method: 'PUT', headers: { authorization: admin }, body: bigger })
    expect(over.status).toBe(507)
    expect(await over.text()).toMatch(/quota|storage/i)
    const now = Buffer.from(await (await fetch(url, { headers: { authorization: admin } })).arrayBuffer())
    expect(now.equals(original)).toBe(true)
    // A streamed body without Content-Length is counted as it arrives.
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 30; i++) c.enqueue(new Uint8Array(5000))
        c.close()
      },
    })
    const chunked = await fetch(url, { method: 'PUT', headers: { authorization: admin }, body: stream, duplex: 'half' } as RequestInit)
    expect(chunked.status).toBe(507)
    expect(Buffer.from(await (await fetch(url, { headers: { authorization: admin } })).arrayBuffer()).equals(original)).toBe(true)
  })

  it('refuses the 51st account with a clear message', async () => {
    const ocs = `${t.spaceUrl('full')}/ocs/v2.php/cloud/users?format=json`
    const headers = { authorization: admin, 'ocs-apirequest': 'true', 'content-type': 'application/json' }
    for (let i = 2; i <= 50; i++) {
      const res = await fetch(ocs, { method: 'POST', headers, body: JSON.stringify({ userid: `member${i}`, password: `member-password-${i}` }) })
      expect(res.status, await res.clone().text()).toBe(200)
    }
    const refused = await fetch(`${t.spaceUrl('full')}/api/v1/accounts`, {
      method: 'POST', headers: { authorization: admin, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'member51', role: 'member', password: 'member-password-51' }),
    })
    expect(refused.status).toBe(403)
    const problem = (await refused.json()) as { code: string; detail: string }
    expect(problem.code).toBe('limit_reached')
    expect(problem.detail).toMatch(/50 accounts/)
    const viaOcs = await fetch(ocs, { method: 'POST', headers, body: JSON.stringify({ userid: 'member51', password: 'member-password-51' }) })
    expect(viaOcs.status).not.toBe(200)
  }, 120_000)

  it('answers 431 to huge headers and keeps serving', async () => {
    const res = await fetch(`${t.spaceUrl('small')}/remote.php/dav/files/admin/`, { method: 'PROPFIND', headers: { authorization: admin, 'x-big': 'a'.repeat(100_000) } }).catch((e) => e)
    if (res instanceof Response) expect(res.status).toBe(431)
    const ok = await fetch(`${t.spaceUrl('small')}/remote.php/dav/files/admin/`, { method: 'PROPFIND', headers: { authorization: admin, depth: '0' } })
    expect(ok.status).toBe(207)
  })
})
