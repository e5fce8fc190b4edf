import type { DavContext, PropLookup } from '../../dav/tree.ts'
import { escapeText } from '../../dav/xml/serialize.ts'
import { ASSOCIATION_OWNER } from '../model.ts'
import { MAX_OBJECT_BYTES } from '../objects.ts'
import { syncToken } from '../sync.ts'
import { davHref, principalHref } from './hrefs.ts'
import { APPLE, C, CS, D, cal, href } from './names.ts'
import type { CalResource } from './resources.ts'

/** Live properties of a calendar collection. */
export const CALENDAR_PROPS = [
  D('sync-token'), CS('getctag'), C('calendar-description'), APPLE('calendar-color'), APPLE('calendar-order'), C('calendar-timezone'),
  C('supported-calendar-component-set'), C('supported-calendar-data'), C('max-resource-size'), D('supported-report-set'),
  D('current-user-privilege-set'), D('owner'), D('current-user-principal'),
]
export const HOME_PROPS = [D('current-user-privilege-set'), D('owner'), D('current-user-principal'), D('supported-report-set')]
export const OBJECT_PROPS = [C('calendar-data'), D('current-user-privilege-set')]

/** Properties a client can never set. */
export const PROTECTED = new Set([
  D('sync-token'), CS('getctag'), C('supported-calendar-data'), C('max-resource-size'), D('supported-report-set'),
  D('current-user-privilege-set'), D('owner'), D('current-user-principal'), C('calendar-data'), D('resourcetype'),
  D('getetag'), D('getlastmodified'), D('getcontentlength'), D('getcontenttype'), D('creationdate'), D('lockdiscovery'), D('supportedlock'),
])

const priv = (x: string) => `<d:privilege>${x}</d:privilege>`
const READ = priv('<d:read/>') + priv(cal('read-free-busy'))
const WRITE = priv('<d:write/>') + priv('<d:write-properties/>') + priv('<d:write-content/>') + priv('<d:bind/>') + priv('<d:unbind/>')
const REPORTS = ['<d:sync-collection/>', cal('calendar-query'), cal('calendar-multiget'), cal('free-busy-query')]
  .map((r) => `<d:supported-report><d:report>${r}</d:report></d:supported-report>`)
  .join('')

function privileges(r: CalResource): string {
  if (r.kind === 'home' || r.kind === 'top') return READ + (r.kind === 'home' ? priv('<d:bind/>') + priv('<d:unbind/>') : '')
  const v = r.view!
  return v.access === 'read-write' ? READ + WRITE + (v.manage ? priv('<d:write-acl/>') : '') : READ
}

/** Property values of calendars-tree resources; `dataOf` gives calendar-data (REPORTs pass expanded text). */
export function calendarLookup(ctx: DavContext, dataOf: (r: CalResource) => string | undefined): PropLookup {
  const me = principalHref(ctx, ctx.principal.username)
  return {
    value(res, name) {
      const r = res as CalResource
      if (name === D('current-user-principal')) return href(me)
      if (name === D('current-user-privilege-set')) return privileges(r)
      if (r.kind === 'object') return name === C('calendar-data') ? escapeNullable(dataOf(r)) : undefined
      if (r.kind === 'home') {
        if (name === D('owner')) return href(me)
        if (name === D('supported-report-set')) return ''
        return undefined
      }
      if (r.kind !== 'calendar') return undefined
      const c = r.view!.calendar
      switch (name) {
        case D('sync-token'):
          return escapeText(syncToken(c.id, c.syncSeq))
        case CS('getctag'):
          return escapeText(syncToken(c.id, c.syncSeq))
        case C('calendar-description'):
          return c.description === null ? undefined : escapeText(c.description)
        case APPLE('calendar-color'):
          return c.color === null ? undefined : escapeText(c.color)
        case APPLE('calendar-order'):
          return c.order === null ? undefined : String(c.order)
        case C('calendar-timezone'):
          return c.timezone === null ? undefined : escapeText(c.timezone)
        case C('supported-calendar-component-set'):
          return c.components.map((n) => cal('comp', '', ` name="${n}"`)).join('')
        case C('supported-calendar-data'):
          return cal('calendar-data', '', ' content-type="text/calendar" version="2.0"')
        case C('max-resource-size'):
          return String(MAX_OBJECT_BYTES)
        case D('supported-report-set'):
          return REPORTS
        case D('owner'):
          return c.owner === ASSOCIATION_OWNER ? href(davHref(ctx, ['principals', 'users'], true)) : href(principalHref(ctx, c.owner))
        default:
          return c.deadProps[name]
      }
    },
    deadNames(res) {
      const r = res as CalResource
      return r.kind === 'calendar' ? Object.keys(r.view!.calendar.deadProps) : []
    },
  }
}

function escapeNullable(s: string | undefined): string | undefined {
  return s === undefined ? undefined : escapeText(s)
}
