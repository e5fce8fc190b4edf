import type { Router } from 'express'
import type { AppServices } from '@maison/app-contract'
import { cancelEvent, createEvent, deleteEvent, duplicateEvent, publishEvent, updateEvent } from '../../domain/events.ts'
import { createSchema, duplicateSchema, parseOrThrow, patchSchema, publishSchema } from '../../domain/input.ts'
import { eventWithOccurrences, listEvents } from '../../domain/queries.ts'
import { envFor, eventId, json, organiserOnly } from '../context.ts'
import { registrationsEnv } from '../../registrations/context.ts'
import { fillFreeSeats } from '../../registrations/signup.ts'
import { createSqliteEventsReader } from '../../storage/reader.ts'
import { syncFirst } from '../sync.ts'
import { presentEvent } from './present.ts'
import { listQuery, occurrencesQuery } from './schema.ts'

/** The organiser's events: list, create, read, edit, delete, duplicate, cancel, publish. */
export function mountEvents(router: Router, services: AppServices): void {
  const reader = createSqliteEventsReader(services.clock)
  router.get('/events', syncFirst(services), (req, res) => {
    const q = parseOrThrow(listQuery, req.query, 'query')
    const env = envFor(req, services)
    const page = listEvents(env, q)
    res.json({ total: page.total, page: q.page, perPage: q.perPage, events: page.items.map((e) => presentEvent(env, e)) })
  })
  router.post('/events', organiserOnly, json, async (req, res) => {
    const body = parseOrThrow(createSchema, req.body, 'event')
    const env = envFor(req, services)
    const e = await createEvent(env, body)
    res.status(201).location(`events/${e.id}`).json(presentEvent(env, e))
  })
  router.get('/events/:id', syncFirst(services), (req, res) => {
    const q = parseOrThrow(occurrencesQuery, req.query, 'query')
    const env = envFor(req, services)
    const { event, occurrences } = eventWithOccurrences(env, eventId(req), { from: q.from ?? services.clock().toISOString(), to: q.to, limit: q.limit })
    res.json(presentEvent(env, event, { occurrences }))
  })
  router.patch('/events/:id', organiserOnly, syncFirst(services), json, async (req, res) => {
    const body = parseOrThrow(patchSchema, req.body, 'event')
    const env = envFor(req, services)
    const updated = await updateEvent(env, eventId(req), body)
    // Seats a raised capacity (or a lifted limit) frees go to the waiting list now, not at the next hourly run.
    if (body.capacity !== undefined || body.joinMode !== undefined) await fillFreeSeats(registrationsEnv(services, reader, req.space!), updated.id)
    res.json(presentEvent(env, updated))
  })
  router.delete('/events/:id', organiserOnly, async (req, res) => {
    await deleteEvent(envFor(req, services), eventId(req))
    res.status(204).end()
  })
  router.post('/events/:id/duplicate', organiserOnly, syncFirst(services), json, async (req, res) => {
    const body = parseOrThrow(duplicateSchema, req.body, 'duplicate request')
    const env = envFor(req, services)
    const e = await duplicateEvent(env, eventId(req), body)
    res.status(201).location(`../${e.id}`).json(presentEvent(env, e))
  })
  router.post('/events/:id/cancel', organiserOnly, syncFirst(services), async (req, res) => {
    const env = envFor(req, services)
    res.json(presentEvent(env, await cancelEvent(env, eventId(req))))
  })
  router.post('/events/:id/publish', organiserOnly, syncFirst(services), json, (req, res) => {
    const body = parseOrThrow(publishSchema, req.body, 'publish request')
    const env = envFor(req, services)
    res.json(presentEvent(env, publishEvent(env, eventId(req), body)))
  })
}
