/** Shapes of the members API (apps/members/openapi.yaml) as the UI uses them. */
// Type-only imports: where the API sends a domain record as is, its type is the wire shape.
import type {
  CustomField, Fee as FeeRecord, Member as MemberRecord, MemberStatus, Payment, SavedViewQuery, SentMessage, Validity,
} from '../../domain/types.ts'

export type {
  Address, Category, CustomField, CustomValue, FieldType, MemberStatus, Payment, PaymentMethod, ReminderRule, SavedView, SentMessage,
  SentReminder, Validity,
} from '../../domain/types.ts'

/** A member record as the API answers it (without its verify token), with its membership status. */
export interface Member extends Omit<MemberRecord, 'verifyToken' | 'createdAt' | 'updatedAt'> {
  status: MemberStatus
  expiresOn: string | null
}

/** A fee as the activity form edits it: a new one has no id yet. */
export type Fee = Omit<FeeRecord, 'id' | 'activityId'> & { id?: number }
export interface Activity { id: number; name: string; validity: Validity; fees: Fee[] }

export interface SubscriptionBalance {
  id: number; activityId: number; activityName: string; amountDueCents: number; paidCents: number; dueCents: number
  startsOn: string; expiresOn: string | null
}

export interface MemberDetail extends Member {
  subscriptions: SubscriptionBalance[]
  payments: Payment[]
  dueCents: number
}

/** The member list's filter and sort, as saved views keep it. */
export type ListQuery = SavedViewQuery

export interface Settings { associationName: string; joinEnabled: boolean; dueSoonDays: number; timeZone: string }

export interface PlannedReminder {
  key: string; ruleId: number; memberId: number; memberNumber: string; memberName: string; expiresOn: string
  email: string | null; language: 'fr' | 'en'; subject: string; body: string
  skip: 'hidden_category' | 'no_email' | 'opted_out' | 'already_sent' | null
}

export interface FieldError { path: string; message: string }

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
