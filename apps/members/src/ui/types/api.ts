/** Shapes of the members API (apps/members/openapi.yaml) as the UI uses them. */
export type MemberStatus = 'none' | 'up_to_date' | 'due_soon' | 'lapsed'
export type FieldType = 'text' | 'long_text' | 'number' | 'date' | 'choice' | 'multiple_choice' | 'checkbox' | 'email' | 'phone' | 'url'
export type PaymentMethod = 'cash' | 'cheque' | 'transfer' | 'card' | 'online'
export type CustomValue = string | number | boolean | string[]

export interface Address { street: string | null; postcode: string | null; city: string | null; country: string | null }

export interface Member {
  id: number
  number: string
  firstName: string
  lastName: string
  email: string | null
  phone: string | null
  address: Address
  birthDate: string | null
  categoryId: number | null
  joinedOn: string
  consent: { newsletter: boolean; photos: boolean }
  remindersOptOut: boolean
  language: 'fr' | 'en'
  notes: string
  custom: Record<string, CustomValue>
  account: string | null
  pending: boolean
  status: MemberStatus
  expiresOn: string | null
}

export interface Category { id: number; name: string; hidden: boolean; position: number }

export interface CustomField {
  id: number; key: string; label: string; type: FieldType; required: boolean; help: string; options: string[]
  memberVisible: boolean; memberEditable: boolean; position: number
}

export type Validity = { kind: 'days'; days: number } | { kind: 'season'; start: string; end: string } | { kind: 'none' }
export interface Fee { id?: number; label: string; amountCents: number; categoryId: number | null }
export interface Activity { id: number; name: string; validity: Validity; fees: Fee[] }

export interface Template { subject: string; body: string }
export interface ReminderRule { id: number; activityId: number; offsetDays: number; templates: { fr: Template; en: Template }; enabled: boolean }

export interface SubscriptionBalance {
  id: number; activityId: number; activityName: string; amountDueCents: number; paidCents: number; dueCents: number
  startsOn: string; expiresOn: string | null
}
export interface Payment {
  id: number; subscriptionId: number; amountCents: number; paidOn: string; method: PaymentMethod; reference: string | null
  note: string; receiptNumber: number
}
export interface SentReminder { id: number; ruleId: number; expiresOn: string; email: string; subject: string; decidedAt: string; enqueuedAt: string | null }

export interface MemberDetail extends Member {
  subscriptions: SubscriptionBalance[]
  payments: Payment[]
  dueCents: number
}

export interface ListQuery {
  q?: string
  category?: number
  status?: MemberStatus
  pending?: boolean
  hidden?: boolean
  sort?: 'number' | 'name' | 'joinedOn' | 'expiresOn' | 'email'
  order?: 'asc' | 'desc'
}

export interface SavedView { id: number; name: string; query: ListQuery }

export interface Settings { associationName: string; joinEnabled: boolean; dueSoonDays: number; timeZone: string }

export interface PlannedReminder {
  key: string; ruleId: number; memberId: number; memberNumber: string; memberName: string; expiresOn: string
  email: string | null; language: 'fr' | 'en'; subject: string; body: string
  skip: 'hidden_category' | 'no_email' | 'opted_out' | 'already_sent' | null
}

export interface FieldError { path: string; message: string }

/** A bulk message; `handed` of `recipients` are with the mail queue, `state` is `sent` once all are. */
export interface SentMessage {
  id: number; requestId: string | null; subject: string; body: string; recipients: number; skipped: number; handed: number
  state: 'queued' | 'sending' | 'sent'; sentAt: string
}
export interface MessageReceipt { message: SentMessage; queued: number; skipped: number }

export interface ImportReport {
  encoding: string; delimiter: string; columns: string[]; mapping: Record<string, string>; lines: number
  created: number; updated: number; errors: { line: number; errors: FieldError[] }[]; written: boolean; preview: Record<string, string>[]
}

export interface SelfView {
  member: Omit<Member, 'notes' | 'status' | 'expiresOn'> & { category: string | null }
  fields: CustomField[]
  status: MemberStatus
  expiresOn: string | null
  subscriptions: SubscriptionBalance[]
  payments: Payment[]
  dueCents: number
}
