import { createHash, randomBytes } from 'node:crypto'
import { Forbidden, Gone, NotFound, ValidationError } from '@maison/errors'
import type { FileNode, FileRepository } from '../files/repository.ts'
import { ASSOCIATION_NAME, ASSOCIATION_OWNER, type Actor } from '../files/context.ts'
import { canWriteAssociation } from '../files/association.ts'
import type { Share, ShareRepository } from './repository.ts'

export interface PasswordHasher {
  hash(password: string): Promise<string>
  verify(password: string, hash: string): Promise<boolean>
}

export interface SharesDeps {
  shares: ShareRepository
  files: FileRepository
  hasher: PasswordHasher
  clock: () => Date
}

/** A share as its creator sees it. */
export interface ShareView {
  id: number
  path: string
  token: string
  hasPassword: boolean
  expiresAt: string | null
  createdAt: string
  isFolder: boolean
}

const SESSION_MS = 12 * 3600 * 1000
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')

/** Maps a path as the account sees it (`/Association/…` or its own tree) to the stored owner and path. */
export function locate(username: string, userPath: string): { owner: string; rel: string } {
  const parts = userPath.split('/').filter(Boolean)
  if (parts.some((p) => p === '.' || p === '..')) throw new ValidationError('The path cannot contain "." or "..".', { errors: [{ path: 'path', message: 'relative segments are not allowed' }] })
  if (parts[0] === ASSOCIATION_NAME) return { owner: ASSOCIATION_OWNER, rel: parts.slice(1).join('/') }
  return { owner: username, rel: parts.join('/') }
}

/** The path under which an account sees a node. */
export function userPathOf(node: FileNode): string {
  return node.owner === ASSOCIATION_OWNER ? `/${ASSOCIATION_NAME}${node.path ? `/${node.path}` : ''}` : `/${node.path}`
}

function mayShare(deps: SharesDeps, actor: Actor, node: FileNode): boolean {
  if (node.owner === actor.username) return true
  return node.owner === ASSOCIATION_OWNER && canWriteAssociation(deps.files, actor)
}

function view(deps: SharesDeps, share: Share): ShareView | null {
  const node = deps.files.byId(share.fileid)
  if (!node || node.owner.startsWith('~')) return null
  return {
    id: share.id, path: userPathOf(node), token: share.token, hasPassword: !!share.passwordHash,
    expiresAt: share.expiresAt ? new Date(share.expiresAt).toISOString() : null,
    createdAt: new Date(share.createdAt).toISOString(), isFolder: node.isDir,
  }
}

/**
 * Creates a read-only public link to a file or folder.
 * @throws NotFound, Forbidden (not the owner nor allowed in the association folder), ValidationError (bad expiry or password)
 */
export async function createShare(
  deps: SharesDeps, actor: Actor, input: { path: string; password?: string | null; expiresAt?: string | null },
): Promise<ShareView> {
  const { owner, rel } = locate(actor.username, input.path)
  if (rel === '') throw new ValidationError('Share a file or a folder inside your files, not the whole root.', { errors: [{ path: 'path', message: 'the root cannot be shared' }] })
  const node = deps.files.byPath(owner, rel)
  if (!node) throw new NotFound('There is no file or folder at this path.')
  if (!mayShare(deps, actor, node)) throw new Forbidden('You may not share this item.')
  const now = deps.clock().getTime()
  let expiresAt: number | null = null
  if (input.expiresAt) {
    expiresAt = Date.parse(input.expiresAt)
    if (Number.isNaN(expiresAt) || expiresAt <= now) {
      throw new ValidationError('The expiry date must be in the future.', { errors: [{ path: 'expiresAt', message: 'expected a future date' }] })
    }
  }
  if (input.password != null && input.password.length < 6) {
    throw new ValidationError('A share password needs at least 6 characters.', { errors: [{ path: 'password', message: 'at least 6 characters' }] })
  }
  const share = deps.shares.insert({
    token: randomBytes(15).toString('base64url'),
    fileid: node.fileid,
    createdBy: actor.username,
    passwordHash: input.password ? await deps.hasher.hash(input.password) : null,
    expiresAt,
    createdAt: now,
  })
  return view(deps, share)!
}

/** The account's links, optionally only those of one item. */
export function listShares(deps: SharesDeps, actor: Actor, path?: string): ShareView[] {
  let shares = deps.shares.byCreator(actor.username)
  if (path) {
    const { owner, rel } = locate(actor.username, path)
    const node = deps.files.byPath(owner, rel)
    shares = node ? shares.filter((s) => s.fileid === node.fileid) : []
  }
  return shares.map((s) => view(deps, s)).filter((v): v is ShareView => v !== null)
}

/** @throws NotFound when the link is not the account's (admins may revoke any). */
export function revokeShare(deps: SharesDeps, actor: Actor, id: number): void {
  const share = deps.shares.byId(id)
  if (!share || (share.createdBy !== actor.username && actor.role !== 'admin')) throw new NotFound('There is no such share link.')
  deps.shares.delete(id)
}

export type OpenedShare = { share: Share; root: FileNode; needsPassword: boolean }

/**
 * What a visitor reaches with a token. A link whose item went to the trash is gone.
 * @throws NotFound for an unknown token; Gone for an expired link or a deleted item.
 */
export function openShare(deps: SharesDeps, token: string, sessionId: string | undefined): OpenedShare {
  const share = deps.shares.byToken(token)
  if (!share) throw new NotFound('This share link does not exist or was revoked.')
  const now = deps.clock().getTime()
  if (share.expiresAt !== null && share.expiresAt <= now) throw new Gone('This share link has expired.')
  const root = deps.files.byId(share.fileid)
  if (!root || root.owner.startsWith('~')) throw new Gone('The shared item was deleted.')
  const unlocked = !share.passwordHash || (!!sessionId && deps.shares.hasSession(share.id, sha256(sessionId), now))
  return { share, root, needsPassword: !unlocked }
}

/** Checks a visitor's password; on success returns a session id to keep in a cookie. */
export async function unlockShare(deps: SharesDeps, share: Share, password: string): Promise<string | null> {
  if (!share.passwordHash || !(await deps.hasher.verify(password, share.passwordHash))) return null
  const sid = randomBytes(24).toString('base64url')
  deps.shares.addSession(share.id, sha256(sid), deps.clock().getTime() + SESSION_MS)
  return sid
}

/**
 * A node inside a shared folder, by a path relative to the shared root; never outside it.
 * @throws NotFound when the path leaves the root or does not exist.
 */
export function nodeInShare(deps: SharesDeps, root: FileNode, sub: string): FileNode {
  const parts = sub.split('/').filter(Boolean)
  if (!parts.length) return root
  if (!root.isDir || parts.some((p) => p === '.' || p === '..')) throw new NotFound('There is no such file in this share.')
  const node = deps.files.byPath(root.owner, [root.path, ...parts].filter(Boolean).join('/'))
  if (!node) throw new NotFound('There is no such file in this share.')
  return node
}
