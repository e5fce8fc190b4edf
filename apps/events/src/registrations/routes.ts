import express, { type Request, type Router } from 'express'
import { z } from 'zod'
import { Forbidden, NotFound, ValidationError, fieldErrorsFromZod } from '@maison/errors'
import type { AppServices } from '@maison/app-contract'
import type { EventsReader } from '../domain/reader.ts'
import { registrationsEnv } from './context.ts'
import type { RegistrationsEnv } from './env.ts'
import { approve, messageParticipants, participants, participantsCsv, refuse } from './organiser.ts'

const json = express.json({ limit: '256kb' })

const messageSchema = z.object({
  subject: z.string().trim().min(1, 'required').max(200, 'at most 200 characters'),
  body: z.string().trim().min(1, 'required').max(20_000, 'at most 20000 characters'),
  includeWaiting: z.boolean().default(false),
  /** Lets a client retry the same message without mailing twice. */
  messageId: z.uuid().optional(),
})

/** The request's env, once the caller is known to organise this event. @throws NotFound, Forbidden */
function organiserEnv(req: Request, services: AppServices, reader: EventsReader): { env: RegistrationsEnv; eventId: string } {
  const env = registrationsEnv(services, reader, req.space!)
  const eventId = String(req.params.id)
  const event = env.event(eventId)
  if (!event) throw new NotFound('No such event.')
  const p = req.principal!
  if (p.role !== 'admin' && p.username !== event.createdBy) throw new Forbidden('Only the space admins and the event’s organiser manage its sign-ups.')
  return { env, eventId }
}

/** Organiser routes for sign-ups, mounted under the app's authenticated `/api/` (session + CSRF or app password). */
export function mountRegistrationRoutes(router: Router, services: AppServices, reader: EventsReader): void {
  router.get('/events/:id/registrations', (req, res) => {
    const { env, eventId } = organiserEnv(req, services, reader)
    res.set('Cache-Control', 'no-store')
    res.json(participants(env, eventId))
  })

  router.get('/events/:id/registrations.csv', (req, res) => {
    const { env, eventId } = organiserEnv(req, services, reader)
    res.set('Cache-Control', 'no-store')
    res.set('Content-Disposition', `attachment; filename="participants-${eventId.replace(/[^A-Za-z0-9_-]/g, '')}.csv"`)
    res.type('text/csv; charset=utf-8').send(participantsCsv(env, eventId))
  })

  router.post('/events/:id/registrations/:registrationId/approve', async (req, res) => {
    const { env, eventId } = organiserEnv(req, services, reader)
    res.json(await approve(env, eventId, String(req.params.registrationId)))
  })

  router.post('/events/:id/registrations/:registrationId/refuse', async (req, res) => {
    const { env, eventId } = organiserEnv(req, services, reader)
    res.json(await refuse(env, eventId, String(req.params.registrationId)))
  })

  router.post('/events/:id/messages', json, async (req, res) => {
    const { env, eventId } = organiserEnv(req, services, reader)
    const parsed = messageSchema.safeParse(req.body ?? {})
    if (!parsed.success) throw new ValidationError('The message is not valid.', { errors: fieldErrorsFromZod(parsed.error.issues) })
    res.status(202).json(await messageParticipants(env, eventId, parsed.data, req.principal!.username))
  })
}
