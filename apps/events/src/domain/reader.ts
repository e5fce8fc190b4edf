import type { SpaceContext } from '@maison/app-contract'
import type { EventRecord, Occurrence } from './model.ts'

export interface OccurrenceQuery {
  from: Date
  to?: Date
  tag?: string
  /** Only published (not draft, publication time passed), visibility 'public' events. */
  publicOnly: boolean
  /** Include cancelled events and occurrences (feeds must carry STATUS:CANCELLED). */
  includeCancelled?: boolean
  limit?: number
  /** 'asc' (upcoming, default) or 'desc' (past events). */
  order?: 'asc' | 'desc'
}

/**
 * What the public side and the sign-ups read about events. Reads the app's own index (kept in step with
 * the association calendar), never CalDAV on a page hit, so public pages stay fast.
 */
export interface EventsReader {
  /** An event in any state, or null. */
  get(space: SpaceContext, id: string): EventRecord | null
  /** Occurrences overlapping [from, to), ordered by start. Recurring events are expanded (bounded). */
  occurrences(space: SpaceContext, query: OccurrenceQuery): Occurrence[]
  /** Changes whenever any event or the site presentation changes (ETags of pages and feeds). */
  version(space: SpaceContext): string
  /** The mini-site's presentation written by the admins (sanitised HTML). */
  site(space: SpaceContext): { presentationHtml: string }
}
