import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { migrate, openDatabase, type Db } from '@maison/db'
import { accountsMigrations, prepareActivation } from '../../apps/workspace/src/accounts/index.ts'
import { completePasswordReset } from '../../apps/workspace/src/accounts/domain/passwordReset.ts'
import { accountsEnv } from '../../apps/workspace/src/auth/deps.ts'

describe('activation and reset links', () => {
  let dir: string
  let db: Db
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maison-links-'))
    db = openDatabase(path.join(dir, 'space.sqlite'))
    migrate(db, [accountsMigrations], () => new Date())
  })
  afterEach(() => {
    db.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('using one link makes the account\'s other unused links invalid', async () => {
    const first = prepareActivation(db, { account: { username: 'ada', email: 'ada@example.org', displayName: 'Ada', language: 'en' }, spaceBaseUrl: 'http://x/s/a' })
    const second = prepareActivation(db, { account: 'ada', spaceBaseUrl: 'http://x/s/a' })
    expect(first.token).not.toBe(second.token)
    const env = accountsEnv(db, () => new Date())
    await completePasswordReset(env, first.token!, 'a-long-password-1')
    await expect(completePasswordReset(env, second.token!, 'a-long-password-2')).rejects.toThrow(/expired or was already used/)
    // No link of the account is left to use.
    const unused = db.prepare('SELECT count(*) AS n FROM account_password_resets WHERE used_at IS NULL').get() as { n: number }
    expect(unused.n).toBe(0)
  })
})
