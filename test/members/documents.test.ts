import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { basic, client, startMembersServer, type MembersTestServer } from './support.ts'

let t: MembersTestServer
beforeAll(async () => {
  t = await startMembersServer()
  await t.createSpace('chorale')
})
afterAll(async () => t?.close())

function pdfText(bytes: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'members-pdf-')), 'x.pdf')
  fs.writeFileSync(file, bytes)
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
}

it('receipt with the association name; the member downloads their own card', async () => {
  const auth = basic('admin', 'chorale-password-1')
  const admin = client(t.api('chorale'), auth)
  await admin.patch('/settings', { associationName: 'Chorale des Tilleuls' })
  const act = (await admin.post('/activities', { name: 'Saison 2026', validity: { kind: 'season', start: '2025-09-01', end: '2026-08-31' }, fees: [{ label: 'N', amountCents: 4500 }] })).body
  await fetch(`${t.spaceUrl('chorale')}/api/v1/accounts`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ username: 'lea', password: 'lea-password-1', role: 'member' }) })
  const m = (await admin.post('/members', { firstName: 'Léa', lastName: 'Roux', account: 'lea' })).body
  const pay = (await admin.post(`/members/${m.id}/payments`, { activityId: act.id, amountCents: 4500, paidOn: '2026-01-10', method: 'cheque' })).body
  const receipt = await fetch(`${t.api('chorale')}/members/${m.id}/payments/${pay.payment.id}/receipt.pdf`, { headers: { authorization: auth } })
  expect(receipt.headers.get('content-type')).toBe('application/pdf')
  const text = pdfText(Buffer.from(await receipt.arrayBuffer()))
  expect(text).toContain('Chorale des Tilleuls')
  expect(text).toMatch(/Reçu n° 1/)
  expect(text).toMatch(/45,00\s€/)
  const card = await fetch(`${t.api('chorale')}/me/card.pdf`, { headers: { authorization: basic('lea', 'lea-password-1') } })
  expect(card.status).toBe(200)
  const cardText = pdfText(Buffer.from(await card.arrayBuffer()))
  expect(cardText).toContain('Léa Roux')
  expect(cardText).toContain('31 août 2026')
  expect((await fetch(`${t.api('chorale')}/members/${m.id}/card.pdf`, { headers: { authorization: basic('lea', 'lea-password-1') } })).status).toBe(403)
  expect((await fetch(`${t.api('chorale')}/me/payments/${pay.payment.id}/receipt.pdf`, { headers: { authorization: basic('lea', 'lea-password-1') } })).status).toBe(200)
})
