import type { DavContext } from '../../dav/tree.ts'
import { encodeHref } from '../../dav/xml/serialize.ts'

/** Absolute href of a DAV path for this request's space (the calendars tree lives only under /remote.php/dav). */
export function davHref(ctx: DavContext, path: readonly string[], collection: boolean): string {
  return encodeHref(`${ctx.space.pathPrefix}/remote.php/dav`, path, collection)
}

/** The principal URL of an account. */
export function principalHref(ctx: DavContext, username: string): string {
  return davHref(ctx, ['principals', 'users', username], true)
}
