import type { Readable } from 'node:stream'
import type { Principal, SpaceContext } from '@maison/app-contract'
import type { XmlElement } from './xml/tree.ts'
import type { ReadBuffers } from './read-buffers.ts'
import type { FileSpan } from './file-span.ts'

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
  /** Serialised children of DAV:resourcetype beyond DAV:collection (e.g. a CalDAV calendar). */
  resourceType?: string
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

/** What a REPORT handler gets besides the body: depth and the URL mapping of this mount. */
export interface ReportIo {
  depth: '0' | '1' | 'infinity'
  /** Absolute href (path) of a DAV path. */
  href(path: readonly string[], collection: boolean): string
  /** The DAV path of a URL under this mount, or null. */
  pathOfUrl(url: string): string[] | null
}

/** A REPORT's answer: a multistatus streamed response by response, or a plain body (free-busy). */
export type ReportAnswer =
  | { kind: 'multistatus'; responses: Iterable<string>; /** XML after the responses, e.g. DAV:sync-token. */ tail?: string }
  | { kind: 'body'; status: number; contentType: string; body: string }

/** A collection created with a body (MKCALENDAR, RFC 5689 extended MKCOL). */
export interface CollectionSpec {
  /** Clark names of the requested resource types besides DAV:collection. */
  resourceTypes: string[]
  /** Properties to set; value is a serialised XML fragment. */
  props: PropPatchOp[]
  /** The parsed property elements, for values that are not plain text (component sets). */
  elements: ReadonlyMap<string, XmlElement>
}

export interface WriteInfo {
  /** Declared Content-Length, when the body is not chunked. */
  length?: number
  contentType?: string
  /** Modification time the client asks for (X-OC-MTime), epoch milliseconds. */
  mtimeMs?: number
  /** What the request found at the path before reading the body (null: nothing); the write checks again in its transaction. */
  current?: DavResource | null
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
  /**
   * The content, or a range of it; a range that fits `buffers` may come whole as a Buffer, read into
   * one taken from them (the caller gives it back once sent); content on the local disk may come as a span of a file,
   * which the caller sends with buffers it reuses.
   */
  openRead?(ctx: DavContext, res: DavResource, range?: ByteRange, buffers?: ReadBuffers): Promise<Readable | Buffer | FileSpan>
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
  /**
   * For a PROPFIND Depth 0 answer kept between polls (dav/answer-cache.ts): a check that `resolve` would still
   * find this resource as it was rendered, given that nothing was committed to the space's database since; null
   * (never kept) when these properties depend on anything else (time, locks, the platform's limits).
   */
  reuseCheck?(ctx: DavContext, res: DavResource, names: readonly string[]): (() => boolean) | null
  /** Answers a REPORT on a resource of this provider; without it every REPORT is unsupported. */
  report?(ctx: DavContext, res: DavResource, body: XmlElement, io: ReportIo): Promise<ReportAnswer>
  /** Creates a collection with resource types and properties (MKCALENDAR, extended MKCOL). */
  makeCollectionWith?(ctx: DavContext, path: string[], spec: CollectionSpec): Promise<void>
  /** Set on the one provider that also answers the DAV root's properties (e.g. current-user-principal). */
  readonly servesRoot?: boolean
  /** Extra compliance classes for the DAV header (e.g. 'calendar-access'). */
  readonly compliance?: readonly string[]
}
