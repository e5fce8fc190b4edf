import type { Router } from 'express'
import type { AppServices } from '@maison/app-contract'
import type { EventsReader } from '../domain/reader.ts'
import { mountEmbed } from './routes/embed.ts'
import { mountFeeds } from './routes/feeds.ts'
import { mountPages } from './routes/pages.ts'
import { mountSignUp } from './routes/signup.ts'

/** The public side of the events app, mounted by the app's `publicRoutes` under `/s/{space}/p/`. */
export function mountPublicRoutes(router: Router, services: AppServices, reader: EventsReader): void {
  // Feeds before pages: `/events/{id}.ics` must not be read as the page of an event called "{id}.ics".
  mountFeeds(router, services, reader)
  mountEmbed(router, services, reader)
  mountSignUp(router, services, reader)
  mountPages(router, services, reader)
}
