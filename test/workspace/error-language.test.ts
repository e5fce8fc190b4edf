import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../support/server.ts'

// Errors are thrown in English; the answer is in the reader's language: the account's, else the
// page's cookie, else the browser's (Accept-Language), else English.
describe('error answers in the reader\'s language', () => {
  let t: TestServer
  const admin = { username: 'admin', password: 'el-password-1' }
  const basic = 'Basic ' + Buffer.from(`${admin.username}:${admin.password}`).toString('base64')
  beforeAll(async () => {
    t = await startTestServer()
    await t.createSpace('lang', { admin })
  })
  afterAll(async () => t?.close())

  const createAppPassword = (headers: Record<string, string>) =>
    fetch(`${t.spaceUrl('lang')}/api/v1/me/app-passwords`, {
      method: 'POST', headers: { authorization: basic, 'content-type': 'application/json', ...headers }, body: JSON.stringify({ name: 'x'.repeat(101) }),
    })

  it('answers a French browser in French: the detail and each field error, with Content-Language', async () => {
    const res = await createAppPassword({ 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' })
    expect(res.status).toBe(400)
    expect(res.headers.get('content-language')).toBe('fr')
    expect(res.headers.get('vary')).toContain('Accept-Language')
    const body = (await res.json()) as { code: string; detail: string; errors: { path: string; message: string }[] }
    expect(body.code).toBe('validation_failed')
    expect(body.errors).toEqual([{ path: 'name', message: '100 caractères au maximum.' }])
    expect(body.detail).toBe('Le contenu de la requête n’est pas valide : name : 100 caractères au maximum.')
  })

  it('answers in English without a French preference, and follows the language cookie', async () => {
    const en = await createAppPassword({})
    expect(en.headers.get('content-language')).toBe('en')
    expect(((await en.json()) as { detail: string }).detail).toBe('The request body is not valid: name: At most 100 characters.')
    const cookie = await createAppPassword({ cookie: 'maison_lang=fr', 'accept-language': 'en' })
    expect(((await cookie.json()) as { errors: { message: string }[] }).errors[0]!.message).toBe('100 caractères au maximum.')
  })

  it('names a DAV error in the client\'s language, English without one', async () => {
    const propfind = (headers: Record<string, string>) => fetch(`${t.spaceUrl('lang')}/remote.php/dav/files/admin/nothing-here/`, { method: 'PROPFIND', headers: { authorization: basic, depth: '0', ...headers } })
    const fr = await propfind({ 'accept-language': 'fr' })
    expect(fr.status).toBe(404)
    expect(await fr.text()).toContain('<s:message>Aucune ressource à cet emplacement.</s:message>')
    expect(await (await propfind({})).text()).toContain('<s:message>No resource at this path.</s:message>')
  })

  it('puts zod\'s own messages in French too, and the error page of a browser', async () => {
    const res = await fetch(`${t.spaceUrl('lang')}/api/v1/shares`, {
      method: 'POST', headers: { authorization: basic, 'content-type': 'application/json', 'accept-language': 'fr' }, body: JSON.stringify({ path: 42 }),
    })
    expect(res.status).toBe(400)
    const body = (await res.json()) as { detail: string; errors: { path: string; message: string }[] }
    expect(body.errors).toEqual([{ path: 'path', message: expect.stringMatching(/^Entrée invalide : chaîne de caractères attendue?, nombre reçu$/) }])
    expect(body.detail).toMatch(/^Les paramètres du lien de partage ne sont pas valides/)
    const page = await fetch(`${t.url}/s/nowhere/`, { headers: { accept: 'text/html', 'accept-language': 'fr' } })
    expect(page.status).toBe(404)
    expect(await page.text()).toContain('Il n’existe aucun espace portant ce nom.')
  })
})
