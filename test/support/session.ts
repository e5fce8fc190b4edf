/** Credentials of a space account as HTTP clients send them: Basic auth, or a browser's logged-in session. */
import { expect } from 'vitest'
import type { TestServer } from './server.ts'

/** The Authorization header value of HTTP Basic for `username`:`password`. */
export const basic = (username: string, password: string): string => 'Basic ' + Buffer.from(`${username}:${password}`).toString('base64')

/** Headers of a browser logged in to `space` through the login page: session cookie, CSRF token, same origin. */
export async function browserSession(t: TestServer, space: string, username: string, password: string): Promise<Record<string, string>> {
  const page = await fetch(`${t.spaceUrl(space)}/login`, { headers: { accept: 'text/html' } })
  const token = /data-requesttoken="([^"]+)"/.exec(await page.text())![1]!
  const pre = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  const login = await fetch(`${t.spaceUrl(space)}/api/v1/session`, {
    method: 'POST', headers: { 'content-type': 'application/json', origin: t.url, requesttoken: token, cookie: pre },
    body: JSON.stringify({ username, password }),
  })
  expect(login.status).toBe(200)
  const body = (await login.json()) as { requestToken: string }
  const cookie = [pre, ...login.headers.getSetCookie().map((c) => c.split(';')[0])].join('; ')
  return { cookie, requesttoken: body.requestToken, origin: t.url }
}
