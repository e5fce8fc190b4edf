import { pipeline } from 'node:stream/promises'
import { contentType as mimeContentType } from 'mime-types'
import { BadRequest, MethodNotAllowed, NotFound, UnsupportedMediaType, Forbidden } from '@maison/errors'
import type { DavRequest } from '../request.ts'
import { checkPreconditions } from '../preconditions.ts'
import type { ByteRange, DavResource } from '../tree.ts'
import { ReadBuffers } from '../read-buffers.ts'
import { isFileSpan, sendFileSpan } from '../file-span.ts'

function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | undefined {
  const m = header && /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!m || (m[1] === '' && m[2] === '')) return undefined
  let start: number
  let end: number
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]))
    end = size - 1
  } else {
    start = Number(m[1])
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1)
  }
  if (start >= size || start > end) return 'unsatisfiable'
  return { start, end }
}

// Headers go through setHeader: express's `set` adds a charset lookup in its MIME table for Content-Type
// and a String() per value, on every GET and PUT.
function setEntityHeaders(dr: DavRequest, r: DavResource): void {
  if (r.etag) dr.res.setHeader('ETag', r.etag)
  if (r.lastModified) dr.res.setHeader('Last-Modified', r.lastModified.toUTCString())
}

const contentTypes = new Map<string, string>()

/** The Content-Type header of a stored type, with a charset for text as express's `set` added (cached: few distinct types). */
function contentTypeHeader(type: string | undefined): string {
  const stored = type ?? 'application/octet-stream'
  let header = contentTypes.get(stored)
  if (header === undefined) {
    header = mimeContentType(stored) || stored
    if (contentTypes.size < 1000) contentTypes.set(stored, header)
  }
  return header
}

// Whole reads up to 256 KB; 16 kept per process (4 MB), as many as GETs usually in flight at once.
const readBuffers = new ReadBuffers(256 * 1024, 16)

/** GET and HEAD, with single byte ranges (206/416). */
export async function get(dr: DavRequest): Promise<void> {
  const target = await dr.tree.resolve(dr.ctx, dr.path)
  if (!target) throw new NotFound('No resource at this path.')
  if ((await checkPreconditions(dr, target)) === 'not-modified') {
    setEntityHeaders(dr, target)
    dr.res.status(304).end()
    return
  }
  setEntityHeaders(dr, target)
  if (target.collection) {
    dr.res.status(200).type('text/plain; charset=utf-8').send(dr.req.method === 'HEAD' ? undefined : 'This is a WebDAV collection; use PROPFIND to list it.\n')
    return
  }
  const provider = dr.tree.providerFor(dr.path)
  if (!provider?.openRead) throw new MethodNotAllowed('This resource cannot be read.')
  const size = target.contentLength ?? 0
  const ifRange = dr.req.get('If-Range')
  const range = ifRange && ifRange !== target.etag ? undefined : parseRange(dr.req.get('Range'), size)
  const res = dr.res
  res.setHeader('Accept-Ranges', 'bytes')
  res.setHeader('Content-Type', contentTypeHeader(target.contentType))
  // Uploaded HTML must never run as our origin.
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox")
  res.setHeader('X-Content-Type-Options', 'nosniff')
  if (range === 'unsatisfiable') {
    res.statusCode = 416
    res.setHeader('Content-Range', `bytes */${size}`)
    res.end()
    return
  }
  if (range) {
    res.statusCode = 206
    res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${size}`)
    res.setHeader('Content-Length', String(range.end - range.start + 1))
  } else {
    res.statusCode = 200
    res.setHeader('Content-Length', String(size))
  }
  if (dr.req.method === 'HEAD' || size === 0) {
    dr.res.end()
    return
  }
  // A full read is bounded too, so the stream stops at the known size without an extra read for EOF.
  const wanted = range ?? { start: 0, end: size - 1 }
  const content = await provider.openRead(dr.ctx, target, wanted, readBuffers)
  if (isFileSpan(content)) return sendFileSpan(content, dr.res, readBuffers)
  if (!Buffer.isBuffer(content)) return pipeline(content, dr.res)
  if (content.length !== wanted.end - wanted.start + 1) {
    // Shorter than announced: the file changed under us; a cut connection tells the client so.
    dr.res.destroy()
    readBuffers.give(content)
    return
  }
  // 'finish' comes once the socket has written the last byte: the kernel holds its own copy by then.
  // A connection cut before that never finishes, and its buffer is left to the GC.
  dr.res.end(content, () => readBuffers.give(content))
}

/** PUT: streamed, atomic replacement (201 created, 204 replaced). */
export async function put(dr: DavRequest): Promise<void> {
  if (dr.req.get('Content-Range')) throw new BadRequest('Partial PUT (Content-Range) is not supported.')
  const provider = dr.tree.providerFor(dr.path)
  if (!provider?.write || dr.path.length < 2) throw new MethodNotAllowed('Nothing can be written here.')
  const target = await dr.tree.resolve(dr.ctx, dr.path)
  if (target?.collection) throw new MethodNotAllowed('A collection is here; PUT cannot replace it.')
  await checkPreconditions(dr, target)
  dr.locks.assertWritable(dr.lockPath, dr.submitted, dr.ctx.principal.username, { member: !target })
  const len = dr.req.get('content-length')
  const mtime = Number(dr.req.get('X-OC-MTime'))
  const { created, resource } = await provider.write(dr.ctx, dr.path, dr.req, {
    length: len === undefined ? undefined : Number(len),
    mtimeMs: Number.isFinite(mtime) && mtime > 0 ? mtime * 1000 : undefined,
    current: target,
  })
  if (resource.etag) {
    dr.res.setHeader('ETag', resource.etag)
    dr.res.setHeader('OC-ETag', resource.etag)
  }
  if (Number.isFinite(mtime) && mtime > 0) dr.res.setHeader('X-OC-MTime', 'accepted')
  dr.res.statusCode = created ? 201 : 204
  dr.res.end()
}

/** MKCOL: 201, 405 when something exists, 409 without parent, 415 with a body. */
export async function mkcol(dr: DavRequest): Promise<void> {
  if (dr.hasBody()) {
    const body = await dr.readXml().catch(() => null)
    if (body !== null || dr.hasBody()) throw new UnsupportedMediaType('MKCOL with a request body is not supported.')
  }
  const provider = dr.tree.providerFor(dr.path)
  if (!provider?.makeCollection || dr.path.length < 2) throw new MethodNotAllowed('A collection cannot be created here.')
  const target = await dr.tree.resolve(dr.ctx, dr.path)
  if (target) throw new MethodNotAllowed('Something already exists at this path.')
  await checkPreconditions(dr, null)
  dr.locks.assertWritable(dr.lockPath, dr.submitted, dr.ctx.principal.username, { member: true })
  await provider.makeCollection(dr.ctx, dr.path)
  dr.res.status(201).end()
}

/** DELETE: moves to the trash; locks on the resource go with it. */
export async function del(dr: DavRequest): Promise<void> {
  const depth = dr.req.get('Depth')
  if (depth !== undefined && depth.toLowerCase() !== 'infinity') throw new BadRequest('DELETE requires Depth: infinity.')
  const provider = dr.tree.providerFor(dr.path)
  if (!provider?.remove || dr.path.length < 3) throw new Forbidden('This collection cannot be deleted.')
  const target = await dr.tree.resolve(dr.ctx, dr.path)
  if (!target) throw new NotFound('No resource at this path.')
  await checkPreconditions(dr, target)
  dr.locks.assertWritable(dr.lockPath, dr.submitted, dr.ctx.principal.username, { deep: true, member: true })
  await provider.remove(dr.ctx, target)
  dr.locks.forget(dr.lockPath)
  dr.res.status(204).end()
}
