/**
 * Helpers of the events public-side tests. The real host gives the services (BullMQ on the run's Redis, the mail
 * worker delivering to a real SMTP listener, the clock); the public routes run on a small express app whose
 * space is a real SQLite file migrated with the events app's migrations, and whose events are plain
 * EventRecords served by an array-backed EventsReader (the stand-in for core's index, same interface).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import http from 'node:http'
import express, { Router, type ErrorRequestHandler } from 'express'
import { migrate, openDatabase, type Db } from '@maison/db'
import { normalizeError, toProblem } from '@maison/errors'
import type { AppServices, Principal, SpaceContext, SpaceLook } from '@maison/app-contract'
import type { EventRecord, Occurrence } from '../../apps/events/src/domain/model.ts'
import type { EventsReader, OccurrenceQuery } from '../../apps/events/src/domain/reader.ts'
import { migrations } from '../../apps/events/src/storage/migrations.ts'
import { mountPublicRoutes } from '../../apps/events/src/public/index.ts'
import { mountRegistrationRoutes } from '../../apps/events/src/registrations/index.ts'
import { startTestServer, type TestServer } from '../support/server.ts'
import { startSmtp, type TestSmtp } from '../support/smtp.ts'

const HOUR = 3600_000
let counter = 0

/** An EventRecord with sensible defaults: public, free sign-up, tomorrow at this hour for two hours. */
export function buildEvent(overrides: Partial<EventRecord> = {}): EventRecord {
  counter++
  const start = new Date(Date.now() + 24 * HOUR)
  start.setUTCMinutes(0, 0, 0)
  return {
    id: `ev${counter}`, uid: `uid-${counter}@test`, title: `Event ${counter}`, descriptionHtml: '<p>About it.</p>', descriptionText: 'About it.',
    start: start.toISOString(), end: new Date(start.getTime() + 2 * HOUR).toISOString(), timezone: 'Europe/Paris', allDay: false, rrule: null,
    address: '10 rue de la Paix, Paris', onlineUrl: null, pictureUrl: null, tags: [], category: null, status: 'confirmed', visibility: 'public',
    draft: false, publishAt: null, organiserContact: null, capacity: null, joinMode: 'free', externalUrl: null, questions: [], accessibility: null,
    createdBy: 'admin', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-02T00:00:00.000Z',
    ...overrides,
  }
}

/** EventsReader over an array (single events only; recurring ones as given in `extraOccurrences`). */
export class ArrayEventsReader implements EventsReader {
  readonly events = new Map<string, EventRecord>()
  readonly extraOccurrences: Occurrence[] = []
  presentationHtml = '<p>Welcome.</p>'
  private v = 0

  constructor(private readonly clock: () => Date = () => new Date()) {}

  put(...events: EventRecord[]): void {
    for (const e of events) this.events.set(e.id, e)
    this.v++
  }

  get(_space: SpaceContext, id: string): EventRecord | null {
    return this.events.get(id) ?? null
  }

  occurrences(_space: SpaceContext, q: OccurrenceQuery): Occurrence[] {
    const all: Occurrence[] = [
      ...[...this.events.values()].filter((e) => !e.rrule).map((e) => ({ event: e, start: e.start, end: e.end, recurrenceId: null, status: e.status })),
      ...this.extraOccurrences,
    ]
    const now = this.clock().getTime()
    return all
      .filter((o) => Date.parse(o.end) > q.from.getTime() && (!q.to || Date.parse(o.start) < q.to.getTime()))
      .filter((o) => !q.tag || o.event.tags.includes(q.tag))
      .filter((o) => !q.publicOnly || (!o.event.draft && o.event.visibility === 'public' && (!o.event.publishAt || Date.parse(o.event.publishAt) <= now)))
      .filter((o) => q.includeCancelled || (o.status !== 'cancelled' && o.event.status !== 'cancelled'))
      .sort((a, b) => (q.order === 'desc' ? -1 : 1) * (Date.parse(a.start) - Date.parse(b.start)))
      .slice(0, q.limit ?? 1000)
  }

  version(): string {
    return `v${this.v}`
  }

  site(): { presentationHtml: string } {
    return { presentationHtml: this.presentationHtml }
  }
}

export interface PublicHarness {
  t: TestServer
  smtp: TestSmtp
  reader: ArrayEventsReader
  db: Db
  space: SpaceContext
  /** Base URL of the space on the harness, e.g. http://127.0.0.1:1234/s/pub */
  spaceUrl: string
  /** `/p` of the space. */
  p: string
  /** The look the host's `appearance` accessor answers for this space (its database is not a workspace one). */
  look: SpaceLook
  /** Headers that make a request come from a logged-in account (the workspace's auth stands behind this). */
  as(username: string, role?: 'admin' | 'member'): Record<string, string>
  close(): Promise<void>
}

const ACCOUNT_HEADER = 'x-test-account'

/** Boots the real host (with a real SMTP listener) and the public routes on a migrated space database. */
export async function startPublicHarness(opts: { spaceName?: string; clock?: () => Date } = {}): Promise<PublicHarness> {
  const smtp = await startSmtp()
  const t = await startTestServer({ SMTP_URL: smtp.url }, { clock: opts.clock })
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maison-events-public-'))
  const db = openDatabase(path.join(dir, 'space.sqlite'))
  migrate(db, [{ scope: 'events', migrations }])
  const reader = new ArrayEventsReader(t.server.services.clock)
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const space: SpaceContext = {
    slug: 'pub', name: opts.spaceName ?? 'Les Amis du Quartier', db, dir, baseUrl: `${url}/s/pub`, pathPrefix: '/s/pub',
    limits: { maxAccounts: 50, quotaBytes: 1e9 },
  }
  const app = express()
  // Each simulated visitor sends its own X-Forwarded-For, as behind the production proxy.
  app.set('trust proxy', true)
  app.use('/s/pub', (req, _res, next) => {
    req.space = space
    const account = req.get(ACCOUNT_HEADER)
    if (account) {
      const [username, role] = account.split(':')
      const principal: Principal = { accountId: 1, username: username!, displayName: `Member ${username}`, role: role === 'admin' ? 'admin' : 'member', email: `${username}@example.org`, language: null, quotaBytes: null, via: 'session' }
      req.principal = principal
    }
    next()
  })
  const harness: { look: SpaceLook } = { look: { colors: { primary: '#2f6f5e', background: '#ffffff' }, logoUrl: null } }
  const services: AppServices = { ...t.server.services, appearance: () => harness.look }
  const pub = Router()
  mountPublicRoutes(pub, services, reader)
  app.use('/s/pub/p', pub)
  const api = Router()
  mountRegistrationRoutes(api, services, reader)
  app.use('/s/pub/apps/events/api', (req, res, next) => (req.principal ? next() : res.status(401).json({ code: 'unauthorized' })), api)
  const problems: ErrorRequestHandler = (raw, _req, res, _next) => {
    const err = normalizeError(raw)
    for (const [k, v] of Object.entries(err.headers ?? {})) res.setHeader(k, v)
    res.status(err.status).type('application/problem+json').send(JSON.stringify(toProblem(err)))
  }
  app.use(problems)
  server.on('request', app)
  return {
    t, smtp, reader, db, space, spaceUrl: space.baseUrl, p: `${space.baseUrl}/p`,
    get look() { return harness.look },
    set look(v: SpaceLook) { harness.look = v },
    as: (username, role = 'member') => ({ [ACCOUNT_HEADER]: `${username}:${role}` }),
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await t.close()
      await smtp.stop()
      db.close()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Posts a form as a browser does. */
export async function postForm(url: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(fields).toString(), redirect: 'manual' })
}

/** The first link in a mail's text that contains `part`. */
export function linkIn(text: string | undefined, part: string): string {
  const link = (text ?? '').split(/\s+/).find((w) => w.startsWith('http') && w.includes(part))
  if (!link) throw new Error(`no link with ${part} in: ${text}`)
  return link
}

/** A distinct client address per simulated visitor (the harness trusts X-Forwarded-For). */
export const from = (n: number): Record<string, string> => ({ 'x-forwarded-for': `10.0.${Math.floor(n / 250)}.${(n % 250) + 1}` })
