import type { AppDefinition } from '@maison/app-contract'
import { migrations } from './storage/migrations.ts'
import { eventsArchive } from './storage/archive.ts'
import { createSqliteEventsReader } from './storage/reader.ts'
import { mountEventsApi } from './http/router.ts'
import { mountPublicPicture } from './http/public-picture.ts'
import { SYNC_QUEUE, ensureSyncScheduler, processSyncJob, requestSync } from './jobs/sync.ts'
import { mountPublicRoutes } from './public/index.ts'
import { mountRegistrationRoutes, registrationJobs, startRegistrations } from './registrations/index.ts'

export { sqliteEventsReader, createSqliteEventsReader } from './storage/reader.ts'
export { SYNC_QUEUE, processSyncJob } from './jobs/sync.ts'
export type { EventsReader, OccurrenceQuery } from './domain/reader.ts'
export type { EventRecord, Occurrence } from './domain/model.ts'

const ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="currentColor" d="M17 12h-5v5h5v-5ZM16 1v2H8V1H6v2H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V5a2 2 0 0 0-2-2h-1V1h-2Zm3 18H5V8h14v11Z"/></svg>'

const events: AppDefinition = {
  id: 'events',
  name: { en: 'Events', fr: 'Événements' },
  icon: ICON,
  order: 20,
  defaultEnabled: true,
  migrations,
  routes(router, services) {
    mountRegistrationRoutes(router, services, createSqliteEventsReader(services.clock))
    mountEventsApi(router, services)
  },
  publicRoutes(router, services) {
    const reader = createSqliteEventsReader(services.clock)
    // Page views keep the index in step with phones' edits, through a debounced background sync.
    router.use((req, _res, next) => {
      if (req.method === 'GET' && req.space) requestSync(services, req.space.slug)
      next()
    })
    mountPublicPicture(router, services)
    mountPublicRoutes(router, services, reader)
  },
  jobs: (services) => [
    { queue: SYNC_QUEUE, concurrency: 2, process: (job) => processSyncJob(services, job) },
    ...registrationJobs(services, createSqliteEventsReader(services.clock)),
  ],
  async start(services) {
    await ensureSyncScheduler(services)
    await startRegistrations(services)
  },
  archive: eventsArchive,
  ui: true,
}

export default events
