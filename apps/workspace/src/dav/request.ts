import type { Request, Response } from 'express'
import { perRequest } from '../per-request.ts'
import { BadRequest, PayloadTooLarge, Unauthorized } from '@maison/errors'
import type { DavContext } from './tree.ts'
import type { DavTree } from './dav-tree.ts'
import type { LockManager } from './locks/manager.ts'
import { decodePath } from './paths.ts'
import { encodeHref } from './xml/serialize.ts'
import { parseXmlCached } from './xml/parse-cache.ts'
import type { XmlElement } from './xml/tree.ts'
import { parseIfHeader, submittedTokens, type IfList } from './locks/if-header.ts'

/** Everything a method handler needs about one request. */
export interface DavRequest {
  req: Request
  res: Response
  ctx: DavContext
  tree: DavTree
  locks: LockManager
  /** Target path from the DAV root. */
  path: string[]
  /** Key of the target's locks: where it is stored, whatever URL reached it. */
  lockPath: string[]
  /** Lock key of any DAV path. */
  lockKeyOf(path: readonly string[]): string[]
  /** Href, for this principal, of a lock root key ("/files/_association/x"). */
  hrefOfLockRoot(root: string): string
  /** Absolute href (path) of a DAV path. */
  href(path: readonly string[], collection: boolean): string
  /** The DAV path of a URL (absolute or path-only) under this mount, or null when it points elsewhere. */
  pathOfUrl(url: string): string[] | null
  ifLists: IfList[] | null
  submitted: Set<string>
  /** The parsed XML body, or null when empty. */
  readXml(): Promise<XmlElement | null>
  /** Whether a body was sent at all. */
  hasBody(): boolean
  /** Set when this request's answer may be kept for the same request later (see answer-cache.ts). */
  keepAnswer?: (answer: string, stillCurrent: () => boolean) => void
}

export interface RequestOptions {
  maxXmlBytes: number
}

/**
 * Builds the request view, mapping the legacy /remote.php/webdav mount onto files/{user}.
 * @throws Unauthorized without a principal, BadRequest for undecodable paths or If headers.
 */
export function davRequest(req: Request, res: Response, tree: DavTree, makeLocks: (hrefOfKey: (k: string) => string) => LockManager, clock: () => Date, opts: RequestOptions): DavRequest {
  return new DavRequestView(req, res, tree, makeLocks, clock, opts)
}

const LEGACY_MOUNT = /\/remote\.php\/webdav$/

// Methods on a class rather than closures per request: the server runs under tsx, whose esbuild
// `keepNames` wraps every named closure in an Object.defineProperty call (~5 % of a poll's CPU in perf).
class DavRequestView implements DavRequest {
  readonly ctx: DavContext
  readonly locks: LockManager
  readonly path: string[]
  readonly lockPath: string[]
  readonly ifLists: IfList[] | null
  readonly submitted: Set<string>
  private readonly base: string
  private readonly prefix: string[]
  private readonly legacy: boolean
  keepAnswer?: (answer: string, stillCurrent: () => boolean) => void

  constructor(
    readonly req: Request,
    readonly res: Response,
    readonly tree: DavTree,
    makeLocks: (hrefOfKey: (k: string) => string) => LockManager,
    clock: () => Date,
    private readonly opts: RequestOptions,
  ) {
    const space = req.space
    const principal = req.principal
    if (!space || !principal) throw new Unauthorized('Authentication required.', { headers: { 'WWW-Authenticate': 'Basic realm="Maison", charset="UTF-8"' } })
    this.base = req.baseUrl
    this.legacy = LEGACY_MOUNT.test(this.base)
    this.prefix = this.legacy ? ['files', principal.username] : []
    const rawPath = req.originalUrl.split('?')[0]!
    const rest = decodePath(rawPath.slice(this.base.length))
    this.path = this.legacy ? [...this.prefix, ...rest] : rest
    const ifHeader = req.get('If')
    this.ifLists = ifHeader ? parseIfHeader(ifHeader) : null
    this.ctx = { space, principal, now: clock() }
    this.locks = makeLocks((root) => this.hrefOfLockRoot(root))
    this.lockPath = tree.lockKey(this.ctx, this.path)
    this.submitted = this.ifLists ? submittedTokens(this.ifLists) : new Set()
  }

  href(p: readonly string[], collection: boolean): string {
    return encodeHref(this.base, this.legacy ? p.slice(2) : p, collection)
  }

  pathOfUrl(url: string): string[] | null {
    let p: string
    try {
      p = new URL(url, 'http://placeholder').pathname
    } catch {
      return null
    }
    if (p !== this.base && !p.startsWith(this.base + '/')) return null
    return [...this.prefix, ...decodePath(p.slice(this.base.length))]
  }

  lockKeyOf(p: readonly string[]): string[] {
    return this.tree.lockKey(this.ctx, p)
  }

  hrefOfLockRoot(root: string): string {
    return this.href(this.tree.pathOfLockKey(this.ctx, root === '/' ? [] : root.slice(1).split('/')), false)
  }

  hasBody(): boolean {
    return Number(this.req.get('content-length') ?? 0) > 0 || this.req.get('transfer-encoding') !== undefined
  }

  async readXml(): Promise<XmlElement | null> {
    const buf = await readBody(this.req, this.opts.maxXmlBytes)
    if (buf.length === 0 || (!buf.includes(LT) && buf.toString('utf8').trim() === '')) return null
    return parseXmlCached(buf)
  }
}

const LT = 0x3c

const bodies = perRequest<Request, Promise<Buffer>>('dav.body')

/**
 * The request's whole body (at most `limit` bytes), read once however many times it is asked for.
 * @throws PayloadTooLarge past `limit` bytes.
 */
export function readBody(req: Request, limit: number): Promise<Buffer> {
  return bodies.of(req, () => readLimited(req, limit))
}

/**
 * The whole body, by events: an async iterator over the request costs a stream wrapper, an
 * end-of-stream watcher and a promise per chunk, for bodies that are mostly one small chunk.
 * Plain closures: with the listeners kept as fields of a per-request object, each poll left about 700 KB
 * per scavenge to be promoted to the old generation (--trace-gc-nvp), and each scavenge paused 3-17 ms.
 * @throws PayloadTooLarge past `limit` bytes.
 */
function readLimited(req: Request, limit: number): Promise<Buffer> {
  if (req.readableEnded) return Promise.resolve(Buffer.alloc(0))
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const cleanup = (): void => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onError)
      req.off('close', onClose)
    }
    const onData = (c: Buffer): void => {
      size += c.length
      if (size > limit) {
        cleanup()
        reject(new PayloadTooLarge(`XML bodies are limited to ${limit} bytes.`))
        return
      }
      chunks.push(c)
    }
    const onEnd = (): void => {
      cleanup()
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks))
    }
    const onError = (err: Error): void => {
      cleanup()
      reject(err)
    }
    const onClose = (): void => onError(new Error('The client closed the connection before sending the whole body.'))
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onError)
    req.on('close', onClose)
  })
}

/** Reads the Depth header. @throws BadRequest for values outside `allowed`. */
export function depthOf(dr: DavRequest, fallback: '0' | '1' | 'infinity', allowed: readonly string[]): '0' | '1' | 'infinity' {
  const raw = (dr.req.get('Depth') ?? fallback).trim().toLowerCase()
  if (!allowed.includes(raw)) throw new BadRequest(`Depth must be one of ${allowed.join(', ')} for ${dr.req.method}.`)
  return raw as '0' | '1' | 'infinity'
}

/** Sends an XML body without express's automatic weak ETag (which would look like the resource's). */
export function sendXml(res: Response, status: number, body: string, headers: Record<string, string> = {}): void {
  res.statusCode = status
  for (const k in headers) res.setHeader(k, headers[k]!)
  // Plain setHeader: express's `set` would look the full Content-Type up in its MIME table again.
  res.setHeader('Content-Type', 'application/xml; charset=utf-8')
  res.setHeader('Content-Length', String(Buffer.byteLength(body)))
  // A string body goes out in the same write as the head.
  res.end(body)
}
