import type { SpaceContext } from '@maison/app-contract'
import type { EventRecord } from '../domain/model.ts'

/** Absolute URL of the public side of a space (`…/p`). */
export const publicBase = (space: SpaceContext): string => `${space.baseUrl}/p`

/** Absolute URL of an event page. */
export const eventUrl = (space: SpaceContext, id: string): string => `${publicBase(space)}/events/${encodeURIComponent(id)}`

/** The same URL with the webcal scheme calendar apps subscribe to. */
export const webcal = (url: string): string => url.replace(/^https?:\/\//, 'webcal://')

/** OpenStreetMap's search for a free-text address (no geocoding on our side). */
export const mapUrl = (address: string): string => `https://www.openstreetmap.org/search?query=${encodeURIComponent(address)}`

/** Share links that work without any script on our page (plain URLs of each service). */
export function shareLinks(event: EventRecord, url: string): { label: string; href: string }[] {
  const text = `${event.title} ${url}`
  return [
    { label: 'E-mail', href: `mailto:?subject=${encodeURIComponent(event.title)}&body=${encodeURIComponent(url)}` },
    { label: 'Facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(url)}` },
    { label: 'X / Twitter', href: `https://twitter.com/intent/tweet?text=${encodeURIComponent(event.title)}&url=${encodeURIComponent(url)}` },
    { label: 'LinkedIn', href: `https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(url)}` },
    { label: 'WhatsApp', href: `https://wa.me/?text=${encodeURIComponent(text)}` },
  ]
}
