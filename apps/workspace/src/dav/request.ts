import type { Request, Response } from 'express'
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
}

export interface RequestOptions {
  maxXmlBytes: number
}

/**
 * Builds the request view, mapping the legacy /remote.php/webdav mount onto files/{user}.
 * @throws Unauthorized without a principal, BadRequest for undecodable paths or If headers.
 */
export function davRequest(req: Request, res: Response, tree: DavTree, makeLocks: (hrefOfKey: (k: string) => string) => LockManager, clock: () => Date, opts: RequestOptions): DavRequest {
  const space = req.space
  const principal = req.principal
  if (!space || !principal) throw new Unauthorized('Authentication required.', { headers: { 'WWW-Authenticate': 'Basic realm="Maison", charset="UTF-8"' } })
  const base = req.baseUrl
  const legacy = /\/remote\.php\/webdav$/.test(base)
  const prefix = legacy ? ['files', principal.username] : []
  const toUrlPath = (p: readonly string[]) => (legacy ? p.slice(2) : p)
  const href = (p: readonly string[], collection: boolean) => encodeHref(base, toUrlPath(p), collection)
  const rawPath = req.originalUrl.split('?')[0]!
  const path = [...prefix, ...decodePath(rawPath.slice(base.length))]
  const pathOfUrl = (url: string): string[] | null => {
    let p: string
    try {
      p = new URL(url, 'http://placeholder').pathname
    } catch {
      return null
    }
    if (p !== base && !p.startsWith(base + '/')) return null
    return [...prefix, ...decodePath(p.slice(base.length))]
  }
  const ifHeader = req.get('If')
  const ifLists = ifHeader ? parseIfHeader(ifHeader) : null
  let body: Promise<Buffer> | undefined
  const readBody = () => (body ??= readLimited(req, opts.maxXmlBytes))
  const ctx: DavContext = { space, principal, now: clock() }
  const hrefOfLockRoot = (root: string) => href(tree.pathOfLockKey(ctx, root === '/' ? [] : root.slice(1).split('/')), false)
  const locks = makeLocks(hrefOfLockRoot)
  return {
    req, res, tree, locks, path, href, pathOfUrl, ifLists, ctx, hrefOfLockRoot,
    lockPath: tree.lockKey(ctx, path),
    lockKeyOf: (p) => tree.lockKey(ctx, p),
    submitted: ifLists ? submittedTokens(ifLists) : new Set(),
    hasBody: () => Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined,
    readXml: async () => {
      const buf = await readBody()
      if (buf.length === 0 || (!buf.includes(LT) && buf.toString('utf8').trim() === '')) return null
      return parseXmlCached(buf)
    },
  }
}

const LT = 0x3c

/**
 * The whole body, by events: an async iterator over the request costs a stream wrapper, an
 * end-of-stream watcher and a promise per chunk, for bodies that are mostly one small chunk.
 * @throws PayloadTooLarge past `limit` bytes.
 */
function readLimited(req: Request, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
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
    const cleanup = (): void => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onError)
      req.off('close', onClose)
    }
    if (req.readableEnded) return resolve(Buffer.alloc(0))
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
