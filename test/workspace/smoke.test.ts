import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../support/server.ts'

let t: TestServer
beforeAll(async () => {
  t = await startTestServer()
  await t.createSpace('alpha', { admin: { username: 'admin', password: 'alpha-password-1' } })
})
afterAll(async () => t?.close())

const basic = (u: string, p: string) => 'Basic ' + Buffer.from(`${u}:${p}`).toString('base64')

describe('a space end to end', () => {
  it('serves WebDAV with the account password and answers problem+json for unknown spaces', async () => {
    const put = await fetch(`${t.spaceUrl('alpha')}/remote.php/dav/files/admin/hello.txt`, {
      method: 'PUT', headers: { authorization: basic('admin', 'alpha-password-1') }, body: 'bonjour',
    })
    expect(put.status).toBe(201)
    const get = await fetch(`${t.spaceUrl('alpha')}/remote.php/dav/files/admin/hello.txt`, { headers: { authorization: basic('admin', 'alpha-password-1') } })
    expect(await get.text()).toBe('bonjour')
    const nowhere = await fetch(`${t.url}/s/nowhere/api/v1/me`)
    expect(nowhere.status).toBe(404)
    expect(nowhere.headers.get('content-type')).toMatch(/problem\+json/)
  })

  it('logs in through the API and reads the account', async () => {
    const page = await fetch(`${t.spaceUrl('alpha')}/login`, { headers: { accept: 'text/html' } })
    expect(page.status).toBe(200)
    const token = /data-requesttoken="([^"]+)"/.exec(await page.text())![1]!
    const csrfCookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
    const login = await fetch(`${t.spaceUrl('alpha')}/api/v1/session`, {
      method: 'POST', headers: { 'content-type': 'application/json', origin: t.url, requesttoken: token, cookie: csrfCookie }, body: JSON.stringify({ username: 'admin', password: 'alpha-password-1' }),
    })
    expect(login.status, await login.clone().text()).toBe(200)
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
    const me = await fetch(`${t.spaceUrl('alpha')}/api/v1/me`, { headers: { cookie } })
    expect(me.status).toBe(200)
    expect(await me.json()).toMatchObject({ username: 'admin', role: 'admin' })
  })
})
