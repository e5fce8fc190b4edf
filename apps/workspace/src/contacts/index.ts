import type { AppAddressBook, AppDefinition } from '@maison/app-contract'
import { SpaceSettingsStore } from '../spaces/settings.ts'
import type { DavContext } from '../dav/tree.ts'
import { AddressBooksDavProvider } from './provider.ts'

/** The CardDAV tree of a host: the address books of the apps enabled in each space, as each principal may read them. */
export function createAddressBooksProvider(apps: readonly AppDefinition[]): AddressBooksDavProvider {
  const defaults = apps.filter((a) => a.defaultEnabled).map((a) => a.id)
  return new AddressBooksDavProvider((ctx: DavContext): AppAddressBook[] => {
    if (!apps.some((a) => a.addressBooks?.length)) return []
    const enabled = new SpaceSettingsStore(ctx.space.db).get<string[]>('enabledApps', defaults)
    return apps
      .filter((a) => enabled.includes(a.id))
      .flatMap((a) => a.addressBooks ?? [])
      .filter((b) => b.canRead(ctx.space, ctx.principal))
  })
}
