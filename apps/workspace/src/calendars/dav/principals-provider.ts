import { Forbidden } from '@maison/errors'
import type { DavContext, DavProvider, DavResource, PropLookup, PropPatchOp, PropWant } from '../../dav/tree.ts'
import { spaceDirectory, type Directory } from '../deps.ts'
import { davHref, principalHref } from './hrefs.ts'
import { C, D, href } from './names.ts'
import { CARD } from '../../contacts/names.ts'

const ADDRESSBOOK_HOME_SET = CARD('addressbook-home-set')

const PRINCIPAL_PROPS = [D('current-user-principal'), D('principal-URL'), C('calendar-home-set'), C('calendar-user-address-set'), D('principal-collection-set'), C('calendar-user-type'), ADDRESSBOOK_HOME_SET]
const ROOT_PROPS = [D('current-user-principal'), D('principal-collection-set')]

interface PrincipalResource extends DavResource {
  username?: string
}

/**
 * `/remote.php/dav/principals/users/{user}/` (Nextcloud's layout), and the DAV root's
 * current-user-principal, where CalDAV clients start discovery.
 */
export class PrincipalsDavProvider implements DavProvider {
  readonly name = 'principals'
  readonly servesRoot = true
  readonly protectedProps: ReadonlySet<string> = new Set(PRINCIPAL_PROPS)

  constructor(private readonly directoryOf: (ctx: DavContext) => Directory = (ctx) => spaceDirectory(ctx.space, () => ctx.now)) {}

  async resolve(ctx: DavContext, path: string[]): Promise<DavResource | null> {
    if (path.length === 1) return { path: ['principals'], collection: true, displayName: 'principals' }
    if (path[1] !== 'users') return null
    if (path.length === 2) return { path: ['principals', 'users'], collection: true, displayName: 'users' }
    if (path.length > 3) return null
    const account = this.directoryOf(ctx).account(path[2]!)
    if (!account) return null
    const r: PrincipalResource = { path: ['principals', 'users', path[2]!], collection: true, displayName: account.displayName, username: path[2]! }
    return r
  }

  async children(ctx: DavContext, parent: DavResource): Promise<Iterable<DavResource>> {
    if (parent.path.length === 1) return [(await this.resolve(ctx, ['principals', 'users']))!]
    // Only one's own principal is listed; others are reachable by URL (sharing dialogs search the JSON API).
    if (parent.path.length === 2) return [(await this.resolve(ctx, ['principals', 'users', ctx.principal.username]))!]
    return []
  }

  livePropNames(res: DavResource): readonly string[] {
    if (res.path.length === 0) return ROOT_PROPS
    return (res as PrincipalResource).username ? PRINCIPAL_PROPS : ROOT_PROPS
  }

  async props(ctx: DavContext, _resources: readonly DavResource[], _want: PropWant): Promise<PropLookup> {
    const dir = this.directoryOf(ctx)
    const me = principalHref(ctx, ctx.principal.username)
    return {
      value: (res, name) => {
        if (name === D('current-user-principal')) return href(me)
        if (name === D('principal-collection-set')) return href(davHref(ctx, ['principals', 'users'], true))
        const user = (res as PrincipalResource).username
        if (!user) return undefined
        switch (name) {
          case D('principal-URL'):
            return href(principalHref(ctx, user))
          case C('calendar-home-set'):
            // Homes are private: another account's principal shows no home.
            return user === ctx.principal.username ? href(davHref(ctx, ['calendars', user], true)) : undefined
          case C('calendar-user-address-set'): {
            const email = dir.account(user)?.email
            return (email ? href(`mailto:${email}`) : '') + href(principalHref(ctx, user))
          }
          case ADDRESSBOOK_HOME_SET:
            return user === ctx.principal.username ? href(davHref(ctx, ['addressbooks', 'users', user], true)) : undefined
          case C('calendar-user-type'):
            return 'INDIVIDUAL'
          default:
            return undefined
        }
      },
      deadNames: () => [],
    }
  }

  async patchDeadProps(_ctx: DavContext, _res: DavResource, _ops: PropPatchOp[]): Promise<void> {
    throw new Forbidden('Principals have no writable properties.')
  }
}

