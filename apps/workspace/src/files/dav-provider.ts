import type { Readable } from 'node:stream'
import { Forbidden } from '@maison/errors'
import type { ByteRange, DavContext, DavProvider, DavResource, PropPatchOp, WriteInfo } from '../dav/tree.ts'
import { clark, DAV_NS } from '../dav/xml/tree.ts'
import { filesDepsFor } from './deps.ts'
import { FileService, type FileEntry } from './service.ts'
import { copyEntry, moveEntry, removeEntry } from './transfer.ts'
import type { FilesDeps } from './context.ts'

const OC = 'http://owncloud.org/ns'
const NC = 'http://nextcloud.org/ns'
const P = {
  fileid: clark(OC, 'fileid'),
  id: clark(OC, 'id'),
  size: clark(OC, 'size'),
  permissions: clark(OC, 'permissions'),
  hasPreview: clark(NC, 'has-preview'),
  quotaUsed: clark(DAV_NS, 'quota-used-bytes'),
  quotaAvailable: clark(DAV_NS, 'quota-available-bytes'),
}
const FILE_PROPS = [P.fileid, P.id, P.size, P.permissions, P.hasPreview]
const FOLDER_PROPS = [...FILE_PROPS, P.quotaUsed, P.quotaAvailable]

interface FileResource extends DavResource {
  entry?: FileEntry
}

/** Nextcloud's permission letters: G read, D delete, N rename, V move, W write, C create file, K create folder, M mounted. */
function permissions(e: FileEntry): string {
  if (e.mount) return e.writable ? 'MGCK' : 'MG'
  if (e.segments.length === 0) return 'GCK'
  if (!e.writable) return 'G'
  return e.node.isDir ? 'GDNVCK' : 'GDNVW'
}

/** Serves `/remote.php/dav/files/{user}/…` from the file storage, for the principal's own tree only. */
export class FilesDavProvider implements DavProvider {
  readonly name = 'files'
  readonly protectedProps: ReadonlySet<string> = new Set(FOLDER_PROPS)

  constructor(private readonly makeDeps: (ctx: DavContext) => FilesDeps = (ctx) => filesDepsFor(ctx.space, () => ctx.now)) {}

  private service(ctx: DavContext): { deps: FilesDeps; svc: FileService } {
    const deps = this.makeDeps(ctx)
    const p = ctx.principal
    return { deps, svc: new FileService(deps, { username: p.username, role: p.role, quotaBytes: p.quotaBytes }) }
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

  async children(ctx: DavContext, parent: DavResource): Promise<DavResource[]> {
    const e = (parent as FileResource).entry
    if (!e) return [(await this.resolve(ctx, ['files', ctx.principal.username]))!]
    return (await this.service(ctx).svc.list(e)).map((c) => this.resource(ctx, c))
  }

  livePropNames(res: DavResource): string[] {
    if (!(res as FileResource).entry) return []
    return res.collection ? FOLDER_PROPS : FILE_PROPS
  }

  async liveProps(ctx: DavContext, resources: DavResource[], names: ReadonlySet<string>): Promise<Map<string, string>[]> {
    const { svc } = this.service(ctx)
    let quota: { own: { used: number; available: number }; association: { used: number; available: number } } | undefined
    const quotaOf = (e: FileEntry) => {
      if (!quota) {
        const assoc = svc.locate(['Association'])
        quota = { own: svc.quota(), association: { used: 0, available: Math.max(0, svc.bytesAllowed(assoc.owner)) } }
      }
      return e.segments[0] === 'Association' ? quota.association : quota.own
    }
    return resources.map((r) => {
      const out = new Map<string, string>()
      const e = (r as FileResource).entry
      if (!e) return out
      const want = (n: string) => names.has(n)
      if (want(P.fileid)) out.set(P.fileid, String(e.node.fileid))
      if (want(P.id)) out.set(P.id, `${String(e.node.fileid).padStart(8, '0')}maison`)
      if (want(P.size)) out.set(P.size, String(e.node.size))
      if (want(P.permissions)) out.set(P.permissions, permissions(e))
      if (want(P.hasPreview)) out.set(P.hasPreview, 'false')
      if (r.collection && want(P.quotaUsed)) out.set(P.quotaUsed, String(e.mount ? e.node.size : e.segments.length === 0 ? quotaOf(e).used : e.node.size))
      if (r.collection && want(P.quotaAvailable)) out.set(P.quotaAvailable, String(quotaOf(e).available))
      return out
    })
  }

  async deadProps(ctx: DavContext, resources: DavResource[]): Promise<Map<string, string>[]> {
    const ids = resources.map((r) => (r as FileResource).entry?.node.fileid ?? -1)
    const byId = new Map<number, Map<string, string>>(ids.map((id) => [id, new Map()]))
    if (ids.some((id) => id >= 0)) {
      for (const row of this.service(ctx).deps.repo.deadProps(ids.filter((id) => id >= 0))) byId.get(row.fileid)?.set(row.name, row.value)
    }
    return ids.map((id) => byId.get(id)!)
  }

  async patchDeadProps(ctx: DavContext, res: DavResource, ops: PropPatchOp[]): Promise<void> {
    const e = this.entryOf(res)
    const { deps, svc } = this.service(ctx)
    svc.assertWritable(e.segments)
    deps.repo.transaction(() => {
      for (const op of ops) deps.repo.setDeadProp(e.node.fileid, op.name, op.value)
    })
  }

  async openRead(ctx: DavContext, res: DavResource, range?: ByteRange): Promise<Readable> {
    const e = this.entryOf(res)
    const { deps, svc } = this.service(ctx)
    const loc = svc.locate(e.segments)
    return deps.store.openRead(loc.owner, loc.rel, range)
  }

  async write(ctx: DavContext, path: string[], body: Readable, info: WriteInfo): Promise<{ created: boolean; resource: DavResource }> {
    const view = this.requireView(ctx, path)
    const { created, entry } = await this.service(ctx).svc.put(view, body, { length: info.length, mtimeMs: info.mtimeMs })
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

