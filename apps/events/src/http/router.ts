import type { Router } from 'express'
import type { AppServices } from '@maison/app-contract'
import { mountEvents } from './events/router.ts'
import { mountOccurrences } from './occurrences/router.ts'
import { mountPictures } from './pictures/router.ts'
import { mountPoster } from './poster/router.ts'
import { mountSite } from './site/router.ts'

/** Mounts the organiser API on the router the workspace gives the app (at /s/{space}/apps/events/api/). */
export function mountEventsApi(router: Router, services: AppServices): void {
  mountSite(router, services)
  mountOccurrences(router, services)
  mountPictures(router, services)
  mountPoster(router, services)
  mountEvents(router, services)
}
