import type { DavContext, DavResource } from '../../dav/tree.ts'
import type { CalendarActor, CalendarView, ObjectMeta } from '../model.ts'
import type { CalendarDeps } from '../deps.ts'
import { CALENDAR_RESOURCETYPE } from './names.ts'

/** A resource of the calendars tree, with what the provider found while resolving it. */
export interface CalResource extends DavResource {
  kind: 'top' | 'home' | 'calendar' | 'object'
  view?: CalendarView
  meta?: ObjectMeta
}

/** The account acting in a DAV request, with its groups. */
export function actorOf(deps: CalendarDeps, ctx: DavContext): CalendarActor {
  const p = ctx.principal
  return { username: p.username, role: p.role, groups: deps.directory.groupsOf(p.username) }
}

/** The collection resource of a calendar as seen at `segment` of a user's home. */
export function calendarResource(user: string, view: CalendarView): CalResource {
  const c = view.calendar
  return {
    kind: 'calendar', path: ['calendars', user, view.segment], collection: true, view,
    displayName: c.displayName, lastModified: new Date(c.updatedAt), created: new Date(c.createdAt),
    etag: `"${c.id}-${c.syncSeq}-${c.updatedAt}"`, resourceType: CALENDAR_RESOURCETYPE,
  }
}

/** The resource of a stored object inside a calendar resource. */
export function objectResource(parent: CalResource, meta: ObjectMeta): CalResource {
  return {
    kind: 'object', path: [...parent.path, meta.uri], collection: false, view: parent.view, meta,
    etag: `"${meta.etag}"`, lastModified: new Date(meta.updatedAt), created: new Date(meta.createdAt), contentLength: meta.size,
    contentType: `text/calendar; charset=utf-8; component=${meta.component.toLowerCase()}`,
  }
}
