import { describe, expect, it } from 'vitest'
import { migrate, openDatabase } from '@maison/db'
import { filesMigrations } from '../../migrations/files/index.ts'
import { sharesMigrations } from '../../migrations/shares/index.ts'
import { SqliteFileRepository } from '../files/sqlite-repository.ts'
import { hashPassword, verifyPassword } from '../accounts/domain/passwords.ts'
import { SqliteShareRepository } from './repository.ts'
import { createShare, listShares, nodeInShare, openShare, revokeShare, unlockShare, type SharesDeps } from './domain.ts'

function setup(now = { t: Date.parse('2026-06-01T10:00:00Z') }) {
  const db = openDatabase(':memory:')
  migrate(db, [filesMigrations, sharesMigrations])
  const files = new SqliteFileRepository(db)
  const mk = (owner: string, path: string, isDir: boolean, parent: number | null) =>
    files.insert({ owner, parent, path, name: path.split('/').pop() ?? '', isDir, size: isDir ? 0 : 5, mtime: 0, ctime: 0, etag: 'e', contentType: null })
  const root = mk('alice', '', true, null)
  const docs = mk('alice', 'Docs', true, root.fileid)
  mk('alice', 'Docs/a.txt', false, docs.fileid)
  const assocRoot = mk('_association', '', true, null)
  mk('_association', 'Minutes.pdf', false, assocRoot.fileid)
  const deps: SharesDeps = {
    shares: new SqliteShareRepository(db), files,
    hasher: { hash: hashPassword, verify: verifyPassword },
    clock: () => new Date(now.t),
  }
  return { deps, now }
}

const alice = { username: 'alice', role: 'member' as const, quotaBytes: null }
const bob = { username: 'bob', role: 'member' as const, quotaBytes: null }

describe('share links', () => {
  it('creates a link to a folder and serves files inside it only', async () => {
    const { deps } = setup()
    const share = await createShare(deps, alice, { path: '/Docs' })
    expect(share).toMatchObject({ path: '/Docs', isFolder: true, hasPassword: false })
    const opened = openShare(deps, share.token, undefined)
    expect(nodeInShare(deps, opened.root, 'a.txt').name).toBe('a.txt')
    expect(() => nodeInShare(deps, opened.root, '../Docs/a.txt')).toThrow(/no such file/)
    expect(listShares(deps, alice, '/Docs')).toHaveLength(1)
    expect(listShares(deps, bob)).toHaveLength(0)
  })

  it('refuses what the account may not share', async () => {
    const { deps } = setup()
    await expect(createShare(deps, alice, { path: '/Association/Minutes.pdf' })).rejects.toMatchObject({ status: 403 })
    await expect(createShare(deps, { ...alice, role: 'admin' }, { path: '/Association/Minutes.pdf' })).resolves.toMatchObject({ path: '/Association/Minutes.pdf' })
    await expect(createShare(deps, alice, { path: '/nothing' })).rejects.toMatchObject({ status: 404 })
    await expect(createShare(deps, alice, { path: '/' })).rejects.toMatchObject({ status: 400 })
  })

  it('asks for the password, then remembers the visitor', async () => {
    const { deps } = setup()
    const share = await createShare(deps, alice, { path: '/Docs/a.txt', password: 'secret-pw' })
    const opened = openShare(deps, share.token, undefined)
    expect(opened.needsPassword).toBe(true)
    expect(await unlockShare(deps, opened.share, 'wrong')).toBeNull()
    const sid = await unlockShare(deps, opened.share, 'secret-pw')
    expect(openShare(deps, share.token, sid!).needsPassword).toBe(false)
  })

  it('expires and can be revoked only by its creator or an admin', async () => {
    const { deps, now } = setup()
    await expect(createShare(deps, alice, { path: '/Docs', expiresAt: '2026-05-01' })).rejects.toMatchObject({ status: 400 })
    const share = await createShare(deps, alice, { path: '/Docs', expiresAt: '2026-06-02T00:00:00Z' })
    now.t = Date.parse('2026-06-03T00:00:00Z')
    expect(() => openShare(deps, share.token, undefined)).toThrow(expect.objectContaining({ status: 410 }))
    expect(() => revokeShare(deps, bob, share.id)).toThrow(expect.objectContaining({ status: 404 }))
    revokeShare(deps, alice, share.id)
    expect(() => openShare(deps, share.token, undefined)).toThrow(expect.objectContaining({ status: 404 }))
  })
})
