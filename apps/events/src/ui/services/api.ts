import axios from '@nextcloud/axios'
import { spacePath } from '@maison/ui-shell'
import type { EventInput, EventItem, Registration, Registrations } from './types.ts'

/** Absolute path of an events API route (also used for download links). */
export const apiUrl = (path: string): string => spacePath(`/apps/events/api${path}`)

const enc = encodeURIComponent

/** A page of the association's events (drafts and calendar-only ones too), by first start. */
export async function listEvents(q: { from?: string; to?: string; tag?: string; page?: number; perPage?: number }): Promise<{ total: number; events: EventItem[] }> {
  return (await axios.get(apiUrl('/events'), { params: q })).data
}

/** One event with its upcoming occurrences. */
export async function getEvent(id: string): Promise<EventItem> {
  return (await axios.get(apiUrl(`/events/${enc(id)}`))).data
}

export async function createEvent(body: EventInput): Promise<EventItem> {
  return (await axios.post(apiUrl('/events'), body)).data
}

export async function updateEvent(id: string, body: Partial<EventInput>): Promise<EventItem> {
  return (await axios.patch(apiUrl(`/events/${enc(id)}`), body)).data
}

/** Edits one occurrence of a series, or it and the following ones. */
export async function updateOccurrence(id: string, occurrence: string, body: Partial<EventInput> & { scope: 'this' | 'following' }): Promise<EventItem> {
  return (await axios.patch(apiUrl(`/events/${enc(id)}/occurrences/${enc(occurrence)}`), body)).data
}

export async function deleteEvent(id: string): Promise<void> {
  await axios.delete(apiUrl(`/events/${enc(id)}`))
}

export async function duplicateEvent(id: string): Promise<EventItem> {
  return (await axios.post(apiUrl(`/events/${enc(id)}/duplicate`), {})).data
}

export async function cancelEvent(id: string): Promise<EventItem> {
  return (await axios.post(apiUrl(`/events/${enc(id)}/cancel`))).data
}

export async function publishEvent(id: string): Promise<EventItem> {
  return (await axios.post(apiUrl(`/events/${enc(id)}/publish`), {})).data
}

/** Uploads the event's picture (stored in the association folder). */
export async function uploadPicture(id: string, file: File): Promise<EventItem> {
  return (await axios.put(apiUrl(`/events/${enc(id)}/picture`), file, { headers: { 'Content-Type': file.type || 'application/octet-stream' } })).data
}

export async function listTags(): Promise<string[]> {
  const data = (await axios.get(apiUrl('/tags'))).data as { tags: Array<string | { tag: string }> }
  return data.tags.map((x) => (typeof x === 'string' ? x : x.tag))
}

/** The mini-site's presentation (sanitised HTML). */
export async function getSite(): Promise<string> {
  return ((await axios.get(apiUrl('/site'))).data as { presentationHtml: string }).presentationHtml
}

export async function saveSite(presentation: string): Promise<void> {
  await axios.put(apiUrl('/site'), { presentation })
}

export async function listRegistrations(id: string): Promise<Registrations> {
  return (await axios.get(apiUrl(`/events/${enc(id)}/registrations`))).data
}

export async function decide(id: string, registration: string, decision: 'approve' | 'refuse'): Promise<Registration> {
  return (await axios.post(apiUrl(`/events/${enc(id)}/registrations/${enc(registration)}/${decision}`))).data
}

/** E-mails the participants; the message id makes a double click send once. */
export async function messageParticipants(id: string, body: { subject: string; body: string; includeWaiting: boolean; messageId: string }): Promise<{ recipients: number }> {
  return (await axios.post(apiUrl(`/events/${enc(id)}/messages`), body)).data
}

/** The CSV of an event's participants, as a download link. */
export const registrationsCsvUrl = (id: string): string => apiUrl(`/events/${enc(id)}/registrations.csv`)
