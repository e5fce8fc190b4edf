import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'csv-parse/sync'
import { basic, client, startMembersServer, type MembersTestServer } from './support.ts'

let t: MembersTestServer
let admin: ReturnType<typeof client>

beforeAll(async () => {
  t = await startMembersServer()
  await t.createSpace('asso')
  admin = client(t.api('asso'), basic('admin', 'asso-password-1'))
  await admin.post('/categories', { name: 'Actif' })
  await admin.post('/fields', { key: 'instrument', label: 'Instrument', type: 'text' })
})
afterAll(async () => t?.close())

const latin1 = (s: string) => Buffer.from(s, 'latin1').toString('base64')
const utf8bom = (s: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s, 'utf8')]).toString('base64')
const total = async () => (await admin.get('/members?hidden=true')).body.total as number

function bigCsv(): string {
  const lines = ["N°;Prénom;Nom;Courriel;Date d'adhésion;Catégorie;Ville;Instrument"]
  for (let i = 1; i <= 500; i++) {
    let email = `membre${i}@exemple.fr`
    let joined = '15/09/2025'
    let number = String(1000 + i)
    if (i === 100) email = 'pas-une-adresse'
    if (i === 200) joined = '31/02/2025'
    if (i === 300) number = '1001'
    lines.push(`${number};Zoé${i};Lefèvre;${email};${joined};Actif;Besançon;violon`)
  }
  return lines.join('\r\n') + '\r\n'
}

describe('CSV import', () => {
  it('reports each bad line of a Latin-1 ";" file and writes nothing, then imports the rest when asked to skip', async () => {
    const content = latin1(bigCsv())
    const preview = await admin.post('/import', { content, dryRun: true })
    expect(preview.status).toBe(200)
    expect(preview.body).toMatchObject({ encoding: 'windows-1252', delimiter: ';', lines: 500, written: false })
    expect(preview.body.mapping).toEqual({ 'N°': 'number', 'Prénom': 'firstName', Nom: 'lastName', Courriel: 'email', "Date d'adhésion": 'joinedOn', 'Catégorie': 'category', Ville: 'city', Instrument: 'custom.instrument' })
    expect(preview.body.errors).toEqual([
      { line: 101, errors: [{ path: 'email', message: 'expected an e-mail address like name@example.org' }] },
      { line: 201, errors: [{ path: 'joinedOn', message: 'expected a real date YYYY-MM-DD between 1900 and 2100' }] },
      { line: 301, errors: [{ path: 'number', message: 'number 1001 is already used' }] },
    ])
    expect(await total()).toBe(0)
    const refused = await admin.post('/import', { content })
    expect(refused.status).toBe(422)
    expect(refused.body.errors).toHaveLength(3)
    expect(await total()).toBe(0)
    const done = await admin.post('/import', { content, skipBadLines: true })
    expect(done.body).toMatchObject({ written: true, created: 497 })
    expect(await total()).toBe(497)
    const one = (await admin.get('/members?q=Zo%C3%A942')).body.members[0]
    expect(one).toMatchObject({ firstName: 'Zoé42', lastName: 'Lefèvre', joinedOn: '2025-09-15', address: { city: 'Besançon' }, custom: { instrument: 'violon' } })
  })

  it('UTF-8 with BOM and ",", update by member number, explicit mapping', async () => {
    const csv = 'num,given,family,mail\r\n1001,"Zoé, dite Zaza",Lefèvre,zaza@exemple.fr\r\n9999,Nobody,Here,x@exemple.fr\r\n'
    const mapping = { num: 'number', given: 'firstName', family: 'lastName', mail: 'email' }
    const res = await admin.post('/import', { content: utf8bom(csv), mapping, mode: 'update' })
    expect(res.status).toBe(422)
    expect(res.body).toMatchObject({ encoding: 'utf-8-bom', delimiter: ',', errors: [{ line: 3, errors: [{ path: 'number', message: 'no member has number 9999' }] }] })
    const ok = await admin.post('/import', { content: utf8bom(csv), mapping, mode: 'both' })
    expect(ok.body).toMatchObject({ written: true, created: 1, updated: 1 })
    expect((await admin.get('/members?q=zaza')).body.members[0]).toMatchObject({ number: '1001', firstName: 'Zoé, dite Zaza' })
    expect((await admin.post('/import', { content: utf8bom(csv), mapping: { nope: 'number' } })).status).toBe(400)
    expect((await admin.post('/import', { content: 'not base64!!' })).body.errors[0].path).toBe('content')
    expect((await admin.post('/import', { content: Buffer.from([0xff, 0xfe, 0x41, 0]).toString('base64') })).status).toBe(400)
  })
})

describe('export', () => {
  it('CSV neutralises formulas; vCard has one card per member', async () => {
    await admin.post('/members', { number: 'X1', firstName: '=cmd|\' /C calc\'!A0', lastName: '+SUM(A1)', notes: '@evil\n-2+3' })
    const res = await fetch(`${t.api('asso')}/export.csv`, { headers: { authorization: basic('admin', 'asso-password-1') } })
    expect(res.headers.get('content-type')).toMatch(/text\/csv/)
    const bytes = Buffer.from(await res.arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = parse(bytes.subarray(3).toString('utf8'), { delimiter: ';' }) as string[][]
    expect(rows).toHaveLength(1 + 499)
    const evil = rows.find((r) => r[0] === 'X1')!
    expect(evil.slice(1, 3)).toEqual(["'=cmd|' /C calc'!A0", "'+SUM(A1)"])
    expect(evil[17]).toBe("'@evil\n-2+3")
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/)
    const vcf = await (await fetch(`${t.api('asso')}/export.vcf`, { headers: { authorization: basic('admin', 'asso-password-1') } })).text()
    expect(vcf.match(/BEGIN:VCARD/g)).toHaveLength(499)
    expect(vcf).toContain('FN:Zoé42 Lefèvre')
    expect(vcf).toContain('EMAIL;TYPE=INTERNET:membre42@exemple.fr')
  })
})
