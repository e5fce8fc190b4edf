import { randomBytes } from 'node:crypto'
import type { ContentStore } from './content-store.ts'
import type { FileRepository } from './repository.ts'

/** What every file operation needs; built once per request (or job) by the caller. */
export interface FilesDeps {
  repo: FileRepository
  store: ContentStore
  clock: () => Date
  /** The space's storage limit in bytes. */
  spaceQuotaBytes: number
}

/** The account acting, as far as files care. */
export interface Actor {
  username: string
  role: 'admin' | 'member'
  /** Per-account limit in bytes, or null for none. */
  quotaBytes: number | null
}

export const ASSOCIATION_OWNER = '_association'
/** Name under which the association folder appears in every account's root. */
export const ASSOCIATION_NAME = 'Association'

const ETAG_BYTES = 9
// Random bytes drawn 512 tags at a time (as crypto.randomUUID does): a write makes two tags, and a
// randomBytes call of its own cost more than the rest of making them.
const ETAG_POOL_BYTES = ETAG_BYTES * 512
let etagPool = Buffer.alloc(0)
let etagAt = 0

/** A fresh unquoted entity tag. */
export function newEtag(): string {
  if (etagAt + ETAG_BYTES > etagPool.length) {
    etagPool = randomBytes(ETAG_POOL_BYTES)
    etagAt = 0
  }
  const tag = etagPool.toString('base64url', etagAt, etagAt + ETAG_BYTES)
  etagAt += ETAG_BYTES
  return tag
}

/** Paths of every ancestor of an owner-relative path, root ('') first. */
export function ancestorPaths(rel: string): string[] {
  if (rel === '') return []
  const parts = rel.split('/')
  const out = ['']
  for (let i = 1; i < parts.length; i++) out.push(parts.slice(0, i).join('/'))
  return out
}

/** Parent path of an owner-relative path. */
export function parentPath(rel: string): string {
  const i = rel.lastIndexOf('/')
  return i < 0 ? '' : rel.slice(0, i)
}

/** Joins an owner-relative parent path and a name. */
export function joinPath(parent: string, name: string): string {
  return parent === '' ? name : `${parent}/${name}`
}
