import type { EventRecord, Occurrence } from '../domain/model.ts'
import { safeUrl } from './html.ts'

/** schema.org `Event` for search engines (serialised with jsonForScript by the layout). */
export function eventJsonLd(event: EventRecord, occurrence: Occurrence, url: string, organiser: { name: string; url: string }): Record<string, unknown> {
  const online = safeUrl(event.onlineUrl)
  const place = event.address ? { '@type': 'Place', name: event.address, address: event.address } : null
  const virtual = online ? { '@type': 'VirtualLocation', url: online } : null
  const cancelled = event.status === 'cancelled' || occurrence.status === 'cancelled'
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: event.title,
    description: event.descriptionText.slice(0, 5000),
    startDate: occurrence.start,
    endDate: occurrence.end,
    eventStatus: cancelled ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
    eventAttendanceMode: place && virtual ? 'https://schema.org/MixedEventAttendanceMode' : virtual ? 'https://schema.org/OnlineEventAttendanceMode' : 'https://schema.org/OfflineEventAttendanceMode',
    location: [place, virtual].filter(Boolean),
    ...(safeUrl(event.pictureUrl) ? { image: [safeUrl(event.pictureUrl)] } : {}),
    organizer: { '@type': 'Organization', name: organiser.name, url: organiser.url },
    url,
  }
}
