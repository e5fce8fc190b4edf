import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SqliteRegistrationRepository } from '../../apps/events/src/registrations/sqlite-repository.ts'
import { buildEvent, from, linkIn, postForm, startPublicHarness, type PublicHarness } from './public-support.ts'

let h: PublicHarness
beforeAll(async () => {
  h = await startPublicHarness()
})
afterAll(async () => {
  await h?.close()
})

const countsOf = (eventId: string) =>
  Object.fromEntries((h.db.prepare('SELECT status, count(*) AS n FROM events_registrations WHERE event_id = ? GROUP BY status').all(eventId) as { status: string; n: number }[]).map((r) => [r.status, r.n]))

describe('the last seat under concurrent sign-ups', () => {
  it('20 members at once for the last seat: exactly capacity confirmed, the others waiting, none lost', async () => {
    const event = buildEvent({ capacity: 5 })
    h.reader.put(event)
    for (let i = 0; i < 4; i++) {
      const res = await postForm(`${h.p}/events/${event.id}/signup`, {}, { ...h.as(`early${i}`), accept: 'application/json', ...from(i) })
      expect(res.status).toBe(202)
    }
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => postForm(`${h.p}/events/${event.id}/signup`, {}, { ...h.as(`m${i}`), accept: 'application/json', ...from(100 + i) }).then((r) => r.json())),
    )
    expect(answers.filter((a) => a.status === 'confirmed')).toHaveLength(1)
    expect(answers.filter((a) => a.status === 'waiting')).toHaveLength(19)
    expect(countsOf(event.id)).toEqual({ confirmed: 5, waiting: 19 })
  })

  it('20 e-mail confirmations at once for the last seat', async () => {
    const event = buildEvent({ capacity: 1, title: 'Last seat' })
    h.reader.put(event)
    await Promise.all(Array.from({ length: 20 }, (_, i) =>
      postForm(`${h.p}/events/${event.id}/signup`, { name: `P${i}`, email: `last${i}@example.org` }, { accept: 'application/json', ...from(200 + i) })))
    const links = await Promise.all(Array.from({ length: 20 }, async (_, i) =>
      linkIn((await h.smtp.waitFor((m) => JSON.stringify(m.to).includes(`last${i}@example.org`), 20_000)).text, '/registrations/confirm/')))
    const answers = await Promise.all(links.map((l) => postForm(l, {}, { accept: 'application/json' }).then((r) => r.json())))
    expect(answers.filter((a) => a.status === 'confirmed')).toHaveLength(1)
    expect(answers.filter((a) => a.status === 'waiting')).toHaveLength(19)
    expect(countsOf(event.id)).toEqual({ confirmed: 1, waiting: 19 })
  })

  it('4 processes racing for the last seat of 150 events (one seat each) on one database file: never two seats', async () => {
    const template = buildEvent({ capacity: 1 })
    const repo = new SqliteRegistrationRepository(h.db)
    const events = Array.from({ length: 150 }, (_, e) => `race-${e}`)
    const pairs: string[][] = [[], [], [], []]
    for (const eventId of events) {
      for (let k = 0; k < 4; k++) {
        const id = `${eventId}-p${k}-xxxxxxxx`
        repo.insert({
          id, eventId, eventUid: eventId, occurrenceStart: template.start, occurrenceEnd: template.end, status: 'unconfirmed', name: id, email: `${id}@example.org`,
          accountUsername: null, answers: {}, language: 'en', createdAt: new Date().toISOString(), emailConfirmedAt: null, queuedAt: null, seatedAt: null,
          cancelledAt: null, remindedAt: null, purgedAt: null,
        })
        pairs[k]!.push(`${eventId}:${id}`)
      }
    }
    const worker = path.join(path.dirname(fileURLToPath(import.meta.url)), 'concurrency-worker.ts')
    const tsx = path.resolve('node_modules/.bin/tsx')
    const children = pairs.map((list) => spawn(tsx, [worker, path.join(h.space.dir, 'space.sqlite'), JSON.stringify(template), ...list], { stdio: ['pipe', 'pipe', 'pipe'] }))
    const outputs = children.map((child, k) => new Promise<string>((resolve, reject) => {
      let out = ''
      let err = ''
      child.stdout!.on('data', (c: Buffer) => (out += c.toString()))
      child.stderr!.on('data', (c: Buffer) => (err += c.toString()))
      child.once('exit', (code) => (code === 0 ? resolve(out.replace(/^ready\n/, '')) : reject(new Error(`worker ${k} exited ${code}: ${err}`))))
    }))
    // Every process opened the database and waits: release them together so that they race event by event.
    await Promise.all(children.map((child) => new Promise<void>((resolve) => {
      const check = (c: Buffer) => (c.toString().includes('ready') ? resolve() : undefined)
      child.stdout!.on('data', check)
    })))
    for (const child of children) child.stdin!.write('go\n')
    const decided = (await Promise.all(outputs)).flatMap((o) => o.split('\n')).map((l) => l.split('=')[1])
    expect(decided).toHaveLength(600)
    expect(decided.filter((s) => s === 'confirmed')).toHaveLength(150)
    const overbooked = h.db.prepare("SELECT event_id, count(*) AS n FROM events_registrations WHERE event_id LIKE 'race-%' AND status = 'confirmed' GROUP BY event_id HAVING n != 1").all()
    expect(overbooked).toEqual([])
    expect(h.db.prepare("SELECT count(*) AS n FROM events_registrations WHERE event_id LIKE 'race-%' AND status = 'waiting'").get()).toEqual({ n: 450 })
  })
})
