import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import type { SpaceContext } from '@maison/app-contract'
import { ValidationError } from '@maison/errors'
import { ensureAccount } from '../../../workspace/src/accounts/index.ts'
import { accountsEnv } from '../../../workspace/src/auth/deps.ts'

export const ACCOUNTS_PATH = 'accounts.json'

const accountSchema = z.object({
  username: z.string().min(1).max(64),
  displayName: z.string().max(200),
  email: z.string().max(320).nullable(),
  role: z.enum(['admin', 'member']),
  enabled: z.boolean(),
  language: z.enum(['en', 'fr']).nullable(),
  quotaBytes: z.number().int().min(0).nullable(),
  groups: z.array(z.string().min(1).max(64)),
})

export const accountsFileSchema = z.object({
  accounts: z.array(accountSchema).min(1),
  groups: z.array(z.string().min(1).max(64)),
})

export type AccountsFile = z.infer<typeof accountsFileSchema>

/** The space's people as the archive keeps them: no password hashes, sessions or app passwords. */
export function exportAccounts(space: SpaceContext, clock: () => Date): AccountsFile {
  const { store } = accountsEnv(space.db, clock)
  const accounts = store.accounts.list().map((a) => ({
    username: a.username, displayName: a.displayName, email: a.email, role: a.role, enabled: a.enabled,
    language: a.language, quotaBytes: a.quotaBytes, groups: store.groups.groupsOf(a.id),
  }))
  return { accounts, groups: store.groups.list() }
}

/**
 * Parses accounts.json.
 * @throws ValidationError naming the field
 */
export function parseAccounts(content: Buffer): AccountsFile {
  let raw: unknown
  try {
    raw = JSON.parse(content.toString('utf8'))
  } catch {
    throw new ValidationError(`${ACCOUNTS_PATH} is not valid JSON.`, { errors: [{ path: `entries/${ACCOUNTS_PATH}`, message: 'not JSON' }] })
  }
  const r = accountsFileSchema.safeParse(raw)
  if (!r.success) {
    const i = r.error.issues[0]!
    const message = `${i.path.join('.')}: ${i.message}`
    throw new ValidationError(`${ACCOUNTS_PATH} is not valid: ${message}`, { errors: [{ path: `entries/${ACCOUNTS_PATH}`, message }] })
  }
  if (!r.data.accounts.some((a) => a.role === 'admin' && a.enabled)) {
    throw new ValidationError(`${ACCOUNTS_PATH} has no enabled admin.`, { errors: [{ path: `entries/${ACCOUNTS_PATH}`, message: 'no enabled admin' }] })
  }
  return r.data
}

export interface ImportedAccount {
  username: string
  email: string | null
  role: 'admin' | 'member'
  language: 'en' | 'fr' | null
  /** Set for accounts without an e-mail: shown once to staff, who hand it over. */
  password: string | null
}

/**
 * Creates every account with an unusable or generated password, then its profile and groups.
 * `mailable`: people with an e-mail will get an activation link (else everyone gets a password).
 */
export async function importAccounts(space: SpaceContext, file: AccountsFile, clock: () => Date, opts: { mailable: boolean }): Promise<ImportedAccount[]> {
  const env = accountsEnv(space.db, clock)
  const at = clock().toISOString()
  for (const g of file.groups) if (!env.store.groups.exists(g)) env.store.groups.create(g, at)
  const out: ImportedAccount[] = []
  for (const a of file.accounts) {
    // People with an e-mail choose their password through the activation link; the others get one now.
    const password = a.email && opts.mailable ? null : randomBytes(12).toString('base64url')
    const created = await ensureAccount(space.db, {
      username: a.username, password: password ?? randomBytes(32).toString('base64url'), role: a.role,
      email: a.email ?? undefined, displayName: a.displayName,
    }, clock)
    env.store.accounts.update(created.id, { enabled: a.enabled, language: a.language, quotaBytes: a.quotaBytes })
    for (const g of a.groups) {
      if (!env.store.groups.exists(g)) env.store.groups.create(g, at)
      env.store.groups.addMember(g, created.id)
    }
    out.push({ username: a.username, email: a.email, role: a.role, language: a.language, password })
  }
  return out
}
