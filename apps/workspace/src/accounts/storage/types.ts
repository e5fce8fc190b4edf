import type { Role } from '@maison/app-contract'

export type Language = 'en' | 'fr'

export interface AccountRecord {
  id: number
  username: string
  displayName: string
  email: string | null
  role: Role
  passwordHash: string
  quotaBytes: number | null
  enabled: boolean
  language: Language | null
  createdAt: string
  lastLoginAt: string | null
}

export interface NewAccount {
  username: string
  displayName: string
  email: string | null
  role: Role
  passwordHash: string
  quotaBytes: number | null
  language: Language | null
  createdAt: string
}

export type AccountPatch = Partial<
  Pick<AccountRecord, 'displayName' | 'email' | 'role' | 'enabled' | 'quotaBytes' | 'language' | 'passwordHash'>
>

export interface AccountQuery {
  search?: string
  limit?: number
  offset?: number
}

/** The space's accounts. */
export interface AccountRepository {
  byId(id: number): AccountRecord | undefined
  byUsername(username: string): AccountRecord | undefined
  /** By username or e-mail, case-insensitively. */
  byLogin(login: string): AccountRecord | undefined
  byEmail(email: string): AccountRecord | undefined
  list(query?: AccountQuery): AccountRecord[]
  count(): number
  countEnabledAdmins(): number
  insert(account: NewAccount): AccountRecord
  update(id: number, patch: AccountPatch): void
  remove(id: number): void
  touchLogin(id: number, at: string): void
}

export interface SessionRecord {
  id: number
  accountId: number
  csrfToken: string
  lastSeenAt: string
  expiresAt: string
}

export interface NewSession {
  tokenHash: string
  accountId: number
  csrfToken: string
  createdAt: string
  expiresAt: string
  userAgent: string | null
  address: string | null
}

/** Browser sessions; tokens are stored hashed. */
export interface SessionRepository {
  insert(session: NewSession): void
  byTokenHash(tokenHash: string): SessionRecord | undefined
  renew(id: number, lastSeenAt: string, expiresAt: string): void
  removeByTokenHash(tokenHash: string): void
  /** Ends every session of an account, except the one whose token hash is `keep`. */
  removeForAccount(accountId: number, keep?: string): void
  removeExpired(now: string): number
}

export interface AppPasswordRecord {
  id: number
  accountId: number
  name: string
  createdAt: string
  lastUsedAt: string | null
}

/** Per-device app passwords; tokens are stored as SHA-256. */
export interface AppPasswordRepository {
  insert(p: { accountId: number; name: string; tokenHash: string; createdAt: string }): AppPasswordRecord
  byTokenHash(tokenHash: string): AppPasswordRecord | undefined
  /** The app password with this token hash together with its account (one read: checked on every DAV request). */
  withAccount(tokenHash: string): { appPassword: AppPasswordRecord; account: AccountRecord } | undefined
  listForAccount(accountId: number): AppPasswordRecord[]
  remove(accountId: number, id: number): boolean
  touch(id: number, at: string): void
}

export interface InvitationRecord {
  id: number
  email: string
  role: Role
  language: Language
  invitedBy: number | null
  createdAt: string
  expiresAt: string
  acceptedAt: string | null
  revokedAt: string | null
}

export interface InvitationRepository {
  insert(i: Omit<InvitationRecord, 'id' | 'acceptedAt' | 'revokedAt'> & { tokenHash: string }): InvitationRecord
  byTokenHash(tokenHash: string): InvitationRecord | undefined
  byId(id: number): InvitationRecord | undefined
  /** Neither accepted, revoked nor expired at `now`. */
  listPending(now: string): InvitationRecord[]
  countPending(now: string): number
  pendingForEmail(email: string, now: string): InvitationRecord | undefined
  revoke(id: number, at: string): boolean
  markAccepted(id: number, at: string, accountId: number): boolean
}

export interface PasswordResetRecord {
  id: number
  accountId: number
  createdAt: string
  expiresAt: string
  usedAt: string | null
}

export interface PasswordResetRepository {
  insert(r: { accountId: number; tokenHash: string; createdAt: string; expiresAt: string }): void
  byTokenHash(tokenHash: string): PasswordResetRecord | undefined
  markUsed(id: number, at: string): boolean
  /** Marks every unused link of the account used; returns how many were. */
  markAllUsed(accountId: number, at: string): number
  countSince(accountId: number, since: string): number
}

/** Groups other than `admin`, which is the admin role. */
export interface GroupRepository {
  list(query?: AccountQuery): string[]
  exists(name: string): boolean
  create(name: string, at: string): void
  remove(name: string): boolean
  members(name: string): string[]
  groupsOf(accountId: number): string[]
  addMember(name: string, accountId: number): void
  removeMember(name: string, accountId: number): void
}

/** Runs a function in one exclusive (IMMEDIATE) transaction: what it reads cannot change before it writes. */
export interface UnitOfWork {
  exclusive<T>(fn: () => T): T
}

export interface SecretStore {
  /** A 32-byte key named `name`, created on first use. */
  secret(name: string): Buffer
}

/** Every repository of the accounts module over one space database. */
export interface AccountsStore {
  accounts: AccountRepository
  sessions: SessionRepository
  appPasswords: AppPasswordRepository
  invitations: InvitationRepository
  resets: PasswordResetRepository
  groups: GroupRepository
  secrets: SecretStore
  tx: UnitOfWork
}
