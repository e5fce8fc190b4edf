import type { Router } from 'express'
import type { AppServices } from '@maison/app-contract'
import { mountMembers } from './members/router.ts'
import { mountCatalog } from './catalog/router.ts'
import { mountActivities } from './activities/router.ts'
import { mountMe } from './me/router.ts'
import { mountReminders } from './reminders/router.ts'
import { mountTransfer } from './transfer/router.ts'
import { mountDocuments } from './documents/router.ts'
import { mountViews } from './views/router.ts'
import { mountGdpr } from './gdpr/router.ts'

/** Mounts the members API on the router the workspace gives the app (at /s/{space}/apps/members/api/). */
export function mountMembersApi(router: Router, services: AppServices): void {
  mountMe(router, services)
  mountDocuments(router, services)
  mountCatalog(router, services)
  mountActivities(router, services)
  mountReminders(router, services)
  mountTransfer(router, services)
  mountViews(router, services)
  mountGdpr(router, services)
  mountMembers(router, services)
}
