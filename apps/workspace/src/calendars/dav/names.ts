import { clark, DAV_NS } from '../../dav/xml/tree.ts'
import { escapeText } from '../../dav/xml/serialize.ts'

export const CALDAV_NS = 'urn:ietf:params:xml:ns:caldav'
export const CS_NS = 'http://calendarserver.org/ns/'
export const APPLE_NS = 'http://apple.com/ns/ical/'

export const D = (local: string) => clark(DAV_NS, local)
export const C = (local: string) => clark(CALDAV_NS, local)
export const CS = (local: string) => clark(CS_NS, local)
export const APPLE = (local: string) => clark(APPLE_NS, local)

/** A CalDAV element that declares its own namespace, so it reads right wherever it is embedded. */
export function cal(local: string, inner = '', attrs = ''): string {
  const open = `C:${local} xmlns:C="${CALDAV_NS}"${attrs}`
  return inner === '' ? `<${open}/>` : `<${open}>${inner}</C:${local}>`
}

/** `<d:href>` with escaped content. */
export function href(h: string): string {
  return `<d:href>${escapeText(h)}</d:href>`
}

export const RESOURCETYPE = D('resourcetype')
export const DISPLAYNAME = D('displayname')
export const CALENDAR_DATA = C('calendar-data')
export const CALENDAR_RESOURCETYPE = cal('calendar')
export const PRINCIPAL_RESOURCETYPE = '<d:principal/>'
