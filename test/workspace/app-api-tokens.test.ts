import { createHmac, randomBytes } from 'node:crypto'
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppApiEndpoint, SpaceContext } from '@maison/app-contract'
import { startTestServer, type TestServer } from '../support/server.ts'
import { DAV_SCOPE, InternalTokens, loadInternalKey, pathInScope } from '../../apps/workspace/src/auth/internalTokens.ts'
import { SpaceSettingsStore } from '../../apps/workspace/src/spaces/settings.ts'

let t: TestServer
beforeAll(async () => {
  t = await startTestServer()
  await t.createSpace('alpha', { admin: { username: 'ada', password: 'alpha-password-1' } })
  await t.createSpace('beta', { admin: { username: 'bob', password: 'beta-password-1' } })
})
afterAll(async () => t?.close())

const use = <T>(slug: string, fn: (space: SpaceContext) => T) => t.server.services.spaces.use(slug, fn) as Promise<T>
const visualsAs = (slug: string, username: string) => use<AppApiEndpoint>(slug, (space) => t.server.services.appApi.as(space, 'visuals', username))

/** A request with the path sent exactly as written (fetch would resolve `..` and re-encode). */
function raw(pathname: string, headers: Record<string, string>, method = 'GET'): Promise<number> {
  const { hostname, port } = new URL(t.url)
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: pathname, method, headers }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('app API tokens (AppServices.appApi)', () => {
  it('reach the named app API of the space as the account', async () => {
    const ep = await visualsAs('alpha', 'ada')
    expect(ep.url).toMatch(/\/s\/alpha\/apps\/visuals\/api\/$/)
    expect(ep.username).toBe('ada')
    const res = await fetch(`${ep.url}templates`, { headers: ep.headers })
    expect(res.status).toBe(200)
    expect(((await res.json()) as { templates: { id: string }[] }).templates.some((x) => x.id === 'member-card-fr')).toBe(true)
    const brand = await fetch(`${ep.url}brand-kit`, { headers: ep.headers })
    expect(((await brand.json()) as { canEdit: boolean }).canEdit).toBe(true)
    // A POST needs no CSRF token: the bearer token is not a cookie a foreign page could make the browser send.
    const render = await fetch(`${ep.url}render`, {
      method: 'POST', headers: { ...ep.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ template: 'member-card-en', size: 'card', type: 'png', fields: { name: 'Ada Lovelace' } }),
    })
    expect(render.status).toBe(200)
    expect(render.headers.get('content-type')).toBe('image/png')
  })

  it('answer 404 problem+json, not the shell page, on an API path no app route matches', async () => {
    const ep = await visualsAs('alpha', 'ada')
    const res = await fetch(`${ep.url}no-such-route`, { headers: { ...ep.headers, accept: 'text/html' } })
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toMatch(/problem\+json/)
  })

  it('are refused (401) on OCS, account APIs, DAV, another app and another space', async () => {
    const ep = await visualsAs('alpha', 'ada')
    const json = { ...ep.headers, 'content-type': 'application/json', 'ocs-apirequest': 'true' }
    const alpha = t.spaceUrl('alpha')
    const probes: Array<[string, RequestInit]> = [
      [`${alpha}/ocs/v2.php/cloud/users?format=json`, { headers: json }],
      [`${alpha}/ocs/v1.php/cloud/users?format=json`, { headers: json }],
      [`${alpha}/api/v1/me`, { headers: json }],
      [`${alpha}/api/v1/accounts`, { method: 'POST', headers: json, body: JSON.stringify({ username: 'mallory', role: 'admin', password: 'mallory-password-1' }) }],
      [`${alpha}/api/v1/me/app-passwords`, { method: 'POST', headers: json, body: JSON.stringify({ name: 'forever' }) }],
      [`${alpha}/api/v1/space`, { headers: json }],
      [`${alpha}/remote.php/dav/files/ada/`, { method: 'PROPFIND', headers: { ...ep.headers, depth: '0' } }],
      [`${alpha}/remote.php/webdav/`, { method: 'PROPFIND', headers: { ...ep.headers, depth: '0' } }],
      [`${alpha}/apps/events/api/events`, { headers: json }],
      [`${alpha}/apps/members/api/members`, { headers: json }],
      [`${alpha}/apps/events/api/events?x=/apps/visuals/api/`, { headers: json }],
      [`${t.spaceUrl('beta')}/apps/visuals/api/templates`, { headers: json }],
      [`${t.spaceUrl('beta')}/apps/visuals/api/brand-kit`, { method: 'PUT', headers: json, body: '{}' }],
    ]
    for (const [url, init] of probes) expect((await fetch(url, init)).status, `${init.method ?? 'GET'} ${url}`).toBe(401)
  })

  it('are refused on paths that climb out of the prefix or disguise it', async () => {
    const ep = await visualsAs('alpha', 'ada')
    const tricks = [
      '/s/alpha/apps/visuals/api/../../../api/v1/me',
      '/s/alpha/apps/visuals/api/../../events/api/events',
      '/s/alpha/apps/visuals/api/./templates',
      '/s/alpha/apps/visuals/api/%2e%2e/%2e%2e/events/api/events',
      '/s/alpha/apps/visuals/api/%2E%2E/%2E%2E/%2E%2E/api/v1/me',
      '/s/alpha/apps/visuals/api/.%2e/templates',
      '/s/alpha/apps/visuals/api/..%2f..%2fevents%2fapi%2fevents',
      '/s/alpha/apps/visuals/api/%252e%252e/%252e%252e/events/api/events',
      '/s/alpha/apps/visuals/api/..\\..\\events/api/events',
      '/s/alpha/apps/visuals/api%2ftemplates',
      '/s/alpha/apps/visuals/api%2Ftemplates',
      '/s/alpha/apps/VISUALS/api/templates',
      '/s/alpha/Apps/visuals/api/templates',
      '/S/alpha/apps/visuals/api/templates',
      '/s/%61lpha/apps/visuals/api/templates',
      '/s/alpha/apps/visualsx/api/templates',
      '/s/alpha/apps/visuals/apix/templates',
      '/s/alpha/apps/visuals/api%00/templates',
      '/s/alpha/apps/%zz/api/templates',
      '/s/beta/../alpha/apps/visuals/api/templates',
    ]
    for (const p of tricks) expect(await raw(p, ep.headers), p).toBe(401)
    // The same requests in their plain spelling are the ones accepted.
    expect(await raw('/s/alpha/apps/visuals/api/templates', ep.headers)).toBe(200)
    expect(await raw('/s/alpha/apps/visuals/api/templates?x=../../api/v1/me', ep.headers)).toBe(200)
  })

  it('act as an active account only, and are refused once tampered with, expired or the account disabled', async () => {
    await expect(use('alpha', (space) => t.server.services.appApi.as(space, 'visuals', 'nobody'))).rejects.toThrow(/No active account/)
    await expect(use('alpha', (space) => t.server.services.appApi.as(space, 'nothing', 'ada'))).rejects.toThrow(/No app "nothing"/)
    const ep = await visualsAs('alpha', 'ada')
    const tampered = ep.headers.Authorization!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))
    expect((await fetch(`${ep.url}templates`, { headers: { authorization: tampered } })).status).toBe(401)
    const admin = await use<AppApiEndpoint>('alpha', (space) => t.server.services.appApi.asAdmin(space, 'visuals'))
    expect(admin.username).toBe('ada')
  })

  it('say whether an app is enabled; a disabled app API answers 404 to its own token', async () => {
    expect(await use('alpha', (space) => t.server.services.appApi.enabled(space, 'visuals'))).toBe(true)
    expect(await use('alpha', (space) => t.server.services.appApi.enabled(space, 'files'))).toBe(true)
    expect(await use('alpha', (space) => t.server.services.appApi.enabled(space, 'nothing'))).toBe(false)
    const ep = await visualsAs('beta', 'bob')
    await use('beta', (space) => new SpaceSettingsStore(space.db).set('enabledApps', ['events', 'members']))
    try {
      expect(await use('beta', (space) => t.server.services.appApi.enabled(space, 'visuals'))).toBe(false)
      expect((await fetch(`${ep.url}templates`, { headers: ep.headers })).status).toBe(404)
    } finally {
      await use('beta', (space) => new SpaceSettingsStore(space.db).set('enabledApps', ['events', 'members', 'visuals']))
    }
  })
})

describe('DAV tokens keep their scope', () => {
  it('work on /remote.php/dav/ and /remote.php/webdav/, not on app APIs', async () => {
    const dav = await use<{ url: string; headers: Record<string, string> }>('alpha', (space) => t.server.services.dav.as(space, 'ada'))
    expect((await fetch(`${dav.url}files/ada/`, { method: 'PROPFIND', headers: { ...dav.headers, depth: '0' } })).status).toBe(207)
    expect((await fetch(`${t.spaceUrl('alpha')}/remote.php/webdav/`, { method: 'PROPFIND', headers: { ...dav.headers, depth: '0' } })).status).toBe(207)
    expect((await fetch(`${t.spaceUrl('alpha')}/apps/visuals/api/templates`, { headers: dav.headers })).status).toBe(401)
    expect(await raw('/s/alpha/remote.php/dav/files/ada/%2e%2e/', { ...dav.headers, depth: '0' }, 'PROPFIND')).toBe(401)
    expect(await raw('/s/alpha/remote.php/dav/../../api/v1/me', dav.headers)).toBe(401)
  })

  it('accept tokens issued before tokens named a prefix (DAV only)', async () => {
    const key = loadInternalKey(t.dataDir)
    const payload = Buffer.from(JSON.stringify({ s: 'alpha', u: 'ada', e: Math.floor(Date.now() / 1000) + 300 })).toString('base64url')
    const old = { authorization: `Bearer maison-internal.${payload}.${createHmac('sha256', key).update(payload).digest('base64url')}` }
    expect((await fetch(`${t.spaceUrl('alpha')}/remote.php/dav/files/ada/`, { method: 'PROPFIND', headers: { ...old, depth: '0' } })).status).toBe(207)
    expect((await fetch(`${t.spaceUrl('alpha')}/apps/visuals/api/templates`, { headers: old })).status).toBe(401)
  })
})

describe('token scopes', () => {
  const now = new Date('2026-11-27T12:00:00Z')
  const tokens = new InternalTokens(randomBytes(32), () => now)

  it('carry the prefix they were issued for; old verify still names the account', () => {
    expect(tokens.grant(tokens.issue('alpha', 'ada'), 'alpha')).toEqual({ username: 'ada', scope: DAV_SCOPE })
    const visuals = tokens.issue('alpha', 'ada', '/apps/visuals/api/')
    expect(tokens.grant(visuals, 'alpha')).toEqual({ username: 'ada', scope: '/apps/visuals/api/' })
    expect(tokens.grant(visuals, 'beta')).toBeNull()
    expect(tokens.verify(visuals, 'alpha')).toBe('ada')
    for (const bad of ['/apps/visuals/api', 'apps/', '/apps/../api/', '/', '/apps//api/', '/apps/%2e/']) {
      expect(() => tokens.issue('alpha', 'ada', bad), bad).toThrow(/Not a token scope/)
    }
  })

  it('match request paths byte for byte under the space prefix, on /s/{space} and on a space host name', () => {
    const scope = '/apps/visuals/api/'
    expect(pathInScope('/s/alpha/apps/visuals/api/render', '/s/alpha', scope)).toBe(true)
    expect(pathInScope('/s/alpha/apps/visuals/api', '/s/alpha', scope)).toBe(true)
    expect(pathInScope('/s/alpha/apps/visuals/api?x=1', '/s/alpha', scope)).toBe(true)
    expect(pathInScope('/apps/visuals/api/render', '', scope)).toBe(true)
    expect(pathInScope('/s/alpha/apps/visuals/api/render', '', scope)).toBe(false)
    expect(pathInScope('/s/alphabet/apps/visuals/api/render', '/s/alpha', scope)).toBe(false)
    expect(pathInScope('/s/alpha/apps/visuals/apirender', '/s/alpha', scope)).toBe(false)
    expect(pathInScope('/s/alpha/apps/visuals/api/a%2fb', '/s/alpha', scope)).toBe(false)
    expect(pathInScope('/s/alpha/apps/visuals/api/files/caf%C3%A9.png', '/s/alpha', scope)).toBe(true)
    expect(pathInScope('/s/alpha/remote.php/webdav/x', '/s/alpha', DAV_SCOPE)).toBe(true)
    expect(pathInScope('/s/alpha/remote.php/webdav/x', '/s/alpha', scope)).toBe(false)
    expect(pathInScope('/s/alpha/remote.php/davx', '/s/alpha', DAV_SCOPE)).toBe(false)
  })
})
