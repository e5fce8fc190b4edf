import express, { type Request, type RequestHandler } from 'express'
import { Forbidden, NotFound } from '@maison/errors'
import type { AppServices, DavEndpoint, SpaceContext } from '@maison/app-contract'
import type { EventsEnv } from '../domain/env.ts'
import { CalDavEventCalendar } from '../caldav/calendar.ts'
import { SqliteEventsRepository } from '../storage/sqlite-events.ts'
import { DavPictureStore } from '../storage/dav-pictures.ts'

/**
 * The domain env of one space acting through `endpoint` (asked for lazily: reads of the index need no DAV,
 * and endpoints expire within minutes, so each unit of work asks for its own).
 */
export function envOf(space: SpaceContext, services: AppServices, actor: string, endpoint: () => DavEndpoint): EventsEnv {
  let ep: DavEndpoint | undefined
  let calendar: CalDavEventCalendar | undefined
  let pictures: DavPictureStore | undefined
  const get = () => (ep ??= endpoint())
  return {
    repo: new SqliteEventsRepository(space.db),
    get calendar() {
      return (calendar ??= new CalDavEventCalendar(get()))
    },
    get pictures() {
      return (pictures ??= new DavPictureStore(get()))
    },
    clock: services.clock,
    settings: { timezone: services.config.DEFAULT_TIMEZONE, baseUrl: space.baseUrl, actor },
  }
}

/** The env of an organiser's request: the calendar and files are reached as that account. */
export function envFor(req: Request, services: AppServices): EventsEnv {
  const space = req.space!
  const username = req.principal!.username
  return envOf(space, services, username, () => services.dav.as(space, username))
}

/** The env of background work (sync, jobs): as one of the space's admins. */
export function backgroundEnv(space: SpaceContext, services: AppServices): EventsEnv {
  const endpoint = services.dav.asAdmin(space)
  return envOf(space, services, endpoint.username, () => endpoint)
}

/** Organising (writing events) is for the space's admins, who write the association calendar. */
export const organiserOnly: RequestHandler = (req, _res, next) => {
  next(req.principal?.role === 'admin' ? undefined : new Forbidden('Only the space admins organise events.'))
}

export const json = express.json({ limit: '1mb' })

/** An event id from the path; anything else is simply not found. @throws NotFound */
export function eventId(req: Request): string {
  const id = String(req.params.id ?? '')
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw new NotFound('No such event.')
  return id
}
