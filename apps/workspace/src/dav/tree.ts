import type { Readable } from 'node:stream'
import type { Principal, SpaceContext } from '@maison/app-contract'

/** Who asks, in which space, and when: handed to every provider call. */
export interface DavContext {
  space: SpaceContext
  principal: Principal
  now: Date
}

/** One resource of the DAV tree as the protocol layer sees it. */
export interface DavResource {
  /** Segments from the DAV root, e.g. ['files', 'alice', 'report.pdf']. */
  path: string[]
  collection: boolean
  /** Quoted entity tag. */
  etag?: string
  lastModified?: Date
  created?: Date
  contentLength?: number
  contentType?: string
  displayName?: string
}

/** Which provider properties a PROPFIND needs. */
export interface PropWant {
  /** Live property names asked for (allprop's include, or a prop list). */
  live: ReadonlySet<string>
  /** Whether dead properties are needed at all. */
  dead: boolean
  /**
   * True when the single resource given is a collection whose members will be asked too (they are
   * built lazily, so storage reads their properties by parent).
   */
  listing: boolean
}

/** Property values of prepared resources, read one at a time while a multistatus is written. */
export interface PropLookup {
  /** Serialised value of a live or dead property, or undefined when the resource has none. */
  value(res: DavResource, name: string): string | undefined
  /** Names of the dead properties a resource carries. */
  deadNames(res: DavResource): readonly string[]
}

/** One PROPPATCH instruction on a dead property; value is a serialised XML fragment, null removes. */
export interface PropPatchOp {
  name: string
  value: string | null
}

export interface ByteRange {
  start: number
  end: number
}

export interface WriteInfo {
  /** Declared Content-Length, when the body is not chunked. */
  length?: number
  contentType?: string
  /** Modification time the client asks for (X-OC-MTime), epoch milliseconds. */
  mtimeMs?: number
}

/**
 * A collection tree mounted under one top segment of /remote.php/dav/ (files, later calendars,
 * addressbooks). The protocol layer owns XML, multistatus, locks and preconditions; a provider owns
 * storage. Optional methods that are missing make the protocol layer answer 403/405.
 */
export interface DavProvider {
  /** The top segment served, e.g. 'files'. */
  readonly name: string
  /** Clark names of live properties PROPPATCH must refuse, beyond the core DAV ones. */
  readonly protectedProps: ReadonlySet<string>
  /** The resource at `path` (which starts with `name`), or null when nothing is there. */
  resolve(ctx: DavContext, path: string[]): Promise<DavResource | null>
  /**
   * Members of a collection, with a fixed number of storage queries. The storage is read before the
   * promise resolves; the resources may be built lazily as the result is iterated (once).
   */
  children(ctx: DavContext, parent: DavResource): Promise<Iterable<DavResource>>
  /** Live property names this provider adds for a resource (for allprop and propname). */
  livePropNames(res: DavResource): readonly string[]
  /**
   * Prepares the property values of several resources with a fixed number of storage queries;
   * `listing` says that the resources are a collection followed by its members.
   */
  props(ctx: DavContext, resources: readonly DavResource[], want: PropWant): Promise<PropLookup>
  /** Applies every op or none. */
  patchDeadProps(ctx: DavContext, res: DavResource, ops: PropPatchOp[]): Promise<void>
  openRead?(ctx: DavContext, res: DavResource, range?: ByteRange): Promise<Readable>
  write?(ctx: DavContext, path: string[], body: Readable, info: WriteInfo): Promise<{ created: boolean; resource: DavResource }>
  makeCollection?(ctx: DavContext, path: string[]): Promise<void>
  remove?(ctx: DavContext, res: DavResource): Promise<void>
  copy?(ctx: DavContext, res: DavResource, dest: string[], opts: { depth: 0 | 'infinity'; overwrite: boolean }): Promise<{ created: boolean }>
  move?(ctx: DavContext, res: DavResource, dest: string[], opts: { overwrite: boolean }): Promise<{ created: boolean }>
  /**
   * The key under which locks on a path are kept: the place where the resource is stored, so that
   * one resource reached through two URLs (a shared folder mounted in every account) has one set
   * of locks. Segments, first one the provider's name. Without it, the path itself.
   */
  lockKey?(ctx: DavContext, path: readonly string[]): string[]
  /** The path through which this principal reaches a lock key, or null when it cannot. */
  pathOfLockKey?(ctx: DavContext, key: readonly string[]): string[] | null
  /** Whether the principal may write at this path (used before lock-null creation and by permissions). */
  canWrite?(ctx: DavContext, path: string[]): Promise<boolean>
}
