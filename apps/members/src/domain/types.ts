/** Calendar dates are `YYYY-MM-DD` in the space's time zone; money is in integer cents. */
export type IsoDate = string

export const FIELD_TYPES = ['text', 'long_text', 'number', 'date', 'choice', 'multiple_choice', 'checkbox', 'email', 'phone', 'url'] as const
export type FieldType = (typeof FIELD_TYPES)[number]

export const PAYMENT_METHODS = ['cash', 'cheque', 'transfer', 'card', 'online'] as const
export type PaymentMethod = (typeof PAYMENT_METHODS)[number]

export type CustomValue = string | number | boolean | string[]

export interface Category {
  id: number
  name: string
  /** Hidden categories (e.g. former members) get no reminders and stay out of the default list. */
  hidden: boolean
  position: number
}

export interface CustomField {
  id: number
  key: string
  label: string
  type: FieldType
  required: boolean
  help: string
  options: string[]
  memberVisible: boolean
  memberEditable: boolean
  position: number
}

export interface Address {
  street: string | null
  postcode: string | null
  city: string | null
  country: string | null
}

export interface MemberData {
  number: string
  firstName: string
  lastName: string
  email: string | null
  phone: string | null
  address: Address
  birthDate: IsoDate | null
  categoryId: number | null
  joinedOn: IsoDate
  consent: { newsletter: boolean; photos: boolean }
  remindersOptOut: boolean
  language: 'fr' | 'en'
  notes: string
  custom: Record<string, CustomValue>
  /** Username of the space account linked to this record (self-service). */
  account: string | null
}

export interface Member extends MemberData {
  id: number
  /** Applied through the public join form; an admin has not validated them yet. */
  pending: boolean
  verifyToken: string
  createdAt: string
  updatedAt: string
}

export type Validity =
  | { kind: 'days'; days: number }
  | { kind: 'season'; start: IsoDate; end: IsoDate }
  | { kind: 'none' }

export interface Fee {
  id: number
  activityId: number
  label: string
  amountCents: number
  /** null: the fee of everyone whose category has no fee of its own. */
  categoryId: number | null
}

export interface Activity {
  id: number
  name: string
  validity: Validity
  fees: Fee[]
}

export interface Subscription {
  id: number
  memberId: number
  activityId: number
  feeId: number | null
  amountDueCents: number
  startsOn: IsoDate
  /** null when the activity's validity is "none". */
  expiresOn: IsoDate | null
  createdAt: string
}

export interface Payment {
  id: number
  memberId: number
  subscriptionId: number
  amountCents: number
  paidOn: IsoDate
  method: PaymentMethod
  reference: string | null
  note: string
  receiptNumber: number
  createdAt: string
}

export type MemberStatus = 'none' | 'up_to_date' | 'due_soon' | 'lapsed'

export interface ReminderRule {
  id: number
  activityId: number
  /** Days relative to expiry: negative before, 0 on the day, positive after. */
  offsetDays: number
  templates: { fr: { subject: string; body: string }; en: { subject: string; body: string } }
  enabled: boolean
}

export interface SentReminder {
  id: number
  key: string
  ruleId: number
  memberId: number
  expiresOn: IsoDate
  email: string
  subject: string
  decidedAt: string
  enqueuedAt: string | null
}

/** A named filter + sort set of the member list. */
export interface SavedView {
  id: number
  name: string
  query: SavedViewQuery
}

export interface SavedViewQuery {
  q?: string
  category?: number
  status?: MemberStatus
  pending?: boolean
  hidden?: boolean
  sort?: 'number' | 'name' | 'joinedOn' | 'expiresOn' | 'email'
  order?: 'asc' | 'desc'
}

/** Where a bulk message stands: waiting for its job, being handed to the mail queue, or all handed over. */
export type MessageState = 'queued' | 'sending' | 'sent'

/** A message the admins sent to a selection of members. */
export interface SentMessage {
  id: number
  /** The client's id of the request that created it (null for messages older than request ids). */
  requestId: string | null
  subject: string
  body: string
  /** Members with an e-mail address when it was requested. */
  recipients: number
  /** Selected members without an e-mail address. */
  skipped: number
  /** Recipients already handed to the mail queue. */
  handed: number
  state: MessageState
  sentAt: string
}
