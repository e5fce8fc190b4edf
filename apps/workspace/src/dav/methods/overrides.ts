import type { DavRequest } from '../request.ts'
import type { DavProvider } from '../tree.ts'

/** A method handler a provider substitutes for the core's on its own paths. */
export type DavMethodHandler = (dr: DavRequest) => Promise<void>

/**
 * A provider that answers some methods itself, e.g. calendars, whose PROPFIND renders CalDAV
 * resource types and whose PROPPATCH sets DAV:displayname (both core-owned for files).
 */
export interface MethodOverrides {
  readonly methods: Readonly<Partial<Record<string, DavMethodHandler>>>
}

/** The provider's own handler of a method, if it has one. */
export function overrideOf(provider: DavProvider | undefined, method: string): DavMethodHandler | undefined {
  return provider && 'methods' in provider ? (provider as DavProvider & MethodOverrides).methods[method] : undefined
}
