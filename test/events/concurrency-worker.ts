/**
 * A separate process deciding seats on a shared space database, for the cross-process concurrency test:
 * `tsx concurrency-worker.ts <db file> <event json> <eventId:registrationId>...`. Prints "ready", waits for a
 * line on stdin so that every process starts at the same instant, decides each seat in order, prints outcomes.
 */
import { openDatabase } from '@maison/db'
import type { EventRecord } from '../../apps/events/src/domain/model.ts'
import { SqliteRegistrationRepository } from '../../apps/events/src/registrations/sqlite-repository.ts'
import { decideSeat } from '../../apps/events/src/registrations/signup.ts'

const [file, eventJson, ...pairs] = process.argv.slice(2)
const template = JSON.parse(eventJson!) as EventRecord
const db = openDatabase(file!)
const env = {
  repo: new SqliteRegistrationRepository(db), clock: () => new Date(), sendMail: async () => {}, space: { slug: 'x', name: 'x', baseUrl: 'http://x' },
  defaultZone: 'Europe/Paris', event: () => template, occurrence: () => null,
}
process.stdout.write('ready\n')
process.stdin.once('data', () => {
  const out = pairs.map((pair) => {
    const [eventId, id] = pair.split(':')
    return `${id}=${decideSeat(env, id!, { ...template, id: eventId! }, ['unconfirmed'])?.status ?? 'none'}`
  })
  process.stdout.write(out.join('\n'))
  db.close()
  process.exit(0)
})
