import type { AddressBookCard, AppAddressBook } from '@maison/app-contract'
import type { DavResource } from '../dav/tree.ts'
import { ADDRESSBOOK_RESOURCETYPE } from './names.ts'

/** A resource of the address-books tree, with what the provider found while resolving it. */
export interface BookResource extends DavResource {
  kind: 'top' | 'users' | 'home' | 'book' | 'card'
  book?: AppAddressBook
  card?: AddressBookCard
}

const CARD_SUFFIX = '.vcf'

/** The uid a card's resource name stands for, or null for a name that is not `{uid}.vcf`. */
export function uidOfName(name: string): string | null {
  return name.endsWith(CARD_SUFFIX) && name.length > CARD_SUFFIX.length ? name.slice(0, -CARD_SUFFIX.length) : null
}

/** The collection of an address book; `ctag` (its etag) is left out where only its cards are wanted. */
export function bookResource(user: string, book: AppAddressBook, language: string | null, ctag?: string): BookResource {
  return {
    kind: 'book', path: ['addressbooks', 'users', user, book.uri], collection: true, book,
    displayName: language === 'fr' ? book.displayName.fr : book.displayName.en,
    etag: ctag === undefined ? undefined : `"${ctag}"`, resourceType: ADDRESSBOOK_RESOURCETYPE,
  }
}

/** The resource of one card inside its address book. */
export function cardResource(parent: BookResource, card: AddressBookCard): BookResource {
  return {
    kind: 'card', path: [...parent.path, `${card.uid}${CARD_SUFFIX}`], collection: false, book: parent.book, card,
    etag: card.etag, lastModified: card.lastModified, contentLength: Buffer.byteLength(card.vcard),
    contentType: 'text/vcard; charset=utf-8',
  }
}
