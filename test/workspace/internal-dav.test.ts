import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient } from 'webdav'
import { startTestServer, type TestServer } from '../support/server.ts'

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
})
