import axios from '@nextcloud/axios'
import { spacePath } from '@maison/ui-shell'
import type { CalendarInfo } from './caldavTypes.ts'

/** The subscription (read-only iCalendar feed) of a calendar; shown to managers only. */
export interface PublicLink {
  token: string
  url: string
  webcal: string
}

/** A calendar as the management API answers it: what the grid needs plus what its managers see. */
export interface ManagedCalendar extends CalendarInfo {
  description?: string | null
  publicLink?: PublicLink | null
}

export type ShareKind = 'user' | 'group'
export type ShareAccess = 'read' | 'read-write'

/** Who a calendar is shared with. */
export interface CalendarShare {
  calendarId: number
  kind: ShareKind
  principal: string
  access: ShareAccess | 'none'
}

/** A calendar in the calendar trash (kept 30 days). */
export interface DeletedCalendar {
  id: number
  displayName: string
  deletedAt: string
}

const api = (path: string): string => spacePath(`/api/v1/calendars${path}`)
const idPart = (id: number): string => encodeURIComponent(String(id))

/** Creates a personal calendar. */
export async function createCalendar(displayName: string, color: string): Promise<ManagedCalendar> {
  return (await axios.post(api(''), { displayName: displayName.trim(), color })).data
}

/** Renames or recolours a calendar (managers only). */
export async function updateCalendar(id: number, patch: { displayName?: string; color?: string }): Promise<ManagedCalendar> {
  return (await axios.patch(api(`/${idPart(id)}`), patch)).data
}

/** Deletes a calendar: the owner's goes to the trash for 30 days. */
export async function deleteCalendar(id: number): Promise<void> {
  await axios.delete(api(`/${idPart(id)}`))
}

/** The caller's deleted calendars. */
export async function listDeletedCalendars(): Promise<DeletedCalendar[]> {
  return (await axios.get(api('/trash'))).data.calendars
}

/** Restores a deleted calendar; 405 when its name was taken meanwhile. */
export async function restoreCalendar(id: number): Promise<ManagedCalendar> {
  return (await axios.post(api(`/trash/${idPart(id)}/restore`))).data
}

/** Who a calendar is shared with. */
export async function listShares(id: number): Promise<CalendarShare[]> {
  return (await axios.get(api(`/${idPart(id)}/shares`))).data.shares
}

/** Shares a calendar with a member or a group, or changes the access of an existing share. */
export async function shareCalendar(id: number, share: { kind: ShareKind; principal: string; access: ShareAccess }): Promise<CalendarShare> {
  return (await axios.put(api(`/${idPart(id)}/shares`), { ...share, principal: share.principal.trim() })).data
}

/** Removes a share. */
export async function unshareCalendar(id: number, kind: ShareKind, principal: string): Promise<void> {
  await axios.delete(api(`/${idPart(id)}/shares/${kind}/${encodeURIComponent(principal)}`))
}

/** Creates the subscription link, replacing (and so invalidating) any previous one. */
export async function createPublicLink(id: number): Promise<PublicLink> {
  return (await axios.post(api(`/${idPart(id)}/public-link`))).data
}

/** Revokes the subscription link: its URL stops answering at once. */
export async function revokePublicLink(id: number): Promise<void> {
  await axios.delete(api(`/${idPart(id)}/public-link`))
}
