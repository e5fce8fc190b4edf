import fs from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createFixture, listen, type Fixture } from './testing/fixture.ts'
import { rawRequest } from './testing/http.ts'
import { filesDepsFor } from '../files/deps.ts'
import { setAssociationWriters } from '../files/association.ts'

let fx: Fixture
let srv: Awaited<ReturnType<typeof listen>>
const raw = (method: string, path: string, opts: Parameters<typeof rawRequest>[3] = {}) => rawRequest(srv.port, method, path, opts)
const ROOT = '/s/demo/remote.php/dav/files'
const LOCKINFO = '<d:lockinfo xmlns:d="DAV:"><d:lockscope><d:exclusive/></d:lockscope><d:locktype><d:write/></d:locktype><d:owner>alice</d:owner></d:lockinfo>'
const LOCKDISCOVERY = '<d:propfind xmlns:d="DAV:"><d:prop><d:lockdiscovery/></d:prop></d:propfind>'

async function lock(user: string, path: string, depth: '0' | 'infinity'): Promise<string> {
  const r = await raw('LOCK', path, { user, headers: { Depth: depth, Timeout: 'Second-600' }, body: LOCKINFO })
  expect(r.status, r.body).toBe(200)
  return r.headers['lock-token'] as string
}

beforeEach(async () => {
  fx = createFixture()
  srv = await listen(fx.app)
  setAssociationWriters(filesDepsFor(fx.space).repo, 'members')
})
afterEach(async () => {
  await srv.close()
  fx.close()
  fs.rmSync(fx.dataDir, { recursive: true, force: true })
})

describe('locks on the association folder', () => {
  it('are one lock whichever account URL reaches the file', async () => {
    expect((await raw('PUT', `${ROOT}/alice/Association/x.txt`, { body: 'v1' })).status).toBe(201)
    const token = await lock('alice', `${ROOT}/alice/Association/x.txt`, '0')

    const blocked = await raw('PUT', `${ROOT}/bob/Association/x.txt`, { user: 'bob', body: 'bob was here' })
    expect(blocked.status).toBe(423)
    // The blocking lock is named by the URL bob uses, not alice's.
    expect(blocked.body).toContain(`<d:href>${ROOT}/bob/Association/x.txt</d:href>`)
    expect((await raw('DELETE', `${ROOT}/bob/Association/x.txt`, { user: 'bob' })).status).toBe(423)

    const seen = await raw('PROPFIND', `${ROOT}/bob/Association/x.txt`, { user: 'bob', headers: { Depth: '0' }, body: LOCKDISCOVERY })
    expect(seen.body).toContain(`<d:locktoken><d:href>${token.slice(1, -1)}</d:href></d:locktoken>`)
    expect(seen.body).toContain(`<d:lockroot><d:href>${ROOT}/bob/Association/x.txt</d:href></d:lockroot>`)

    expect((await raw('PUT', `${ROOT}/alice/Association/x.txt`, { headers: { If: `(${token})` }, body: 'v2' })).status).toBe(204)
    expect((await raw('UNLOCK', `${ROOT}/alice/Association/x.txt`, { headers: { 'Lock-Token': token } })).status).toBe(204)
    expect((await raw('PUT', `${ROOT}/bob/Association/x.txt`, { user: 'bob', body: 'v3' })).status).toBe(204)
    expect((await raw('GET', `${ROOT}/alice/Association/x.txt`)).body).toBe('v3')
  })

  it('covers members of a locked association folder, and shows on the mount in a Depth 1 listing', async () => {
    expect((await raw('MKCOL', `${ROOT}/alice/Association/minutes`)).status).toBe(201)
    const token = await lock('alice', `${ROOT}/alice/Association/minutes/`, 'infinity')
    expect((await raw('PUT', `${ROOT}/bob/Association/minutes/new.txt`, { user: 'bob', body: 'x' })).status).toBe(423)
    expect((await raw('MOVE', `${ROOT}/bob/Association/minutes`, { user: 'bob', headers: { Destination: `${ROOT}/bob/elsewhere` } })).status).toBe(423)

    // bob's URL for the folder above meets alice's exclusive lock below it.
    const clash = await raw('LOCK', `${ROOT}/bob/Association/`, { user: 'bob', headers: { Depth: 'infinity' }, body: LOCKINFO })
    expect(clash.status).toBe(423)
    expect((await raw('UNLOCK', `${ROOT}/alice/Association/minutes/`, { headers: { 'Lock-Token': token } })).status).toBe(204)
    const whole = await lock('alice', `${ROOT}/alice/Association/`, 'infinity')

    const listing = await raw('PROPFIND', `${ROOT}/bob/`, { user: 'bob', headers: { Depth: '1' }, body: LOCKDISCOVERY })
    expect(listing.status).toBe(207)
    const mount = listing.body.split('<d:response>').find((r) => r.includes(`<d:href>${ROOT}/bob/Association/</d:href>`))
    expect(mount).toContain(`<d:locktoken><d:href>${whole.slice(1, -1)}</d:href></d:locktoken>`)
    expect(mount).toContain(`<d:lockroot><d:href>${ROOT}/bob/Association</d:href></d:lockroot>`)
  })

  it("keeps each account's own tree separate: a lock in alice's home does not touch bob's", async () => {
    expect((await raw('PUT', `${ROOT}/alice/same.txt`, { body: 'a' })).status).toBe(201)
    await lock('alice', `${ROOT}/alice/same.txt`, '0')
    expect((await raw('PUT', `${ROOT}/bob/same.txt`, { user: 'bob', body: 'b' })).status).toBe(201)
    const bobs = await raw('PROPFIND', `${ROOT}/bob/same.txt`, { user: 'bob', headers: { Depth: '0' }, body: LOCKDISCOVERY })
    expect(bobs.body).toContain('<d:lockdiscovery/>')
  })
})
