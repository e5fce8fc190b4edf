import type {
  Activity, Category, CustomField, IsoDate, Member, MemberData, MemberStatus, Payment, ReminderRule, SavedView, MessageState, SavedViewQuery, SentMessage, SentReminder, Subscription, Validity,
} from './types.ts'
import type { FieldInput, ReminderRuleInput } from './schemas.ts'

export interface MemberListQuery {
  q?: string
  categoryId?: number
  status?: MemberStatus
  /** Only members waiting for validation (true) or only validated ones (false). */
  pending?: boolean
  /** Only these members (a selection). */
  ids?: number[]
  /** Members of hidden categories (former members) are left out unless asked for. */
  includeHidden: boolean
  sort: 'number' | 'name' | 'joinedOn' | 'expiresOn' | 'email'
  order: 'asc' | 'desc'
  offset: number
  limit: number
  /** Today and the last day that still counts as "due soon", for the status columns. */
  today: IsoDate
  soonUntil: IsoDate
}

export interface MemberListItem {
  member: Member
  status: MemberStatus
  expiresOn: IsoDate | null
}

export interface MemberRepository {
  get(id: number): Member | null
  getByNumber(number: string): Member | null
  getByAccount(username: string): Member | null
  getByToken(token: string): Member | null
  getByEmail(email: string): Member | null
  insert(data: MemberData, verifyToken: string, now: Date, pending?: boolean): Member
  setPending(id: number, pending: boolean): void
  /** Gives the record a new verify token (old cards stop resolving). */
  setVerifyToken(id: number, token: string): void
  update(id: number, data: MemberData, now: Date): Member
  delete(id: number): void
  /** The next automatic number: one more than the highest all-digit number. */
  nextNumber(): string
  list(query: MemberListQuery): { items: MemberListItem[]; total: number }
  count(): number
}

export interface CategoryRepository {
  list(): Category[]
  get(id: number): Category | null
  getByName(name: string): Category | null
  insert(c: Omit<Category, 'id'>, now: Date): Category
  update(id: number, c: Omit<Category, 'id'>): Category
  delete(id: number): void
  /** How many members and fees use the category. */
  usage(id: number): number
}

export interface FieldRepository {
  list(): CustomField[]
  get(id: number): CustomField | null
  insert(f: FieldInput): CustomField
  update(id: number, f: FieldInput): CustomField
  delete(id: number): void
}

export interface ActivityRepository {
  list(): Activity[]
  get(id: number): Activity | null
  insert(a: { name: string; validity: Validity; fees: Omit<Activity['fees'][number], 'id' | 'activityId'>[] }, now: Date): Activity
  update(id: number, a: { name: string; validity: Validity; fees: Omit<Activity['fees'][number], 'id' | 'activityId'>[] }): Activity
  delete(id: number): void
  subscriptionCount(id: number): number
}

export interface SubscriptionRepository {
  /** The member's latest subscription (latest start, then latest created). */
  latest(memberId: number): Subscription | null
  latestForActivity(memberId: number, activityId: number): Subscription | null
  listForMember(memberId: number): Subscription[]
  get(id: number): Subscription | null
  insert(s: Omit<Subscription, 'id' | 'createdAt'>, now: Date): Subscription
  delete(id: number): void
  paidCents(subscriptionId: number): number
}

export interface PaymentRepository {
  listForMember(memberId: number): Payment[]
  get(id: number): Payment | null
  insert(p: Omit<Payment, 'id' | 'receiptNumber' | 'createdAt'>, now: Date): Payment
  delete(id: number): void
  /** Empties the free-text note and reference of a member's payments (they often name the payer). */
  clearDetails(memberId: number): void
}

/** A member whose latest subscription belongs to an activity with reminder rules. */
export interface ReminderCandidate {
  member: Member
  categoryHidden: boolean
  subscription: Subscription
  paidCents: number
  activityName: string
}

export interface ReminderRepository {
  listRules(activityId?: number): ReminderRule[]
  getRule(id: number): ReminderRule | null
  insertRule(activityId: number, r: ReminderRuleInput, now: Date): ReminderRule
  updateRule(id: number, r: ReminderRuleInput): ReminderRule
  deleteRule(id: number): void
  /** Members whose latest subscription is of this activity and expires within [from, to]. */
  candidates(activityId: number, expiresFrom: IsoDate, expiresTo: IsoDate): ReminderCandidate[]
  /** Records a decision; false when this member × rule × expiry was already decided. */
  record(r: Omit<SentReminder, 'id' | 'enqueuedAt'> & { body: string }): boolean
  /** Decisions whose mail was not handed to the mail queue yet (a worker died in between). */
  unqueued(limit: number): (SentReminder & { body: string })[]
  markQueued(ids: number[], at: Date): void
  sentTo(memberId: number): SentReminder[]
  /** Forgets what was sent to a member (anonymisation: the log holds their address and name). */
  forgetMember(memberId: number): void
}

export interface SavedViewRepository {
  list(): SavedView[]
  get(id: number): SavedView | null
  getByName(name: string): SavedView | null
  insert(name: string, query: SavedViewQuery, now: Date): SavedView
  update(id: number, name: string, query: SavedViewQuery): SavedView
  delete(id: number): void
}

export interface NewMessage {
  requestId: string
  /** Fingerprint of the request's content, to tell a replay from a different message with the same id. */
  requestHash: string
  subject: string
  body: string
  skipped: number
  sentAt: string
}

export interface MessageRepository {
  /** Stores a message in state `queued` with its recipients (none handed yet). */
  insert(m: NewMessage, recipientIds: readonly number[]): SentMessage
  get(id: number): SentMessage | null
  getByRequest(requestId: string): { message: SentMessage; requestHash: string } | null
  list(limit: number): SentMessage[]
  /** Up to `limit` recipients not yet handed to the mail queue, by member id. */
  pendingRecipients(id: number, limit: number): number[]
  /** Marks recipients handed over and counts them (a recipient already marked is not counted twice). */
  markHanded(id: number, memberIds: readonly number[], now: Date): void
  setState(id: number, state: MessageState): void
  /** Ids of messages not fully handed over that were requested before `before`. */
  unfinished(before: Date): number[]
}

export interface JoinAttemptRepository {
  count(key: string, since: Date): number
  add(key: string, at: Date): void
  prune(before: Date): void
}

export interface SettingsRepository {
  get(key: string): string | null
  set(key: string, value: string): void
}

/** Every repository of one space, and the one way to make several writes atomic. */
export interface MembersStore {
  members: MemberRepository
  categories: CategoryRepository
  fields: FieldRepository
  activities: ActivityRepository
  subscriptions: SubscriptionRepository
  payments: PaymentRepository
  reminders: ReminderRepository
  settings: SettingsRepository
  views: SavedViewRepository
  messages: MessageRepository
  joinAttempts: JoinAttemptRepository
  /** Runs fn in one transaction; a throw rolls everything back. */
  transaction<T>(fn: () => T): T
}

/** What every domain function receives: the space's store and the clock. */
export interface MembersEnv {
  store: MembersStore
  clock: () => Date
  /** Used until the admins set their own: the space's name and the platform's time zone. */
  defaults: { associationName: string; timeZone: string }
}
