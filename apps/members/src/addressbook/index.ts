import { createHash } from 'node:crypto'
import type { AddressBookCard, AppAddressBook, SpaceContext } from '@maison/app-contract'
import { vcardOf } from '../domain/export.ts'
import { listMembers } from '../domain/members.ts'
import type { MembersEnv } from '../domain/repositories.ts'
import type { Member } from '../domain/types.ts'
import { sqliteMembersStore } from '../storage/store.ts'
import { membersFingerprint } from './fingerprint.ts'

const PAGE = 1000
const uidPrefixOf = (space: SpaceContext) => `maison-${space.slug}`
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex')

function envOf(space: SpaceContext): MembersEnv {
  // No date in a card depends on the clock: the status columns the list computes are not used here.
  return { store: sqliteMembersStore(space.db), clock: () => new Date(), defaults: { associationName: space.name, timeZone: 'UTC' } }
}

/** Current members: validated, outside hidden categories (former members stay off board phones). */
function currentMembers(env: MembersEnv): Member[] {
  const out: Member[] = []
  for (let offset = 0; ; offset += PAGE) {
    const page = listMembers(env, { includeHidden: false, pending: false, sort: 'number', order: 'asc', offset, limit: PAGE })
    out.push(...page.items.map((i) => i.member))
    if (page.items.length < PAGE) return out
  }
}

function cardOf(space: SpaceContext, m: Member, categories: Map<number, string>): AddressBookCard {
  const vcard = vcardOf(m, m.categoryId ? (categories.get(m.categoryId) ?? null) : null, uidPrefixOf(space))
  return { uid: `${uidPrefixOf(space)}-${m.id}`, etag: `"${sha1(vcard)}"`, vcard, lastModified: new Date(m.updatedAt) }
}

/** The members as a read-only CardDAV address book for the space's admins (the board manages members). */
export const membersAddressBook: AppAddressBook = {
  uri: 'members',
  displayName: { en: 'Members', fr: 'Adhérents' },
  canRead: (_space, principal) => principal.role === 'admin',
  ctag: (space) => membersFingerprint(space.db),
  cards(space, uids) {
    const env = envOf(space)
    const categories = new Map(env.store.categories.list().map((c) => [c.id, c.name]))
    if (uids === undefined) return currentMembers(env).map((m) => cardOf(space, m, categories))
    const prefix = `${uidPrefixOf(space)}-`
    const hidden = new Set(env.store.categories.list().filter((c) => c.hidden).map((c) => c.id))
    return uids.flatMap((uid) => {
      const id = uid.startsWith(prefix) ? Number(uid.slice(prefix.length)) : NaN
      const m = Number.isSafeInteger(id) ? env.store.members.get(id) : null
      if (!m || (m.categoryId !== null && hidden.has(m.categoryId)) || m.pending) return []
      return [cardOf(space, m, categories)]
    })
  },
}
