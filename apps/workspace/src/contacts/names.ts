import { clark, DAV_NS } from '../dav/xml/tree.ts'

export const CARDDAV_NS = 'urn:ietf:params:xml:ns:carddav'
const CS_NS = 'http://calendarserver.org/ns/'

/** Clark names in the DAV, CardDAV and CalendarServer namespaces. */
export const D = (local: string) => clark(DAV_NS, local)
export const CARD = (local: string) => clark(CARDDAV_NS, local)
export const CS = (local: string) => clark(CS_NS, local)

/** A CardDAV element that declares its own namespace, so it reads right wherever it is embedded. */
export function card(local: string, inner = '', attrs = ''): string {
  const open = `A:${local} xmlns:A="${CARDDAV_NS}"${attrs}`
  return inner === '' ? `<${open}/>` : `<${open}>${inner}</A:${local}>`
}

export const ADDRESS_DATA = CARD('address-data')
export const ADDRESSBOOK_RESOURCETYPE = card('addressbook')
