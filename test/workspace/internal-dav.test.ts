import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient } from 'webdav'
import { startTestServer, type TestServer } from '../support/server.ts'
import { InternalTokens, loadInternalKey } from '../../apps/workspace/src/auth/internalTokens.ts'

let t: TestServer
beforeAll(async () => {
  t = await startTestServer()
  await t.createSpace('alpha', { admin: { username: 'ada', password: 'alpha-password-1' } })
  await t.createSpace('beta', { admin: { username: 'bob', password: 'beta-password-1' } })
})
afterAll(async () => t?.close())

const use = <T>(slug: string, fn: Parameters<TestServer['server']['services']['spaces']['use']>[1]) =>
  t.server.services.spaces.use(slug, fn) as Promise<T>

describe('DAV access for apps (internal tokens)', () => {
  it('lets an app write and read files as an account with the shared webdav client', async () => {
    const endpoint = await use<{ url: string; headers: Record<string, string> }>('alpha', (space) => t.server.services.dav.asAdmin(space))
    const client = createClient(`${endpoint.url}files/ada/`, { headers: endpoint.headers })
    await client.createDirectory('Visuals')
    await client.putFileContents('Visuals/poster.txt', 'made by an app')
    expect(await client.getFileContents('Visuals/poster.txt', { format: 'text' })).toBe('made by an app')
    const viaPassword = await fetch(`${t.spaceUrl('alpha')}/remote.php/dav/files/ada/Visuals/poster.txt`, {
      headers: { authorization: 'Basic ' + Buffer.from('ada:alpha-password-1').toString('base64') },
    })
    expect(await viaPassword.text()).toBe('made by an app')
  })

  it('refuses a token in another space, a tampered token and an unknown account', async () => {
    const endpoint = await use<{ url: string; headers: Record<string, string> }>('alpha', (space) => t.server.services.dav.as(space, 'ada'))
    const other = await fetch(`${t.spaceUrl('beta')}/remote.php/dav/files/bob/`, { method: 'PROPFIND', headers: { ...endpoint.headers, depth: '0' } })
    expect(other.status).toBe(401)
    const tampered = endpoint.headers.Authorization!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))
    const forged = await fetch(`${endpoint.url}files/ada/`, { method: 'PROPFIND', headers: { authorization: tampered, depth: '0' } })
    expect(forged.status).toBe(401)
    await expect(use('alpha', (space) => t.server.services.dav.as(space, 'nobody'))).rejects.toThrow(/No active account/)
  })

  it('is refused outside the DAV tree, so a leaked token cannot manage accounts', async () => {
    const endpoint = await use<{ url: string; headers: Record<string, string> }>('alpha', (space) => t.server.services.dav.asAdmin(space))
    const json = { ...endpoint.headers, 'content-type': 'application/json', 'ocs-apirequest': 'true' }
    const probes: Array<[string, RequestInit]> = [
      [`${t.spaceUrl('alpha')}/ocs/v2.php/cloud/users?format=json`, { headers: json }],
      [`${t.spaceUrl('alpha')}/api/v1/accounts`, { method: 'POST', headers: json, body: JSON.stringify({ username: 'mallory', role: 'admin', password: 'mallory-password-1' }) }],
      [`${t.spaceUrl('alpha')}/api/v1/me/app-passwords`, { method: 'POST', headers: json, body: JSON.stringify({ name: 'forever' }) }],
      [`${t.spaceUrl('alpha')}/apps/events/api/events?remote.php/dav/`, { headers: json }],
    ]
    for (const [url, init] of probes) expect((await fetch(url, init)).status, url).toBe(401)
  })
})

describe('internal tokens', () => {
  it('expire, name one space and refuse tampering', () => {
    let now = new Date('2026-11-27T12:00:00Z')
    const tokens = new InternalTokens(randomBytes(32), () => now)
    const token = tokens.issue('alpha', 'ada')
    expect(tokens.verify(token, 'alpha')).toBe('ada')
    expect(tokens.verify(token, 'beta')).toBeNull()
    expect(tokens.verify(`${token}.extra`, 'alpha')).toBeNull()
    expect(tokens.verify(token.replace('maison-internal.', 'maison-internal.x'), 'alpha')).toBeNull()
    expect(new InternalTokens(randomBytes(32), () => now).verify(token, 'alpha')).toBeNull()
    now = new Date(now.getTime() + 301_000)
    expect(tokens.verify(token, 'alpha')).toBeNull()
  })

  it('keeps one key per data directory, created once', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maison-key-'))
    try {
      const first = loadInternalKey(dir)
      expect(first.length).toBe(32)
      expect(loadInternalKey(dir).equals(first)).toBe(true)
      fs.writeFileSync(path.join(dir, 'internal.key'), 'short')
      expect(() => loadInternalKey(dir)).toThrow(/needs 32/)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
