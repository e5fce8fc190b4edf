/**
 * The members address book over CardDAV: vdirsyncer discovers it from the space's DAV root and syncs one
 * vCard per current member; Python's vobject reads the right fields; members see nothing, writes are refused.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../support/server.ts'

const run = promisify(execFile)
const basic = (u: string, p: string) => 'Basic ' + Buffer.from(`${u}:${p}`).toString('base64')
const admin = basic('treasurer', 'treasurer-password-1')
let t: TestServer
let dir: string

async function api(pathname: string, body: unknown): Promise<{ id: number }> {
  const res = await fetch(`${t.spaceUrl('amap')}/apps/members/api${pathname}`, {
    method: 'POST', headers: { authorization: admin, 'content-type': 'application/json' }, body: JSON.stringify(body),
  })
  expect(res.status, await res.clone().text()).toBe(201)
  return (await res.json()) as { id: number }
}

beforeAll(async () => {
  t = await startTestServer()
  await t.createSpace('amap', { admin: { username: 'treasurer', password: 'treasurer-password-1' } })
  const board = await api('/categories', { name: 'Bureau' })
  const former = await api('/categories', { name: 'Anciens', hidden: true })
  await api('/members', { firstName: 'Élise', lastName: 'Durand', email: 'elise@example.org', phone: '+33 6 12 34 56 78', categoryId: board.id, address: { street: '3 rue des Lilas', postcode: '69001', city: 'Lyon', country: 'France' } })
  await api('/members', { firstName: 'Jean', lastName: "O'Neil; Jr", email: 'jean@example.org' })
  await api('/members', { firstName: 'Ancien', lastName: 'Membre', categoryId: former.id })
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maison-carddav-'))
  fs.mkdirSync(path.join(dir, 'local'))
  fs.writeFileSync(path.join(dir, 'config'), [
    '[general]', `status_path = "${dir}/status/"`, '',
    '[pair members]', 'a = "local"', 'b = "remote"', 'collections = ["from b"]', '',
    '[storage local]', 'type = "filesystem"', `path = "${dir}/local/"`, 'fileext = ".vcf"', '',
    '[storage remote]', 'type = "carddav"', `url = "${t.spaceUrl('amap')}/remote.php/dav/"`, 'username = "treasurer"', 'password = "treasurer-password-1"', '',
  ].join('\n'))
})
afterAll(async () => {
  await t?.close()
  if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

/** Runs vdirsyncer; `yes` answers its question whether to create the local folder of a discovered book. */
async function vdirsyncer(...args: string[]): Promise<string> {
  const command = `yes | vdirsyncer -c '${path.join(dir, 'config')}' ${args.join(' ')}`
  const { stdout, stderr } = await run('sh', ['-c', command], { timeout: 60_000, env: { ...process.env, LANG: 'C.UTF-8' } })
  return stdout + stderr
}

it('vdirsyncer discovers the members address book and syncs one vCard per current member', async () => {
  await vdirsyncer('discover', 'members')
  await vdirsyncer('sync')
  const book = path.join(dir, 'local', 'members')
  const files = fs.readdirSync(book).filter((f) => f.endsWith('.vcf'))
  expect(files).toHaveLength(2)
  const script = [
    'import sys, json, vobject',
    'out = []',
    'for p in sys.argv[1:]:',
    '    c = vobject.readOne(open(p, encoding="utf-8").read())',
    '    out.append({"fn": c.fn.value, "family": c.n.value.family, "email": getattr(c, "email", None) and c.email.value,',
    '                "tel": getattr(c, "tel", None) and c.tel.value, "city": getattr(c, "adr", None) and c.adr.value.city,',
    '                "categories": getattr(c, "categories", None) and c.categories.value})',
    'print(json.dumps(sorted(out, key=lambda x: x["fn"])))',
  ].join('\n')
  const { stdout } = await run('/usr/bin/python3', ['-c', script, ...files.map((f) => path.join(book, f))])
  expect(JSON.parse(stdout)).toEqual([
    { fn: 'Jean O\'Neil; Jr', family: "O'Neil; Jr", email: 'jean@example.org', tel: null, city: null, categories: null },
    { fn: 'Élise Durand', family: 'Durand', email: 'elise@example.org', tel: '+33 6 12 34 56 78', city: 'Lyon', categories: ['Bureau'] },
  ])

  // A change reaches the phone at the next sync (the ctag moves).
  await api('/members', { firstName: 'Nouvelle', lastName: 'Adhérente' })
  await vdirsyncer('sync')
  expect(fs.readdirSync(book).filter((f) => f.endsWith('.vcf'))).toHaveLength(3)
}, 120_000)

it('is read-only and shown to admins only', async () => {
  const home = `${t.spaceUrl('amap')}/remote.php/dav/addressbooks/users/treasurer/members/`
  const put = await fetch(`${home}new.vcf`, { method: 'PUT', headers: { authorization: admin, 'content-type': 'text/vcard' }, body: 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:X\r\nEND:VCARD\r\n' })
  expect(put.status).toBeGreaterThanOrEqual(403)
  expect(put.status).toBeLessThan(500)
  const multiget = await fetch(home, {
    method: 'REPORT', headers: { authorization: admin, depth: '1', 'content-type': 'application/xml' },
    body: `<A:addressbook-multiget xmlns:d="DAV:" xmlns:A="urn:ietf:params:xml:ns:carddav"><d:prop><d:getetag/><A:address-data/></d:prop>
      <d:href>${new URL(home).pathname}maison-amap-1.vcf</d:href><d:href>${new URL(home).pathname}nope.vcf</d:href></A:addressbook-multiget>`,
  })
  const text = await multiget.text()
  expect(multiget.status).toBe(207)
  expect(text).toContain('FN:Élise Durand')
  expect(text).toMatch(/nope\.vcf<\/d:href><d:status>HTTP\/1\.1 404/)
  const query = await fetch(home, {
    method: 'REPORT', headers: { authorization: admin, depth: '1', 'content-type': 'application/xml' },
    body: `<A:addressbook-query xmlns:d="DAV:" xmlns:A="urn:ietf:params:xml:ns:carddav"><d:prop><d:getetag/></d:prop>
      <A:filter><A:prop-filter name="EMAIL"><A:text-match match-type="starts-with">jean@</A:text-match></A:prop-filter></A:filter></A:addressbook-query>`,
  })
  const found = await query.text()
  expect(found.match(/<d:response>/g)).toHaveLength(1)

  await fetch(`${t.spaceUrl('amap')}/ocs/v2.php/cloud/users?format=json`, {
    method: 'POST', headers: { authorization: admin, 'ocs-apirequest': 'true', 'content-type': 'application/json' },
    body: JSON.stringify({ userid: 'member1', password: 'member-password-1' }),
  })
  const asMember = await fetch(`${t.spaceUrl('amap')}/remote.php/dav/addressbooks/users/member1/`, {
    method: 'PROPFIND', headers: { authorization: basic('member1', 'member-password-1'), depth: '1' },
  })
  expect(asMember.status).toBe(207)
  expect(await asMember.text()).not.toContain('/members/')
  const other = await fetch(home, { method: 'PROPFIND', headers: { authorization: basic('member1', 'member-password-1'), depth: '1' } })
  expect(other.status).toBe(404)
})
