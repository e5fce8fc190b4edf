import type { Request } from 'express'
import type { CalendarView } from '../model.ts'
import { ASSOCIATION_OWNER } from '../model.ts'

/** The JSON form of a calendar as the actor sees it. */
export function presentView(req: Request, v: CalendarView) {
  const c = v.calendar
  const base = req.space!.baseUrl
  const user = req.principal!.username
  const link = v.manage && c.publicToken ? publicLinkOf(req, c.publicToken) : null
  return {
    id: c.id, uri: v.segment, displayName: c.displayName, description: c.description, color: c.color, order: c.order,
    timezone: c.tzid, components: c.components, access: v.access, manage: v.manage,
    owner: c.owner === ASSOCIATION_OWNER ? null : c.owner, association: c.owner === ASSOCIATION_OWNER,
    davUrl: `${base}/remote.php/dav/calendars/${encodeURIComponent(user)}/${encodeURIComponent(v.segment)}/`,
    publicLink: link,
  }
}

/** A public link offered as https:// (or http:// in tests) and webcal://. */
export function publicLinkOf(req: Request, token: string) {
  const url = `${req.space!.baseUrl}/p/calendars/${token}.ics`
  return { token, url, webcal: url.replace(/^https?:/, 'webcal:') }
}
