import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { basic, startHarness, startRedis, type Harness } from '../accounts/test/harness.ts'

let redis: Awaited<ReturnType<typeof startRedis>>
let h: Harness
const ADMIN = basic('admin', 'admin-password-1')

beforeAll(async () => {
  redis = await startRedis()
  h = await startHarness(redis.url)
}, 30_000)

afterAll(async () => {
  await h?.close()
  await redis?.stop()
})

async function ocs(version: 1 | 2, method: string, p: string, opts: { auth?: string; form?: Record<string, string | string[]>; header?: boolean; ip?: string } = {}) {
  const headers: Record<string, string> = { 'x-forwarded-for': opts.ip ?? '203.0.113.50' }
  if (opts.auth !== '') headers.authorization = opts.auth ?? ADMIN
  if (opts.header !== false) headers['ocs-apirequest'] = 'true'
  let body: string | undefined
  if (opts.form) {
    const params = new URLSearchParams()
    for (const [k, v] of Object.entries(opts.form)) for (const x of [v].flat()) params.append(Array.isArray(v) ? `${k}[]` : k, x)
    body = params.toString()
    headers['content-type'] = 'application/x-www-form-urlencoded'
  }
  const res = await fetch(`${h.base}/s/demo/ocs/v${version}.php${p}`, { method, headers, body })
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text(), headers: res.headers }
}

const json = (r: { text: string }) => JSON.parse(r.text) as { ocs: { meta: { status: string; statuscode: number; message: string }; data: any } }

describe('OCS provisioning API', () => {
  it('answers XML by default and JSON on request, v1 and v2', async () => {
    const xml = await ocs(1, 'GET', '/cloud/users')
    expect(xml.status).toBe(200)
    expect(xml.type).toMatch(/application\/xml/)
    expect(xml.text).toContain('<statuscode>100</statuscode>')
    expect(xml.text).toContain('<users>\n   <element>admin</element>\n  </users>')
    const v2 = await ocs(2, 'GET', '/cloud/users?format=json')
    expect(v2.type).toMatch(/application\/json/)
    expect(json(v2).ocs.meta).toMatchObject({ status: 'ok', statuscode: 200 })
    expect(json(v2).ocs.data).toEqual({ users: ['admin'] })
  })

  it('requires credentials (997) and the OCS-APIRequest header (412)', async () => {
    const anon = await ocs(2, 'GET', '/cloud/users?format=json', { auth: '' })
    expect(anon.status).toBe(401)
    expect(json(anon).ocs.meta.statuscode).toBe(997)
    const wrong = await ocs(1, 'GET', '/cloud/users', { auth: basic('admin', 'nope-nope'), ip: '203.0.113.51' })
    expect(wrong.status).toBe(401)
    expect(wrong.text).toContain('<statuscode>997</statuscode>')
    const noHeader = await ocs(2, 'GET', '/cloud/users', { header: false })
    expect(noHeader.status).toBe(412)
    expect(JSON.parse(noHeader.text)).toEqual({ message: 'CSRF check failed' })
  })

  it('creates users with Nextcloud codes: 100, 102 exists, 101 invalid, 104 unknown group', async () => {
    expect((await ocs(2, 'POST', '/cloud/groups', { form: { groupid: 'choir' } })).status).toBe(200)
    const created = await ocs(1, 'POST', '/cloud/users?format=json', { form: { userid: 'Frank', password: 'franks-password', email: 'frank@example.org', displayName: 'Frank K.', groups: ['choir'], quota: '5 GB' } })
    expect(json(created).ocs.meta.statuscode).toBe(100)
    expect(json(created).ocs.data).toEqual({ id: 'Frank' })
    const dup = await ocs(1, 'POST', '/cloud/users', { form: { userid: 'frank', password: 'franks-password' } })
    expect(dup.status).toBe(200)
    expect(dup.text).toContain('<statuscode>102</statuscode>')
    const dup2 = await ocs(2, 'POST', '/cloud/users?format=json', { form: { userid: 'frank', password: 'franks-password' } })
    expect(dup2.status).toBe(400)
    expect(json(dup2).ocs.meta.statuscode).toBe(102)
    const invalid = await ocs(2, 'POST', '/cloud/users?format=json', { form: { userid: '_bad', password: 'franks-password' } })
    expect(json(invalid).ocs.meta.statuscode).toBe(101)
    expect(json(invalid).ocs.meta.message).toMatch(/userid/)
    const group = await ocs(2, 'POST', '/cloud/users?format=json', { form: { userid: 'gina', password: 'ginas-password', groups: ['nope'] } })
    expect(json(group).ocs.meta.statuscode).toBe(104)
  })

  it('gets a user with Nextcloud fields; 404 for an unknown one', async () => {
    const r = json(await ocs(2, 'GET', '/cloud/users/Frank?format=json'))
    expect(r.ocs.data).toMatchObject({ id: 'Frank', enabled: true, email: 'frank@example.org', displayname: 'Frank K.', groups: ['choir'], backend: 'Database', lastLogin: 0 })
    expect(r.ocs.data.quota).toMatchObject({ quota: 5 * 1024 ** 3, used: 0, total: 5 * 1024 ** 3 })
    const v1 = await ocs(1, 'GET', '/cloud/users/nobody')
    expect(v1.status).toBe(200)
    expect(v1.text).toContain('<statuscode>404</statuscode>')
    const v2 = await ocs(2, 'GET', '/cloud/users/nobody?format=json')
    expect(v2.status).toBe(404)
  })

  it('edits, disables, enables; a member can read only itself; /cloud/user', async () => {
    expect(json(await ocs(2, 'PUT', '/cloud/users/Frank?format=json', { form: { key: 'quota', value: 'none' } })).ocs.meta.statuscode).toBe(200)
    const badQuota = await ocs(1, 'PUT', '/cloud/users/Frank?format=json', { form: { key: 'quota', value: 'lots' } })
    expect(json(badQuota).ocs.meta.statuscode).toBe(102)
    expect(json(await ocs(1, 'PUT', '/cloud/users/Frank?format=json', { form: { key: 'displayname', value: 'Franky' } })).ocs.meta.statuscode).toBe(100)
    const frank = basic('Frank', 'franks-password')
    const me = json(await ocs(2, 'GET', '/cloud/user?format=json', { auth: frank }))
    expect(me.ocs.data).toMatchObject({ id: 'Frank', 'display-name': 'Franky' })
    const others = await ocs(2, 'GET', '/cloud/users?format=json', { auth: frank })
    expect(others.status).toBe(403)
    expect(json(await ocs(1, 'PUT', '/cloud/users/Frank/disable?format=json')).ocs.meta.statuscode).toBe(100)
    expect((await ocs(2, 'GET', '/cloud/user?format=json', { auth: frank, ip: '203.0.113.52' })).status).toBe(401)
    expect(json(await ocs(1, 'PUT', '/cloud/users/Frank/enable?format=json')).ocs.meta.statuscode).toBe(100)
    expect((await ocs(2, 'GET', '/cloud/user?format=json', { auth: frank, ip: '203.0.113.52' })).status).toBe(200)
  })

  it('manages groups: admin maps to the role, last admin protected, admin group fixed', async () => {
    expect(json(await ocs(2, 'GET', '/cloud/groups?format=json')).ocs.data).toEqual({ groups: ['admin', 'choir'] })
    expect(json(await ocs(1, 'POST', '/cloud/groups?format=json', { form: { groupid: 'choir' } })).ocs.meta.statuscode).toBe(102)
    expect(json(await ocs(1, 'POST', '/cloud/users/Frank/groups?format=json', { form: { groupid: 'admin' } })).ocs.meta.statuscode).toBe(100)
    expect(json(await ocs(2, 'GET', '/cloud/groups/admin?format=json')).ocs.data).toEqual({ users: ['admin', 'Frank'] })
    expect(json(await ocs(1, 'POST', '/cloud/users/Frank/groups?format=json', { form: { groupid: 'ghosts' } })).ocs.meta.statuscode).toBe(102)
    expect(json(await ocs(1, 'POST', '/cloud/users/nobody/groups?format=json', { form: { groupid: 'choir' } })).ocs.meta.statuscode).toBe(103)
    expect(json(await ocs(1, 'DELETE', '/cloud/users/Frank/groups?format=json', { form: { groupid: 'admin' } })).ocs.meta.statuscode).toBe(100)
    const last = await ocs(1, 'DELETE', '/cloud/users/admin/groups?format=json', { form: { groupid: 'admin' } })
    expect(json(last).ocs.meta.statuscode).toBe(105)
    expect(json(await ocs(2, 'GET', '/cloud/users/Frank/groups?format=json')).ocs.data).toEqual({ groups: ['choir'] })
    expect(json(await ocs(1, 'DELETE', '/cloud/groups/admin?format=json')).ocs.meta.statuscode).toBe(102)
    expect(json(await ocs(1, 'DELETE', '/cloud/groups/ghosts?format=json')).ocs.meta.statuscode).toBe(101)
    expect((await ocs(2, 'GET', '/cloud/groups/ghosts?format=json')).status).toBe(404)
    expect(json(await ocs(1, 'DELETE', '/cloud/groups/choir?format=json')).ocs.meta.statuscode).toBe(100)
  })

  it('deletes a user (101 for unknown or self)', async () => {
    expect(json(await ocs(1, 'DELETE', '/cloud/users/admin?format=json')).ocs.meta.statuscode).toBe(101)
    expect(json(await ocs(1, 'DELETE', '/cloud/users/nobody?format=json')).ocs.meta.statuscode).toBe(101)
    expect(json(await ocs(1, 'DELETE', '/cloud/users/Frank?format=json')).ocs.meta.statuscode).toBe(100)
    expect(json(await ocs(2, 'GET', '/cloud/users?format=json')).ocs.data).toEqual({ users: ['admin'] })
  })

  it('refuses a user beyond the space limit with 403', async () => {
    const h2 = await startHarness(redis.url, { maxAccounts: 1 })
    try {
      const res = await fetch(`${h2.base}/s/demo/ocs/v2.php/cloud/users?format=json`, {
        method: 'POST', headers: { authorization: ADMIN, 'ocs-apirequest': 'true', 'content-type': 'application/x-www-form-urlencoded' },
        body: 'userid=zoe&password=zoes-password',
      })
      expect(res.status).toBe(403)
      const body = (await res.json()) as { ocs: { meta: { statuscode: number; message: string } } }
      expect(body.ocs.meta).toMatchObject({ statuscode: 403, message: 'This space already has 1 account, the most it may have.' })
    } finally {
      await h2.close()
    }
  })
})
