import type { EventCalendar } from './calendar.ts'
import type { EventsRepository } from './repository.ts'

/** Where event pictures live (the association folder's `Events/`, over WebDAV). */
export interface PictureStore {
  put(name: string, bytes: Buffer, contentType: string): Promise<void>
  read(name: string): Promise<Buffer | null>
  remove(name: string): Promise<void>
}

/** What the events domain works with, for one space and one acting account. */
export interface EventsEnv {
  repo: EventsRepository
  calendar: EventCalendar
  pictures: PictureStore
  clock: () => Date
  settings: {
    /** Zone of events entered without one (the space's, DEFAULT_TIMEZONE). */
    timezone: string
    /** Absolute URL of the space root, e.g. http://host/s/club. */
    baseUrl: string
    /** Username the calendar and files are reached as. */
    actor: string
  }
}

/** The public page of an event. */
export function publicUrl(env: Pick<EventsEnv, 'settings'>, id: string): string {
  return `${env.settings.baseUrl}/p/events/${encodeURIComponent(id)}`
}
