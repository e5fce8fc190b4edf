import type { MigrationSet } from '@maison/db'
import m001 from './001_calendars.ts'

/** Calendars of a space (CalDAV). Append only. */
export const calendarsMigrations: MigrationSet = { scope: 'calendars', migrations: [m001] }
