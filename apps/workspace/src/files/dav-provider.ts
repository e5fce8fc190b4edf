import type { Readable } from 'node:stream'
import { Forbidden } from '@maison/errors'
import type { ReadBuffers } from '../dav/read-buffers.ts'
import type { FileSpan } from '../dav/file-span.ts'
import type { ByteRange, DavContext, DavProvider, DavResource, PropLookup, PropPatchOp, PropWant, WriteInfo } from '../dav/tree.ts'
import { perRequest } from '../per-request.ts'
import { filesDepsFor } from './deps.ts'
import { FileService, type FileEntry } from './service.ts'
import { copyEntry, moveEntry, removeEntry } from './transfer.ts'
import { ASSOCIATION_NAME, ASSOCIATION_OWNER, type FilesDeps } from './context.ts'
import { FILE_PROPS, FOLDER_PROPS, QUOTA_PROPS, filePropLookup, type FileResource } from './dav-props.ts'

// One service per request (a DavContext is made per request): resolve, props and lock keys share it.
const services = perRequest<DavContext, { deps: FilesDeps; svc: FileService }>('files.service')

/** Serves `/remote.php/dav/files/{user}/…` from the file storage, for the principal's own tree only. */
export class FilesDavProvider implements DavProvider {
  readonly name = 'files'
  readonly protectedProps: ReadonlySet<string> = new Set(FOLDER_PROPS)

  constructor(private readonly makeDeps: (ctx: DavContext) => FilesDeps = (ctx) => filesDepsFor(ctx.space, () => ctx.now)) {}

  private service(ctx: DavContext): { deps: FilesDeps; svc: FileService } {
    return services.of(ctx, () => {
      const deps = this.makeDeps(ctx)
      const p = ctx.principal
      return { deps, svc: new FileService(deps, { username: p.username, role: p.role, quotaBytes: p.quotaBytes }) }
    })
  }

  /** The view path inside the principal's tree; null for the `files` collection itself. */
  private view(ctx: DavContext, path: readonly string[]): string[] | null {
    if (path.length === 1) return null
    if (path[1] !== ctx.principal.username) throw new Forbidden('You can only reach your own files.')
    return path.slice(2)
  }

  private resource(ctx: DavContext, e: FileEntry): FileResource {
    const n = e.node
    return {
      path: ['files', ctx.principal.username, ...e.segments],
      collection: n.isDir,
      etag: `"${n.etag}"`,
      lastModified: new Date(n.mtime),
      created: new Date(n.ctime),
      contentLength: n.isDir ? undefined : n.size,
      contentType: n.isDir ? undefined : (n.contentType ?? 'application/octet-stream'),
      displayName: e.segments.length === 0 ? ctx.principal.username : e.name,
      entry: e,
    }
  }

  private entryOf(res: DavResource): FileEntry {
    const e = (res as FileResource).entry
    if (!e) throw new Forbidden('This collection cannot be changed.')
    return e
  }

  async resolve(ctx: DavContext, path: string[]): Promise<DavResource | null> {
    const view = this.view(ctx, path)
    if (view === null) return { path: ['files'], collection: true, displayName: 'files' }
    const e = await this.service(ctx).svc.stat(view)
    return e ? this.resource(ctx, e) : null
  }

  async children(ctx: DavContext, parent: DavResource): Promise<Iterable<DavResource>> {
    const e = (parent as FileResource).entry
    if (!e) return [(await this.resolve(ctx, ['files', ctx.principal.username]))!]
    const members = await this.service(ctx).svc.members(e)
    const resource = (m: FileEntry) => this.resource(ctx, m)
    return {
      *[Symbol.iterator]() {
        for (const m of members) yield resource(m)
      },
    }
  }

  livePropNames(res: DavResource): string[] {
    if (!(res as FileResource).entry) return []
    return res.collection ? FOLDER_PROPS : FILE_PROPS
  }

  async props(ctx: DavContext, resources: readonly DavResource[], want: PropWant): Promise<PropLookup> {
    const { deps, svc } = this.service(ctx)
    return filePropLookup(deps.repo, svc, resources, want)
  }

  reuseCheck(ctx: DavContext, res: DavResource, names: readonly string[]): (() => boolean) | null {
    // Quotas also depend on the space's limit, kept by the platform, not in the space's database.
    const entry = (res as FileResource).entry
    if (!entry || names.some((n) => QUOTA_PROPS.has(n))) return null
    return this.service(ctx).svc.diskCheck(entry)
  }

  lockKey(ctx: DavContext, path: readonly string[]): string[] {
    // Another account's tree is refused later by resolve; its key is simply its path.
    if (path.length < 2 || path[1] !== ctx.principal.username) return [...path]
    const loc = this.service(ctx).svc.locate(path.slice(2))
    return ['files', loc.owner, ...(loc.rel === '' ? [] : loc.rel.split('/'))]
  }

  pathOfLockKey(ctx: DavContext, key: readonly string[]): string[] | null {
    if (key.length < 2) return [...key]
    const user = ctx.principal.username
    if (key[1] === ASSOCIATION_OWNER) return ['files', user, ASSOCIATION_NAME, ...key.slice(2)]
    return key[1] === user ? [...key] : null
  }

  async patchDeadProps(ctx: DavContext, res: DavResource, ops: PropPatchOp[]): Promise<void> {
    const e = this.entryOf(res)
    const { deps, svc } = this.service(ctx)
    svc.assertWritable(e.segments)
    deps.repo.transaction(() => {
      for (const op of ops) deps.repo.setDeadProp(e.node.fileid, op.name, op.value)
    })
  }

  async openRead(ctx: DavContext, res: DavResource, range?: ByteRange, buffers?: ReadBuffers): Promise<Readable | Buffer | FileSpan> {
    const e = this.entryOf(res)
    const { deps, svc } = this.service(ctx)
    const loc = svc.locate(e.segments)
    const length = range && range.end - range.start + 1
    if (range && length && buffers && length <= buffers.size) return deps.store.readSmallSync(loc.owner, loc.rel, range, buffers.take(length))
    if (range && buffers) return { kind: 'file-span', path: deps.store.localPath(loc.owner, loc.rel), ...range }
    return deps.store.openRead(loc.owner, loc.rel, range)
  }

  async write(ctx: DavContext, path: string[], body: Readable, info: WriteInfo): Promise<{ created: boolean; resource: DavResource }> {
    const view = this.requireView(ctx, path)
    const known = info.current === undefined ? undefined : ((info.current as FileResource | null)?.entry?.node ?? null)
    const { created, entry } = await this.service(ctx).svc.put(view, body, { length: info.length, mtimeMs: info.mtimeMs, known })
    return { created, resource: this.resource(ctx, entry) }
  }

  async makeCollection(ctx: DavContext, path: string[]): Promise<void> {
    await this.service(ctx).svc.mkdir(this.requireView(ctx, path))
  }

  async remove(ctx: DavContext, res: DavResource): Promise<void> {
    const { deps, svc } = this.service(ctx)
    await removeEntry(deps, svc, this.entryOf(res).segments)
  }

  async copy(ctx: DavContext, res: DavResource, dest: string[], opts: { depth: 0 | 'infinity'; overwrite: boolean }): Promise<{ created: boolean }> {
    const { deps, svc } = this.service(ctx)
    return copyEntry(deps, svc, this.entryOf(res).segments, this.requireView(ctx, dest), opts)
  }

  async move(ctx: DavContext, res: DavResource, dest: string[], opts: { overwrite: boolean }): Promise<{ created: boolean }> {
    const { deps, svc } = this.service(ctx)
    return moveEntry(deps, svc, this.entryOf(res).segments, this.requireView(ctx, dest), opts)
  }

  async canWrite(ctx: DavContext, path: string[]): Promise<boolean> {
    const view = this.view(ctx, path)
    return view !== null && view.length > 0 && this.service(ctx).svc.canWrite(view)
  }

  private requireView(ctx: DavContext, path: readonly string[]): string[] {
    const view = this.view(ctx, path)
    if (view === null) throw new Forbidden('The files collection cannot be changed.')
    if (view.length === 0) throw new Forbidden('Your root folder cannot be replaced.')
    return view
  }
}

