import type { MailMessage } from '@maison/mail'
import type { ApplicationInput } from './application-schema.ts'
import type { ApplicationStatus, Language } from './fields.ts'

export type Clock = () => Date

/** Runs a function atomically against the platform database (synchronous storage). */
export interface Transactor {
  run<T>(fn: () => T): T
}

export interface Application extends Omit<ApplicationInput, 'charterAccepted'> {
  id: number
  status: ApplicationStatus
  charterAcceptedAt: string
  rejectReason: string | null
  lastError: string | null
  createdAt: string
  updatedAt: string
  confirmedAt: string | null
  decidedAt: string | null
  decidedBy: number | null
  readyAt: string | null
}

export interface ApplicationQuery {
  status?: ApplicationStatus
  search?: string
  limit?: number
  offset?: number
}

export type TransitionPatch = Partial<Pick<Application, 'rejectReason' | 'lastError' | 'decidedAt' | 'decidedBy' | 'confirmedAt' | 'readyAt'>>

export interface Message {
  id: number
  author: 'staff' | 'applicant'
  staffId: number | null
  body: string
  createdAt: string
}

export interface Note {
  id: number
  staffId: number
  staffName: string
  body: string
  createdAt: string
}

export interface ApplicationRepository {
  insert(input: ApplicationInput, at: string): Application
  byId(id: number): Application | null
  list(q: ApplicationQuery): { items: Application[]; total: number }
  /** Moves the application only if its status is one of `from`; false when someone moved it first. */
  transition(id: number, from: readonly ApplicationStatus[], to: ApplicationStatus, patch: TransitionPatch, at: string): boolean
  countOthersWithEmail(email: string, excludeId: number): number
  countOthersWithOrganisation(organisation: string, excludeId: number): number
  /** The most recent application for a name, whatever its status. */
  latestBySlug(slug: string): Application | null
  isLiveSlug(slug: string): boolean
  liveSlugs(): string[]
  /** Ids in a status not updated since `updatedBefore`, oldest first (e.g. approvals whose job may be lost). */
  idsInStatus(status: ApplicationStatus, limit: number, updatedBefore?: string): number[]
  countByStatus(): Record<string, number>
  addToken(applicationId: number, purpose: 'confirm' | 'status', tokenHash: string, at: string, expiresAt: string | null): void
  /** The application a token belongs to, when valid; a confirm token is marked used in the same step. */
  redeemToken(tokenHash: string, purpose: 'confirm' | 'status', at: string): number | null
  addMessage(applicationId: number, author: 'staff' | 'applicant', staffId: number | null, body: string, at: string): void
  messages(applicationId: number): Message[]
  addNote(applicationId: number, staffId: number, body: string, at: string): void
  notes(applicationId: number): Note[]
}

export interface AuditEntry {
  id: number
  at: string
  staffId: number | null
  actor: string
  action: string
  target: string
  detail: Record<string, unknown>
}

export interface AuditLog {
  record(e: Omit<AuditEntry, 'id'>): void
  list(q: { target?: string; limit?: number }): AuditEntry[]
}

export type StaffRole = 'reviewer' | 'operator' | 'admin'

export interface StaffMember {
  id: number
  username: string
  displayName: string
  email: string | null
  role: StaffRole
  passwordHash: string
  enabled: boolean
  createdAt: string
}

export interface StaffRepository {
  byUsername(username: string): StaffMember | null
  byId(id: number): StaffMember | null
  list(): StaffMember[]
  insert(s: Omit<StaffMember, 'id'>): StaffMember
  insertIfAbsent(s: Omit<StaffMember, 'id'>): boolean
  setPassword(id: number, hash: string): void
  addToken(staffId: number, name: string, tokenHash: string, at: string): number
  /** The staff member owning an unrevoked token; records its use. */
  useToken(tokenHash: string, at: string): StaffMember | null
  revokeToken(id: number, staffId: number, at: string): boolean
  addSession(staffId: number, tokenHash: string, csrf: string, at: string, expiresAt: string): void
  session(tokenHash: string, now: string): { staff: StaffMember; csrf: string } | null
  endSession(tokenHash: string): void
}

export interface RejectTemplate {
  code: string
  title: { en: string; fr: string }
  body: { en: string; fr: string }
  updatedAt: string
}

export interface RejectTemplateRepository {
  list(): RejectTemplate[]
  get(code: string): RejectTemplate | null
  upsert(t: RejectTemplate): void
}

export interface HostLoad {
  id: string
  name: string
  capacity: number
  used: number
  enabled: boolean
}

export interface Placement {
  slug: string
  applicationId: number
  hostId: string | null
}

export interface PlacementRepository {
  /** Reserves the name for the application if nobody holds it; returns who holds it now. */
  reserve(slug: string, applicationId: number, at: string): Placement
  get(slug: string): Placement | null
  hostLoads(): HostLoad[]
  /** Sets the host unless one is set already; returns the host the space is on. */
  assignIfUnplaced(slug: string, hostId: string, at: string): string
  upsertHost(h: { id: string; name: string; capacity: number; enabled: boolean }, at: string): void
}

export interface LedgerMail {
  key: string
  to: string
  subject: string
  text: string
  secret: string | null
  enqueuedAt: string | null
}

/** Mails that must go at most once: the row is the decision, taken in a transaction. */
export interface MailLedgerRepository {
  get(key: string): LedgerMail | null
  insertIfAbsent(m: Omit<LedgerMail, 'enqueuedAt'>, at: string): boolean
  markEnqueued(key: string, at: string): void
  /** Mails queued between `since` and `before` that the mail worker never sent (Redis lost the job). */
  enqueuedUnsent(since: string, before: string): LedgerMail[]
}

export interface Deletion {
  slug: string
  previousStatus: string
  deletedAt: string
  purgeAfter: string
  purgedAt: string | null
}

export interface DeletionRepository {
  get(slug: string): Deletion | null
  upsert(d: Omit<Deletion, 'purgedAt'>): void
  remove(slug: string): void
  markPurged(slug: string, at: string): void
  due(now: string): string[]
}

export interface ClosingRequest {
  id: number
  slug: string
  requestedBy: string
  reason: string
  createdAt: string
  handledAt: string | null
}

export interface ClosingRequestRepository {
  /** Opens a request unless one is open already; returns the open one. */
  open(slug: string, by: string, reason: string, at: string): ClosingRequest
  listOpen(): ClosingRequest[]
  close(slug: string, at: string): void
}

/** What the provisioner needs from the workspace host(s). Every method is idempotent. */
export interface SpaceBackend {
  create(space: { slug: string; name: string; quotaBytes: number; maxAccounts: number }): Promise<void>
  ensureAdmin(slug: string, admin: { username: string; email: string; displayName: string; language: Language }): Promise<void>
  /** The link that activates an account with this secret (pure: touches nothing). */
  activationUrl(slug: string, secret: string): string
  /** Makes `secret` a valid one-time activation (password-setting) token for the account. */
  ensureActivation(slug: string, username: string, secret: string): Promise<void>
  ensureFolders(slug: string, username: string, folders: readonly string[]): Promise<void>
  /** Enables the apps unless an admin already chose. */
  enableApps(slug: string, appIds: readonly string[]): Promise<void>
  get(slug: string): { name: string; status: string; quotaBytes: number; maxAccounts: number; createdAt: string } | null
  setStatus(slug: string, status: 'active' | 'suspended' | 'deleted'): void
  setLimits(slug: string, limits: { quotaBytes?: number; maxAccounts?: number }): void
  /** Removes the space's database and files for good. */
  purge(slug: string): Promise<void>
}

/** Queues e-mail; the key makes a repeated call send once. */
export interface MailPort {
  enqueue(msg: MailMessage): Promise<void>
}

/** The provisioning and lifecycle queue as the domain sees it. */
export interface ProvisionQueue {
  provision(slug: string, applicationId: number): Promise<void>
  /** Runs a failed provisioning again from its last step. */
  retry(slug: string, applicationId: number): Promise<void>
  schedulePurge(slug: string, at: Date): Promise<void>
  cancelPurge(slug: string): Promise<void>
}
