import { Readable } from 'node:stream'
import { Conflict, Forbidden, NotFound } from '@maison/errors'
import { CalendarPreconditionError, CalendarTooLargeError } from '@maison/ical'
import type { CollectionSpec, DavContext, DavProvider, DavResource, PropLookup, PropPatchOp, PropWant, ReportAnswer, ReportIo, WriteInfo } from '../../dav/tree.ts'
import type { XmlElement } from '../../dav/xml/tree.ts'
import type { MethodOverrides } from '../../dav/methods/overrides.ts'
import { calendarDepsFor, type CalendarDeps } from '../deps.ts'
import { homeViews, viewOf } from '../access.ts'
import { createCalendar, deleteCalendar, patchCalendar } from '../calendars.ts'
import { deleteObject, MAX_OBJECT_BYTES, putObject } from '../objects.ts'
import { actorOf, calendarResource, objectResource, type CalResource } from './resources.ts'
import { CALENDAR_PROPS, HOME_PROPS, OBJECT_PROPS, PROTECTED, calendarLookup } from './cal-props.ts'
import { davErrors } from './dav-errors.ts'
import { patchOf } from './patch.ts'
import { C } from './names.ts'
import { calendarPropfind } from './propfind.ts'
import { calendarProppatch } from './proppatch.ts'
import { calendarReport } from './report.ts'

async function readText(body: Readable, limit: number): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const c of body as AsyncIterable<Buffer>) {
    size += c.length
    if (size > limit) throw new CalendarTooLargeError(`The calendar object is larger than ${limit} bytes.`)
    chunks.push(c)
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks))
  } catch {
    throw new CalendarPreconditionError('valid-calendar-data', 'The calendar object is not valid UTF-8.')
  }
}

/** Serves `/remote.php/dav/calendars/{user}/…`: the account's home, its calendars and their objects. */
export class CalendarsDavProvider implements DavProvider, MethodOverrides {
  readonly name = 'calendars'
  readonly protectedProps: ReadonlySet<string> = PROTECTED
  readonly compliance = ['calendar-access', 'extended-mkcol']
  readonly methods = { PROPFIND: calendarPropfind, PROPPATCH: calendarProppatch }

  constructor(private readonly makeDeps: (ctx: DavContext) => CalendarDeps = (ctx) => calendarDepsFor(ctx.space, () => ctx.now)) {}

  /** The domain dependencies of a request (used by the method overrides too). */
  deps(ctx: DavContext): CalendarDeps {
    return this.makeDeps(ctx)
  }

  async resolve(ctx: DavContext, path: string[]): Promise<DavResource | null> {
    const me = ctx.principal.username
    if (path.length === 1) return { kind: 'top', path: ['calendars'], collection: true, displayName: 'calendars' } as CalResource
    if (path[1] !== me || path.length > 4) return null
    if (path.length === 2) return { kind: 'home', path: ['calendars', me], collection: true, displayName: ctx.principal.displayName } as CalResource
    const deps = this.makeDeps(ctx)
    const view = viewOf(deps, actorOf(deps, ctx), path[2]!)
    if (!view) return null
    const calRes = calendarResource(me, view)
    if (path.length === 3) return calRes
    const o = deps.repo.objectByUri(view.calendar.id, path[3]!)
    if (!o) return null
    const { data: _data, ...meta } = o
    return objectResource(calRes, meta)
  }

  async children(ctx: DavContext, parent: DavResource): Promise<Iterable<DavResource>> {
    const p = parent as CalResource
    const me = ctx.principal.username
    if (p.kind === 'top') return [(await this.resolve(ctx, ['calendars', me]))!]
    const deps = this.makeDeps(ctx)
    if (p.kind === 'home') return homeViews(deps, actorOf(deps, ctx)).map((v) => calendarResource(me, v))
    if (p.kind !== 'calendar') return []
    const metas = deps.repo.objectMetas(p.view!.calendar.id)
    return {
      *[Symbol.iterator]() {
        for (const m of metas) yield objectResource(p, m)
      },
    }
  }

  livePropNames(res: DavResource): readonly string[] {
    const kind = (res as CalResource).kind
    return kind === 'calendar' ? CALENDAR_PROPS : kind === 'object' ? OBJECT_PROPS : kind === 'home' ? HOME_PROPS : []
  }

  async props(ctx: DavContext, resources: readonly DavResource[], want: PropWant): Promise<PropLookup> {
    let data: Map<string, string> | null = null
    const deps = this.makeDeps(ctx)
    return calendarLookup(ctx, (r) => {
      if (!want.live.has(C('calendar-data')) || !r.meta) return undefined
      // A listing that asks for data reads every object once, not one query per member.
      if (want.listing && resources[0] && (resources[0] as CalResource).kind === 'calendar') {
        data ??= new Map(deps.repo.allObjects(r.meta.calendarId).map((o) => [o.uri, o.data]))
        return data.get(r.meta.uri)
      }
      return deps.repo.objectByUri(r.meta.calendarId, r.meta.uri)?.data
    })
  }

  async patchDeadProps(ctx: DavContext, res: DavResource, ops: PropPatchOp[]): Promise<void> {
    const r = res as CalResource
    if (r.kind !== 'calendar') throw new Forbidden('Only calendars carry properties here.')
    const { patch } = patchOf(ops.map((op) => ({ op, element: null })), false)
    patchCalendar(this.makeDeps(ctx), r.view!, { deadProps: patch.deadProps })
  }

  async openRead(ctx: DavContext, res: DavResource): Promise<Readable> {
    const r = res as CalResource
    const o = r.meta && this.makeDeps(ctx).repo.objectByUri(r.meta.calendarId, r.meta.uri)
    if (!o) throw new NotFound('This calendar object is gone.')
    return Readable.from([Buffer.from(o.data)])
  }

  async write(ctx: DavContext, path: string[], body: Readable, info: WriteInfo): Promise<{ created: boolean; resource: DavResource }> {
    const parent = (await this.resolve(ctx, path.slice(0, 3))) as CalResource | null
    if (path.length !== 4 || !parent || parent.kind !== 'calendar') {
      if (path.length === 4 && path[1] === ctx.principal.username) throw new Conflict('No calendar at this path; create it with MKCALENDAR first.')
      throw new Forbidden('Calendar objects go inside a calendar of your home.')
    }
    const deps = this.makeDeps(ctx)
    return davErrors(ctx, parent.path, async () => {
      if (info.length !== undefined && info.length > MAX_OBJECT_BYTES) throw new CalendarTooLargeError(`The calendar object is larger than ${MAX_OBJECT_BYTES} bytes.`)
      const text = await readText(body, MAX_OBJECT_BYTES)
      const { created, meta } = putObject(deps, parent.view!, path[3]!, text)
      return { created, resource: objectResource(parent, meta) }
    })
  }

  async makeCollectionWith(ctx: DavContext, path: string[], spec: CollectionSpec): Promise<void> {
    if (path.length !== 3 || path[1] !== ctx.principal.username) throw new Forbidden('Calendars are created inside your calendar home.')
    if (!spec.resourceTypes.includes(C('calendar'))) throw new Forbidden('Only calendars can be created in a calendar home.')
    const { patch, refused } = patchOf(spec.props.map((op) => ({ op, element: spec.elements.get(op.name) ?? null })), true)
    const bad = [...refused, ...spec.props.map((o) => o.name).filter((n) => PROTECTED.has(n))]
    if (bad.length > 0) throw new Forbidden(`These properties cannot be set: ${bad.join(', ')}.`)
    const deps = this.makeDeps(ctx)
    createCalendar(deps, actorOf(deps, ctx), path[2]!, patch)
  }

  async remove(ctx: DavContext, res: DavResource): Promise<void> {
    const r = res as CalResource
    const deps = this.makeDeps(ctx)
    if (r.kind === 'calendar') deleteCalendar(deps, actorOf(deps, ctx), r.view!)
    else if (r.kind === 'object') deleteObject(deps, r.view!, r.meta!.uri)
    else throw new Forbidden('This collection cannot be deleted.')
  }

  async canWrite(ctx: DavContext, path: string[]): Promise<boolean> {
    const r = (await this.resolve(ctx, path.slice(0, 3))) as CalResource | null
    return r?.kind === 'calendar' && r.view!.access === 'read-write'
  }

  async report(ctx: DavContext, res: DavResource, body: XmlElement, io: ReportIo): Promise<ReportAnswer> {
    return calendarReport(this, ctx, res as CalResource, body, io)
  }
}
