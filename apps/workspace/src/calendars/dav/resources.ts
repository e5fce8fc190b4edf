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

const CONTENT_TYPES = new Map<string, string>()

/**
 * A stored object as a resource. Its DAV fields are computed when read: a 200-object multiget asks
 * for two or three of them, and building all (two Dates, the path, the strings) for every object
 * was a tenth of the heap it allocated.
 */
class ObjectResource implements CalResource {
  readonly kind = 'object'
  readonly collection = false

  constructor(
    private readonly parent: CalResource,
    readonly meta: ObjectMeta,
  ) {}

  get view(): CalendarView | undefined {
    return this.parent.view
  }

  get path(): string[] {
    return [...this.parent.path, this.meta.uri]
  }

  get etag(): string {
    return `"${this.meta.etag}"`
  }

  get lastModified(): Date {
    return new Date(this.meta.updatedAt)
  }

  get created(): Date {
    return new Date(this.meta.createdAt)
  }

  get contentLength(): number {
    return this.meta.size
  }

  get contentType(): string {
    const c = this.meta.component
    let t = CONTENT_TYPES.get(c)
    if (t === undefined) CONTENT_TYPES.set(c, (t = `text/calendar; charset=utf-8; component=${c.toLowerCase()}`))
    return t
  }
}

/** The resource of a stored object inside a calendar resource. */
export function objectResource(parent: CalResource, meta: ObjectMeta): CalResource {
  return new ObjectResource(parent, meta)
}
