import { getLanguage } from '@nextcloud/l10n'
import type { EventItem } from './types.ts'

const locale = () => (getLanguage() === 'fr' ? 'fr-FR' : 'en-GB')

/** "sam. 5 déc. 2026, 19:00 – 21:30" in the event's own time zone. */
export function whenOf(e: Pick<EventItem, 'start' | 'end' | 'allDay' | 'timezone'>): string {
  const start = new Date(e.start)
  const end = new Date(e.end)
  if (e.allDay) {
    const day = new Intl.DateTimeFormat(locale(), { dateStyle: 'full', timeZone: 'UTC' })
    return day.format(start)
  }
  const date = new Intl.DateTimeFormat(locale(), { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: e.timezone })
  const time = new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit', timeZone: e.timezone })
  const sameDay = start.toLocaleDateString('en-CA', { timeZone: e.timezone }) === end.toLocaleDateString('en-CA', { timeZone: e.timezone })
  return `${date.format(start)} – ${sameDay ? time.format(end) : date.format(end)}`
}

/** The day (YYYY-MM-DD) an instant falls on in a zone. */
export function dayIn(iso: string, timeZone: string): string {
  return new Date(iso).toLocaleDateString('en-CA', { timeZone })
}

/** A random UUID (message ids make a double submit send once). */
export const newId = (): string => crypto.randomUUID()
