import { Forbidden, NotFound } from '@maison/errors'
import type { AppAddressBook } from '@maison/app-contract'
import type { DavContext, DavProvider, DavResource, PropLookup, ReportAnswer, ReportIo } from '../dav/tree.ts'
import type { XmlElement } from '../dav/xml/tree.ts'
import { escapeText } from '../dav/xml/serialize.ts'
import { addressBookReport } from './report.ts'
import { ADDRESS_DATA, CARD, CS, D, card } from './names.ts'
import { bookResource, cardResource, uidOfName, type BookResource } from './resources.ts'

const BOOK_PROPS = [CS('getctag'), CARD('supported-address-data'), CARD('addressbook-description'), D('supported-report-set'), D('current-user-privilege-set'), D('owner')]
const CARD_PROPS = [ADDRESS_DATA, D('current-user-privilege-set')]
const HOME_PROPS = [D('current-user-privilege-set')]

const READ_ONLY = '<d:privilege><d:read/></d:privilege><d:privilege><d:read-current-user-privilege-set/></d:privilege>'
const SUPPORTED_DATA = card('address-data-type', '', ' content-type="text/vcard" version="3.0"') + card('address-data-type', '', ' content-type="text/vcard" version="4.0"')
const REPORTS = ['addressbook-multiget', 'addressbook-query'].map((r) => `<d:supported-report><d:report>${card(r)}</d:report></d:supported-report>`).join('')

/**
 * Serves `/remote.php/dav/addressbooks/users/{user}/{book}/` (Nextcloud's layout): the read-only address
 * books apps publish (AppDefinition.addressBooks), for board members' phones. Writes are refused by the
 * protocol layer, since this provider has no write methods.
 */
export class AddressBooksDavProvider implements DavProvider {
  readonly name = 'addressbooks'
  readonly protectedProps: ReadonlySet<string> = new Set([...BOOK_PROPS, ...CARD_PROPS])
  readonly compliance = ['addressbook']

  /** `booksOf` answers the address books of the request's space that its principal may read. */
  constructor(private readonly booksOf: (ctx: DavContext) => readonly AppAddressBook[]) {}

  async resolve(ctx: DavContext, path: string[]): Promise<DavResource | null> {
    const me = ctx.principal.username
    if (path.length === 1) return { kind: 'top', path: ['addressbooks'], collection: true, displayName: 'addressbooks' } as BookResource
    if (path[1] !== 'users') return null
    if (path.length === 2) return { kind: 'users', path: ['addressbooks', 'users'], collection: true, displayName: 'users' } as BookResource
    // Homes are private, as for calendars: another account's home does not exist for this principal.
    if (path[2] !== me || path.length > 5) return null
    if (path.length === 3) return { kind: 'home', path: path.slice(0, 3), collection: true, displayName: ctx.principal.displayName } as BookResource
    const book = this.booksOf(ctx).find((b) => b.uri === path[3])
    if (!book) return null
    if (path.length === 4) return bookResource(me, book, ctx.principal.language, book.ctag(ctx.space))
    const parent = bookResource(me, book, ctx.principal.language)
    const uid = uidOfName(path[4]!)
    const found = uid === null ? undefined : book.cards(ctx.space, [uid])[0]
    return found ? cardResource(parent, found) : null
  }

  async children(ctx: DavContext, parent: DavResource): Promise<Iterable<DavResource>> {
    const p = parent as BookResource
    const me = ctx.principal.username
    switch (p.kind) {
      case 'top':
        return [(await this.resolve(ctx, ['addressbooks', 'users']))!]
      case 'users':
        return [(await this.resolve(ctx, ['addressbooks', 'users', me]))!]
      case 'home':
        return this.booksOf(ctx).map((b) => bookResource(me, b, ctx.principal.language, b.ctag(ctx.space)))
      case 'book':
        return p.book!.cards(ctx.space).map((c) => cardResource(p, c))
      default:
        return []
    }
  }

  livePropNames(res: DavResource): readonly string[] {
    const kind = (res as BookResource).kind
    return kind === 'book' ? BOOK_PROPS : kind === 'card' ? CARD_PROPS : kind === 'home' ? HOME_PROPS : []
  }

  async props(ctx: DavContext): Promise<PropLookup> {
    return {
      value: (res, name) => {
        const r = res as BookResource
        if (name === D('current-user-privilege-set')) return READ_ONLY
        if (r.kind === 'card' && name === ADDRESS_DATA) return escapeText(r.card!.vcard)
        if (r.kind !== 'book') return undefined
        switch (name) {
          case CS('getctag'):
            return escapeText(r.book!.ctag(ctx.space))
          case CARD('supported-address-data'):
            return SUPPORTED_DATA
          case CARD('addressbook-description'):
            return escapeText(ctx.principal.language === 'fr' ? r.book!.displayName.fr : r.book!.displayName.en)
          case D('supported-report-set'):
            return REPORTS
          default:
            return undefined
        }
      },
      deadNames: () => [],
    }
  }

  async patchDeadProps(): Promise<void> {
    throw new Forbidden('These address books are read-only.')
  }

  async openRead(_ctx: DavContext, res: DavResource): Promise<Buffer> {
    const r = res as BookResource
    if (r.kind !== 'card') throw new NotFound('Only cards have content.')
    return Buffer.from(r.card!.vcard)
  }

  async report(ctx: DavContext, res: DavResource, body: XmlElement, io: ReportIo): Promise<ReportAnswer> {
    return addressBookReport(ctx, res as BookResource, body, io, await this.props(ctx))
  }
}
