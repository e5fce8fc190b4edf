/**
 * The activation link the provisioner's welcome mail carries, at the accounts module's boundary
 * (no browser: the journey test redeems a link in Chromium). Real space database, real migrations.
 */
import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '@maison/errors'
import { ensurePendingAccount, isActivated, prepareActivation } from '../../apps/workspace/src/accounts/index.ts'
import { accountsEnv } from '../../apps/workspace/src/auth/deps.ts'
import { completePasswordReset } from '../../apps/workspace/src/accounts/domain/passwordReset.ts'
import { verifyPassword } from '../../apps/workspace/src/accounts/domain/passwords.ts'
import { startPlatform, type TestPlatform } from './support.ts'

const BASE = 'http://maison.test/s/club'
const applicant = { username: 'admin', email: 'contact@club.example', displayName: 'Camille Martin', language: 'fr' as const }

let t: TestPlatform
let n = 0

/** A fresh space database per test. */
async function freshSpace() {
  const slug = `act${++n}${crypto.randomBytes(2).toString('hex')}`
  await t.parts.host.create({ slug, name: 'Club', quotaBytes: 1024 ** 3, maxAccounts: 50 })
  const db = t.parts.pool.get(slug)
  const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
  const account = () => accountsEnv(db, () => new Date()).store.accounts.byUsername('admin')!
  const redeem = (url: string, password: string) => completePasswordReset(accountsEnv(db, () => new Date()), url.split('/reset/')[1]!, password)
  return { db, count, account, redeem }
}

const statusOf = (fn: () => unknown): number => {
  try {
    fn()
  } catch (err) {
    if (err instanceof AppError) return err.status
    throw err
  }
  return 0
}

beforeAll(async () => {
  t = await startPlatform()
})

afterAll(async () => {
  await t?.close()
})

describe('activation of a provisioned admin account', () => {
  it('creates the account once, with no usable password, in the applicant language', async () => {
    const s = await freshSpace()
    expect(ensurePendingAccount(s.db, applicant)).toMatchObject({ created: true, activated: false })
    expect(ensurePendingAccount(s.db, applicant)).toMatchObject({ created: false, activated: false })
    expect(s.count('accounts')).toBe(1)
    const a = s.account()
    expect(a).toMatchObject({ role: 'admin', email: applicant.email, displayName: applicant.displayName, language: 'fr', enabled: true })
    expect(isActivated(a)).toBe(false)
    expect(await verifyPassword('', a.passwordHash)).toBe(false)
    expect(await verifyPassword('!', a.passwordHash)).toBe(false)
  })

  it('with the caller’s token, a retry records nothing new and returns the same link', async () => {
    const s = await freshSpace()
    const token = crypto.randomBytes(32).toString('base64url')
    const first = prepareActivation(s.db, { account: applicant, spaceBaseUrl: `${BASE}/`, token })
    const again = prepareActivation(s.db, { account: applicant, spaceBaseUrl: BASE, token })
    expect(first.url).toBe(`${BASE}/reset/${token}`)
    expect(again).toEqual({ ...first, createdAccount: false })
    expect(first.createdAccount).toBe(true)
    expect(s.count('accounts')).toBe(1)
    expect(s.count('account_password_resets')).toBe(1)
  })

  it('without a token, each call gives a fresh link while unused; once one is used, no link at all', async () => {
    const s = await freshSpace()
    const a = prepareActivation(s.db, { account: applicant, spaceBaseUrl: BASE })
    const b = prepareActivation(s.db, { account: 'admin', spaceBaseUrl: BASE })
    expect(a.url).not.toBe(b.url)
    expect(s.count('account_password_resets')).toBe(2)
    await s.redeem(b.url!, 'chosen-password-1')
    expect(isActivated(s.account())).toBe(true)
    expect(await verifyPassword('chosen-password-1', s.account().passwordHash)).toBe(true)
    expect(prepareActivation(s.db, { account: 'admin', spaceBaseUrl: BASE })).toMatchObject({ activated: true, url: null, token: null })
    // A token decided before the activation is not recorded after it either.
    expect(prepareActivation(s.db, { account: 'admin', spaceBaseUrl: BASE, token: 'x'.repeat(43) }).url).toBeNull()
    expect(s.count('account_password_resets')).toBe(2)
    // The used link does not work twice.
    await expect(s.redeem(b.url!, 'another-password-2')).rejects.toMatchObject({ status: 410 })
  })

  it('leaves a password chosen another way untouched', async () => {
    const s = await freshSpace()
    const token = crypto.randomBytes(32).toString('base64url')
    prepareActivation(s.db, { account: applicant, spaceBaseUrl: BASE, token })
    const reset = prepareActivation(s.db, { account: 'admin', spaceBaseUrl: BASE })
    await s.redeem(reset.url!, 'reset-password-1')
    expect(prepareActivation(s.db, { account: applicant, spaceBaseUrl: BASE, token }).activated).toBe(true)
    expect(await verifyPassword('reset-password-1', s.account().passwordHash)).toBe(true)
  })

  it('refuses bad input with a 4xx and stores nothing', async () => {
    const s = await freshSpace()
    expect(statusOf(() => ensurePendingAccount(s.db, { ...applicant, username: 'no spaces allowed' }))).toBe(400)
    expect(statusOf(() => prepareActivation(s.db, { account: 'nobody', spaceBaseUrl: BASE }))).toBe(404)
    expect(statusOf(() => prepareActivation(s.db, { account: applicant, spaceBaseUrl: BASE, token: 'short' }))).toBe(400)
    expect(s.count('accounts')).toBe(0)
    expect(s.count('account_password_resets')).toBe(0)
    // One token, one account: reusing another account's token is refused.
    const token = crypto.randomBytes(32).toString('base64url')
    prepareActivation(s.db, { account: applicant, spaceBaseUrl: BASE, token })
    const other = { ...applicant, username: 'second', email: 'second@club.example' }
    expect(statusOf(() => prepareActivation(s.db, { account: other, spaceBaseUrl: BASE, token }))).toBe(400)
    expect(s.count('account_password_resets')).toBe(1)
  })
})
