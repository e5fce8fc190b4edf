import type { DavResource, PropLookup, PropWant } from '../dav/tree.ts'
import { clark, DAV_NS } from '../dav/xml/tree.ts'
import type { FileRepository } from './repository.ts'
import type { FileEntry, FileService } from './service.ts'
import { ASSOCIATION_NAME, ASSOCIATION_OWNER } from './context.ts'

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
/** Nextcloud live properties of a file. */
export const FILE_PROPS = [P.fileid, P.id, P.size, P.permissions, P.hasPreview]
/** The quota properties (a folder's). */
export const QUOTA_PROPS: ReadonlySet<string> = new Set([P.quotaUsed, P.quotaAvailable])
/** Nextcloud live properties of a folder (quota too). */
export const FOLDER_PROPS = [...FILE_PROPS, P.quotaUsed, P.quotaAvailable]

/** A DAV resource backed by a file entry (absent for the `files` collection itself). */
export interface FileResource extends DavResource {
  entry?: FileEntry
}

/** Nextcloud's permission letters: G read, D delete, N rename, V move, W write, C create file, K create folder, M mounted. */
function permissions(e: FileEntry): string {
  if (e.mount) return e.writable ? 'MGCK' : 'MG'
  if (e.segments.length === 0) return 'GCK'
  if (!e.writable) return 'G'
  return e.node.isDir ? 'GDNVCK' : 'GDNVW'
}

interface Quota {
  used: number
  available: number
}

type Live = (e: FileEntry, quota: { quotaOf(e: FileEntry): Quota }) => string | undefined

const LIVE = new Map<string, Live>([
  [P.fileid, (e) => String(e.node.fileid)],
  [P.id, (e) => `${String(e.node.fileid).padStart(8, '0')}maison`],
  [P.size, (e) => String(e.node.size)],
  [P.permissions, permissions],
  [P.hasPreview, () => 'false'],
  [P.quotaUsed, (e, q) => (!e.node.isDir ? undefined : String(e.segments.length === 0 ? q.quotaOf(e).used : e.node.size))],
  [P.quotaAvailable, (e, q) => (e.node.isDir ? String(q.quotaOf(e).available) : undefined)],
])

const NONE: readonly string[] = []

/**
 * Reads the dead properties of the resources, or for a listing those of the folder and its
 * members by parent (plus the association mount in an account's root), in one query.
 */
function deadPropsOf(repo: FileRepository, resources: readonly DavResource[], listing: boolean): Map<number, Map<string, string>> {
  const byId = new Map<number, Map<string, string>>()
  const entries = resources.flatMap((r) => (r as FileResource).entry ?? [])
  if (entries.length === 0) return byId
  const folder = entries[0]!
  const mount = folder.segments.length === 0 && folder.node.owner !== ASSOCIATION_OWNER ? repo.byPath(ASSOCIATION_OWNER, '') : undefined
  const rows = listing ? repo.deadPropsOfListing(folder.node.fileid, mount ? [mount.fileid] : []) : repo.deadProps(entries.map((e) => e.node.fileid))
  for (const row of rows) {
    let m = byId.get(row.fileid)
    if (!m) byId.set(row.fileid, (m = new Map()))
    m.set(row.name, row.value)
  }
  return byId
}

/**
 * Property values of file resources: live ones computed from the entry when asked, dead ones read
 * in one query; quota is read at most once, and only when asked.
 */
export function filePropLookup(repo: FileRepository, svc: FileService, resources: readonly DavResource[], want: PropWant): PropLookup {
  return new FilePropLookup(svc, want.dead ? deadPropsOf(repo, resources, want.listing) : new Map<number, Map<string, string>>())
}

// A class rather than closures per request: under tsx each named closure costs an Object.defineProperty.
class FilePropLookup implements PropLookup {
  private quota: { own: Quota; association: Quota } | undefined

  constructor(private readonly svc: FileService, private readonly dead: Map<number, Map<string, string>>) {}

  value(r: DavResource, name: string): string | undefined {
    const e = (r as FileResource).entry
    if (!e) return undefined
    const live = LIVE.get(name)
    return live ? live(e, this) : this.dead.get(e.node.fileid)?.get(name)
  }

  deadNames(r: DavResource): readonly string[] {
    const e = (r as FileResource).entry
    const m = e && this.dead.get(e.node.fileid)
    return m ? [...m.keys()] : NONE
  }

  quotaOf(e: FileEntry): Quota {
    if (!this.quota) {
      const assoc = this.svc.locate([ASSOCIATION_NAME])
      this.quota = { own: this.svc.quota(), association: { used: 0, available: Math.max(0, this.svc.bytesAllowed(assoc.owner)) } }
    }
    return e.segments[0] === ASSOCIATION_NAME ? this.quota.association : this.quota.own
  }
}
