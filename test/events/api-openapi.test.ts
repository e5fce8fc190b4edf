/** apps/events/openapi.yaml: it parses, and every request body example of the core paths works against the real API. */
import fs from 'node:fs'
import { parse } from 'yaml'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../support/server.ts'
import { appPassword, client } from './events-support.ts'

let t: TestServer
beforeAll(async () => {
  t = await startTestServer()
  await t.createSpace('manual', { admin: { username: 'ada', password: 'ada-password-1' } })
})
afterAll(async () => t?.close())

const CORE = ['/events', '/events/{id}', '/events/{id}/duplicate', '/events/{id}/cancel', '/events/{id}/publish', '/events/{id}/occurrences',
  '/events/{id}/occurrences/{occurrence}', '/events/{id}/occurrences/{occurrence}/cancel', '/events/{id}/picture', '/site', '/tags']

it('documents every core path, and every JSON request body example is accepted', async () => {
  const doc = parse(fs.readFileSync(new URL('../../apps/events/openapi.yaml', import.meta.url), 'utf8')) as any
  expect(doc.openapi).toBe('3.1.0')
  for (const p of CORE) expect(doc.paths[p], p).toBeDefined()
  const api = client(`${t.spaceUrl('manual')}/apps/events/api`, await appPassword(t, 'manual', 'ada', 'ada-password-1'))
  // The occurrence example names the second Thursday of a weekly series from 7 January 2027, 18:30 Paris.
  const weekly = await api.post('/events', { title: 'Atelier', start: '2027-01-07T18:30', end: '2027-01-07T20:00', rrule: 'FREQ=WEEKLY;COUNT=4' })
  let id = ''
  const seen: string[] = []
  for (const p of CORE) {
    for (const [verb, op] of Object.entries(doc.paths[p]) as [string, any][]) {
      const example = op?.requestBody?.content?.['application/json']?.example
      if (!example) continue
      seen.push(`${verb} ${p}`)
      const url = p.replace('{id}', p.includes('occurrence') ? weekly.body.id : id).replace('{occurrence}', '2027-01-14T17:30:00.000Z')
      const res = await (api as any)[verb === 'delete' ? 'del' : verb](url, example)
      expect(res.status, `${verb} ${p}: ${JSON.stringify(res.body)}`).toBeLessThan(300)
      if (p === '/events' && verb === 'post') id = res.body.id
    }
  }
  const withJson = CORE.flatMap((p) => Object.entries(doc.paths[p]).filter(([, op]: [string, any]) => op?.requestBody?.content?.['application/json']).map(([v]) => `${v} ${p}`))
  expect(seen.sort()).toEqual(withJson.sort())
  expect(seen.length).toBeGreaterThanOrEqual(6)
})
