import type { Router } from 'express'
import type { AppServices } from '@maison/app-contract'
import { cancelOccurrence, deleteOccurrence, editOccurrence, parseOccurrenceId } from '../../domain/occurrences.ts'
import { occurrenceSchema, parseOrThrow } from '../../domain/input.ts'
import { eventWithOccurrences } from '../../domain/queries.ts'
import { envFor, eventId, json, organiserOnly } from '../context.ts'
import { syncFirst } from '../sync.ts'
import { presentEvent, presentOccurrence } from '../events/present.ts'
import { occurrencesQuery } from '../events/schema.ts'

/** Occurrences of a recurring event: list, "only this one" / "this and following" edits, cancel or remove one. */
export function mountOccurrences(router: Router, services: AppServices): void {
  router.get('/events/:id/occurrences', syncFirst(services), (req, res) => {
    const q = parseOrThrow(occurrencesQuery, req.query, 'query')
    const { occurrences } = eventWithOccurrences(envFor(req, services), eventId(req), q)
    res.json({ occurrences: occurrences.map(presentOccurrence) })
  })
  router.patch('/events/:id/occurrences/:occurrence', organiserOnly, syncFirst(services), json, async (req, res) => {
    const body = parseOrThrow(occurrenceSchema, req.body, 'occurrence edit')
    const env = envFor(req, services)
    const e = await editOccurrence(env, eventId(req), parseOccurrenceId(String(req.params.occurrence)), body)
    res.json(presentEvent(env, e, { occurrences: env.repo.occurrencesOf(e.id).slice(0, 100) }))
  })
  router.post('/events/:id/occurrences/:occurrence/cancel', organiserOnly, syncFirst(services), async (req, res) => {
    const env = envFor(req, services)
    const e = await cancelOccurrence(env, eventId(req), parseOccurrenceId(String(req.params.occurrence)))
    res.json(presentEvent(env, e, { occurrences: env.repo.occurrencesOf(e.id).slice(0, 100) }))
  })
  router.delete('/events/:id/occurrences/:occurrence', organiserOnly, syncFirst(services), async (req, res) => {
    const env = envFor(req, services)
    const e = await deleteOccurrence(env, eventId(req), parseOccurrenceId(String(req.params.occurrence)))
    res.json(presentEvent(env, e, { occurrences: env.repo.occurrencesOf(e.id).slice(0, 100) }))
  })
}
