import type { AppServices, SpaceContext } from '@maison/app-contract'
import type { EventsReader } from '../domain/reader.ts'
import type { RegistrationsEnv } from './env.ts'
import { SqliteRegistrationRepository } from './sqlite-repository.ts'

/** The sign-up domain's env for one space, reading events through the app's index (never CalDAV). */
export function registrationsEnv(services: AppServices, reader: EventsReader, space: SpaceContext): RegistrationsEnv {
  return {
    repo: new SqliteRegistrationRepository(space.db),
    clock: services.clock,
    sendMail: (m) => services.sendMail(m),
    space: { slug: space.slug, name: space.name, baseUrl: space.baseUrl },
    defaultZone: services.config.DEFAULT_TIMEZONE,
    event: (id) => reader.get(space, id),
    occurrence: (event, start) => {
      const at = new Date(start)
      // A single event has one occurrence, its own: no need to search the index.
      if (!event.rrule) return at.getTime() === Date.parse(event.start) ? { event, start: event.start, end: event.end, recurrenceId: null, status: event.status } : null
      const found = reader.occurrences(space, { from: at, to: new Date(at.getTime() + 1), publicOnly: false, includeCancelled: true, limit: 500 })
      return found.find((o) => o.event.id === event.id && new Date(o.start).getTime() === at.getTime()) ?? null
    },
  }
}
