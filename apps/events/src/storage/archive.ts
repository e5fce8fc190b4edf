import type { AppArchive, ArchiveEntry, SpaceContext } from '@maison/app-contract'
import { BadRequest } from '@maison/errors'
import { fromRow, toParams, COLUMNS, type EventRow } from './rows.ts'
import { sanitizeRichText } from '../domain/text.ts'
import { REGISTRATIONS, exportRegistrations, importRegistrations, parseRegistrations } from './archive-registrations.ts'

const EVENTS = 'events.json'
const SITE = 'site.html'
const FORMAT = 1

interface EventsFile {
  format: number
  events: EventRow[]
}

/**
 * The events app's part of a space export: what only the app knows, keyed by each VEVENT's UID (the VEVENTs
 * themselves travel with the calendars), the site presentation, and the sign-ups with the key of their links. On import the calendar objects may get
 * new names, so events keep their UID and are re-attached by the first sync.
 */
export const eventsArchive: AppArchive = {
  async export(space: SpaceContext): Promise<ArchiveEntry[]> {
    const events = space.db.prepare('SELECT * FROM events_events ORDER BY created_at, id').all() as EventRow[]
    const site = (space.db.prepare('SELECT site_html FROM events_state WHERE id = 1').get() as { site_html: string } | undefined)?.site_html ?? ''
    const file: EventsFile = { format: FORMAT, events }
    return [
      { path: EVENTS, content: Buffer.from(JSON.stringify(file, null, 1)) },
      { path: SITE, content: Buffer.from(site) },
      { path: REGISTRATIONS, content: exportRegistrations(space.db) },
    ]
  },

  async import(space: SpaceContext, entries: readonly ArchiveEntry[]): Promise<void> {
    const events = entries.find((e) => e.path === EVENTS)
    const site = entries.find((e) => e.path === SITE)?.content.toString('utf8') ?? ''
    let file: EventsFile
    try {
      file = JSON.parse(events?.content.toString('utf8') ?? '{"format":1,"events":[]}') as EventsFile
    } catch (err) {
      throw new BadRequest('The events part of the archive is not valid JSON.', { cause: err })
    }
    if (file.format !== FORMAT || !Array.isArray(file.events)) throw new BadRequest(`Unknown events archive format ${String(file.format)}.`)
    // Archives made before sign-ups were exported have no such part.
    const signUps = entries.find((e) => e.path === REGISTRATIONS)
    const registrations = signUps ? parseRegistrations(signUps.content) : null
    const insert = space.db.prepare(`INSERT OR REPLACE INTO events_events (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`)
    const tag = space.db.prepare('INSERT OR IGNORE INTO events_tags (event_id, tag) VALUES (?, ?)')
    const occurrence = space.db.prepare("INSERT OR REPLACE INTO events_occurrences (event_id, recurrence_id, start_at, end_at, status) VALUES (?, '', ?, ?, ?)")
    space.db.transaction(() => {
      for (const row of file.events) {
        // An archive is as untrusted as any upload: HTML is sanitised again and dates must be dates.
        const e = { ...fromRow(row), resource: null, etag: null }
        if (!Number.isFinite(e.start) || !Number.isFinite(e.end)) throw new BadRequest(`Event ${String(row.id)} of the archive has an invalid start or end.`)
        e.descriptionHtml = sanitizeRichText(e.descriptionHtml)
        insert.run(toParams(e))
        for (const t of e.tags) tag.run(e.id, t)
        // Until the first sync re-expands it from the calendar, an event shows as its first occurrence.
        occurrence.run(e.id, new Date(e.start).toISOString(), new Date(e.end).toISOString(), e.status)
      }
      if (registrations) importRegistrations(space.db, registrations)
      space.db.prepare('UPDATE events_state SET site_html = ?, sync_token = NULL, version = version + 1 WHERE id = 1').run(sanitizeRichText(site))
    }).immediate()
  },
}
