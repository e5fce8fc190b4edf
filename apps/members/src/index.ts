import type { AppDefinition, AppServices } from '@maison/app-contract'
import { migrations } from './storage/migrations.ts'
import { membersAddressBook } from './addressbook/index.ts'
import { membersArchive } from './archive/index.ts'
import { mountMembersApi } from './http/router.ts'
import { mountVerify } from './http/verify/router.ts'
import { mountJoin } from './http/join/router.ts'
import { REMINDERS_QUEUE, ensureScheduler, processReminderJob, type MembersRuntime } from './jobs/reminders.ts'
import { MESSAGES_QUEUE, processMessageJob } from './jobs/messages.ts'

export { REMINDERS_QUEUE, processReminderJob } from './jobs/reminders.ts'
export { MESSAGES_QUEUE, messageJobId, processMessageJob } from './jobs/messages.ts'
export type { SpaceAccess } from './jobs/spaces.ts'

const ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="currentColor" d="M16 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm-8 0a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm0 2c-2.3 0-7 1.2-7 3.5V19h14v-2.5C15 14.2 10.3 13 8 13Zm8 0c-.3 0-.6 0-1 .1 1.2.8 2 2 2 3.4V19h6v-2.5c0-2.3-4.7-3.5-7-3.5Z"/></svg>'

/** Reminder workers reach the host's active spaces through the services the workspace hands over. */
export function membersRuntime(services: AppServices): MembersRuntime {
  return { services, spaces: { list: () => services.spaces.list(), use: (slug, fn) => services.spaces.use(slug, (space) => fn(space.db, space.name)) } }
}

const members: AppDefinition = {
  id: 'members',
  name: { en: 'Members', fr: 'Adhérents' },
  icon: ICON,
  order: 30,
  defaultEnabled: true,
  migrations,
  routes(router, services) {
    mountMembersApi(router, services)
  },
  publicRoutes(router, services) {
    mountVerify(router, services)
    mountJoin(router, services)
  },
  jobs: (services) => {
    const runtime = membersRuntime(services)
    return [
      { queue: REMINDERS_QUEUE, concurrency: 2, process: (job) => processReminderJob(runtime, job) },
      { queue: MESSAGES_QUEUE, concurrency: 2, process: (job) => processMessageJob(runtime, job) },
    ]
  },
  start: (services) => ensureScheduler(services),
  addressBooks: [membersAddressBook],
  archive: membersArchive,
  ui: true,
}

export default members
