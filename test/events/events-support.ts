/** Helpers of the events core tests: a JSON client with one credential, app passwords, CalDAV as a phone. */
import type { TestServer } from '../support/server.ts'

export const basic = (u: string, p: string): string => 'Basic ' + Buffer.from(`${u}:${p}`).toString('base64')

export interface JsonAnswer {
  status: number
  body: any
  headers: Headers
}

/** A small JSON client for `base` with one Authorization header. */
export function client(base: string, authorization: string) {
  const call = async (method: string, p: string, body?: unknown, headers: Record<string, string> = {}): Promise<JsonAnswer> => {
    const raw = body instanceof Buffer
    const res = await fetch(`${base}${p}`, {
      method,
      headers: { authorization, ...(body === undefined || raw ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : raw ? new Uint8Array(body) : JSON.stringify(body),
    })
    const text = await res.text()
    let parsed: unknown = null
    try {
      parsed = text ? JSON.parse(text) : null
    } catch {
      parsed = text
    }
    return { status: res.status, body: parsed, headers: res.headers }
  }
  return {
    get: (p: string) => call('GET', p),
    post: (p: string, b?: unknown) => call('POST', p, b ?? {}),
    patch: (p: string, b: unknown) => call('PATCH', p, b),
    put: (p: string, b: unknown, headers?: Record<string, string>) => call('PUT', p, b, headers),
    del: (p: string) => call('DELETE', p),
  }
}

/** Creates an app password for an account (as its DAV clients and API scripts use) and answers its Authorization header. */
export async function appPassword(t: TestServer, slug: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${t.spaceUrl(slug)}/api/v1/me/app-passwords`, {
    method: 'POST', headers: { authorization: basic(username, password), 'content-type': 'application/json' }, body: JSON.stringify({ name: 'events test' }),
  })
  if (res.status !== 201) throw new Error(`app password: ${res.status} ${await res.text()}`)
  const created = (await res.json()) as { loginName: string; password: string }
  return basic(created.loginName, created.password)
}

/** Adds an account to a space. */
export async function addAccount(t: TestServer, slug: string, admin: string, account: { username: string; password: string; role: 'admin' | 'member'; email?: string }): Promise<void> {
  const res = await fetch(`${t.spaceUrl(slug)}/api/v1/accounts`, {
    method: 'POST', headers: { authorization: admin, 'content-type': 'application/json' }, body: JSON.stringify({ ...account, displayName: account.username }),
  })
  if (res.status !== 201) throw new Error(`account: ${res.status} ${await res.text()}`)
}

/** CalDAV requests as a phone would send them (Basic auth, raw iCalendar). */
export function phone(t: TestServer, slug: string, username: string, authorization: string) {
  const collection = `${t.spaceUrl(slug)}/remote.php/dav/calendars/${username}/association/`
  return {
    collection,
    async get(name: string): Promise<{ status: number; text: string; etag: string | null }> {
      const res = await fetch(collection + name, { headers: { authorization } })
      return { status: res.status, text: await res.text(), etag: res.headers.get('etag') }
    },
    async put(name: string, ics: string, headers: Record<string, string> = {}): Promise<number> {
      const res = await fetch(collection + name, { method: 'PUT', headers: { authorization, 'content-type': 'text/calendar', ...headers }, body: ics })
      await res.text()
      return res.status
    },
    async del(name: string): Promise<number> {
      const res = await fetch(collection + name, { method: 'DELETE', headers: { authorization } })
      await res.text()
      return res.status
    },
  }
}

/** The first field path of a problem answer. */
export const fieldOf = (a: JsonAnswer): string | undefined => a.body?.errors?.[0]?.path

/** A 1×1 PNG. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
