import express, { Router, type Request } from 'express'
import { z } from 'zod'
import { NotFound, ValidationError, fieldErrorsFromZod } from '@maison/errors'
import type { CalendarDeps } from '../deps.ts'
import type { CalendarActor, CalendarView } from '../model.ts'
import { homeViews, viewById } from '../access.ts'
import { createCalendar, deleteCalendar, deletedCalendars, newCalendarUri, patchCalendar, restoreCalendar } from '../calendars.ts'
import { deletedObjects, restoreObject } from '../objects.ts'
import { createPublicLink, listShares, revokePublicLink, shareCalendar, unshareCalendar } from '../sharing.ts'
import { presentView, publicLinkOf } from './present.ts'

const color = z.string().regex(/^#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?$/, 'expected #RRGGBB').nullable()
const createSchema = z.object({
  displayName: z.string().trim().min(1).max(200),
  color: color.optional(),
  description: z.string().max(4000).nullable().optional(),
  components: z.array(z.enum(['VEVENT', 'VTODO'])).min(1).optional(),
}).strict()
const patchSchema = z.object({
  displayName: z.string().trim().min(1).max(200).optional(),
  color: color.optional(),
  description: z.string().max(4000).nullable().optional(),
  order: z.number().int().nullable().optional(),
}).strict()
const shareSchema = z.object({
  kind: z.enum(['user', 'group']),
  principal: z.string().min(1).max(200),
  access: z.enum(['none', 'read', 'read-write']),
}).strict()
const idSchema = z.coerce.number().int().positive()

export interface CalendarsHttpDeps {
  calendarsFor: (req: Request) => CalendarDeps
  requireAccount: express.RequestHandler
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value ?? {})
  if (!r.success) throw new ValidationError(`The ${what} is not valid.`, { errors: fieldErrorsFromZod(r.error.issues) })
  return r.data
}

/** `/api/v1/calendars…`: the calendar UI's management API (CalDAV carries the events themselves). */
export function createCalendarsApiRouter(deps: CalendarsHttpDeps): Router {
  const r = Router()
  const json = express.json({ limit: '16kb' })
  const ctx = (req: Request) => {
    const d = deps.calendarsFor(req)
    const p = req.principal!
    const actor: CalendarActor = { username: p.username, role: p.role, groups: d.directory.groupsOf(p.username) }
    return { d, actor }
  }
  const view = (req: Request): { d: CalendarDeps; actor: CalendarActor; v: CalendarView } => {
    const { d, actor } = ctx(req)
    const v = viewById(d, actor, parse(idSchema, req.params.id, 'calendar id'))
    if (!v) throw new NotFound('No such calendar.')
    return { d, actor, v }
  }
  r.use('/calendars', deps.requireAccount)
  r.get('/calendars', (req, res) => {
    const { d, actor } = ctx(req)
    res.json({ calendars: homeViews(d, actor).map((v) => presentView(req, v)) })
  })
  r.post('/calendars', json, (req, res) => {
    const body = parse(createSchema, req.body, 'calendar')
    const { d, actor } = ctx(req)
    const cal = createCalendar(d, actor, newCalendarUri(), body)
    res.status(201).json(presentView(req, { calendar: cal, segment: cal.uri, access: 'read-write', manage: true }))
  })
  r.get('/calendars/trash', (req, res) => {
    const { d, actor } = ctx(req)
    res.json({ calendars: deletedCalendars(d, actor).map((c) => ({ id: c.id, displayName: c.displayName, deletedAt: new Date(c.deletedAt!).toISOString() })) })
  })
  r.post('/calendars/trash/:id/restore', (req, res) => {
    const { d, actor } = ctx(req)
    const cal = restoreCalendar(d, actor, parse(idSchema, req.params.id, 'calendar id'))
    res.json(presentView(req, { calendar: cal, segment: cal.uri, access: 'read-write', manage: true }))
  })
  r.patch('/calendars/:id', json, (req, res) => {
    const { d, v } = view(req)
    const cal = patchCalendar(d, v, parse(patchSchema, req.body, 'calendar'))
    res.json(presentView(req, { ...v, calendar: cal }))
  })
  r.delete('/calendars/:id', (req, res) => {
    const { d, actor, v } = view(req)
    deleteCalendar(d, actor, v)
    res.status(204).end()
  })
  r.get('/calendars/:id/shares', (req, res) => {
    const { d, v } = view(req)
    res.json({ shares: listShares(d, v) })
  })
  r.put('/calendars/:id/shares', json, (req, res) => {
    const { d, v } = view(req)
    res.json(shareCalendar(d, v, parse(shareSchema, req.body, 'share')))
  })
  r.delete('/calendars/:id/shares/:kind/:principal', (req, res) => {
    const { d, v } = view(req)
    unshareCalendar(d, v, parse(z.enum(['user', 'group']), req.params.kind, 'share kind'), String(req.params.principal))
    res.status(204).end()
  })
  r.post('/calendars/:id/public-link', (req, res) => {
    const { d, v } = view(req)
    res.status(201).json(publicLinkOf(req, createPublicLink(d, v)))
  })
  r.delete('/calendars/:id/public-link', (req, res) => {
    const { d, v } = view(req)
    revokePublicLink(d, v)
    res.status(204).end()
  })
  r.get('/calendars/:id/trash', (req, res) => {
    const { d, v } = view(req)
    res.json({ objects: deletedObjects(d, v).map((o) => ({ id: o.id, uri: o.uri, uid: o.uid, deletedAt: new Date(o.deletedAt!).toISOString() })) })
  })
  r.post('/calendars/:id/trash/:objectId/restore', (req, res) => {
    const { d, v } = view(req)
    const o = restoreObject(d, v, parse(idSchema, req.params.objectId, 'object id'))
    res.json({ id: o.id, uri: o.uri, uid: o.uid })
  })
  return r
}
