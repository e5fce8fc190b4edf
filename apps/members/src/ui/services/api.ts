import axios from '@nextcloud/axios'
import { spacePath } from '@maison/ui-shell'
import type {
  Activity, Category, CustomField, ImportReport, ListQuery, Member, MemberDetail, MessageReceipt, Payment, PaymentMethod, PlannedReminder,
  ReminderRule, SavedView, SelfView, SentMessage, SentReminder, Settings,
} from '../types/api.ts'

/** Absolute path of a members API route (also used for download links). */
export const apiUrl = (path: string): string => spacePath(`/apps/members/api${path}`)

const params = (q: ListQuery & { page?: number; perPage?: number; ids?: number[] }) => ({
  ...q, ids: q.ids?.join(','), pending: q.pending === undefined ? undefined : String(q.pending), hidden: q.hidden ? 'true' : undefined,
})

/** A page of members matching the filters. */
export async function listMembers(q: ListQuery & { page: number; perPage: number }): Promise<{ total: number; members: Member[] }> {
  return (await axios.get(apiUrl('/members'), { params: params(q) })).data
}

/** Query string of an export or sheet link for the given filters or selection. */
export function exportUrl(kind: 'export.csv' | 'export.vcf' | 'cards.pdf', q: ListQuery & { ids?: number[] }): string {
  const entries = Object.entries(params(q)).filter(([, v]) => v !== undefined && v !== '') as [string, string][]
  return `${apiUrl(`/${kind}`)}?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)]))}`
}

/** One member with subscriptions, payments and amounts due. */
export async function getMember(id: number): Promise<MemberDetail> {
  return (await axios.get(apiUrl(`/members/${id}`))).data
}

/** Creates a member; the number is given automatically when left out. */
export async function createMember(body: Partial<Member>): Promise<Member> {
  return (await axios.post(apiUrl('/members'), body)).data
}

/** Changes a member. */
export async function updateMember(id: number, body: Partial<Member>): Promise<Member> {
  return (await axios.patch(apiUrl(`/members/${id}`), body)).data
}

/** Deletes a member with their payments. */
export async function deleteMember(id: number): Promise<void> {
  await axios.delete(apiUrl(`/members/${id}`))
}

/** Removes everything personal from a member, keeping payments. */
export async function anonymiseMember(id: number): Promise<Member> {
  return (await axios.post(apiUrl(`/members/${id}/anonymise`))).data
}

/** Accepts a join-form application. */
export async function approveMember(id: number): Promise<Member> {
  return (await axios.post(apiUrl(`/members/${id}/approve`))).data
}

/** Moves members to a category (null: none). */
export async function bulkCategory(ids: number[], categoryId: number | null): Promise<number> {
  return (await axios.post(apiUrl('/members/bulk/category'), { ids, categoryId })).data.updated
}

/** A fresh id for one composed message (crypto.randomUUID needs a secure context; getRandomValues does not). */
export function newRequestId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const b = crypto.getRandomValues(new Uint8Array(16))
  b[6] = (b[6]! & 0x0f) | 0x40
  b[8] = (b[8]! & 0x3f) | 0x80
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

/**
 * Mails a message to members through a job; those without e-mail are skipped. `requestId` is made once per
 * composed message and sent again on a retry, so a retry never mails anyone twice.
 */
export async function bulkMessage(requestId: string, ids: number[], subject: string, body: string): Promise<MessageReceipt> {
  return (await axios.post(apiUrl('/members/bulk/message'), { requestId, ids, subject, body })).data
}

/** A bulk message and how far its job got. */
export async function getMessage(id: number): Promise<SentMessage> {
  return (await axios.get(apiUrl(`/messages/${id}`))).data
}

/** Records a payment; it creates or renews the subscription. */
export async function recordPayment(id: number, body: { activityId: number; amountCents: number; paidOn: string; method: PaymentMethod; reference?: string | null; note?: string }): Promise<{ payment: Payment }> {
  return (await axios.post(apiUrl(`/members/${id}/payments`), body)).data
}

/** Removes a mistaken payment. */
export async function deletePayment(id: number, paymentId: number): Promise<void> {
  await axios.delete(apiUrl(`/members/${id}/payments/${paymentId}`))
}

/** Reminders sent to a member, newest first. */
export async function remindersSent(id: number): Promise<SentReminder[]> {
  return (await axios.get(apiUrl(`/members/${id}/reminders`))).data.reminders
}

/** Categories. */
export async function listCategories(): Promise<Category[]> {
  return (await axios.get(apiUrl('/categories'))).data.categories
}
export async function createCategory(body: Partial<Category>): Promise<Category> {
  return (await axios.post(apiUrl('/categories'), body)).data
}
export async function updateCategory(id: number, body: Partial<Category>): Promise<Category> {
  return (await axios.patch(apiUrl(`/categories/${id}`), body)).data
}
export async function deleteCategory(id: number): Promise<void> {
  await axios.delete(apiUrl(`/categories/${id}`))
}

/** Custom field definitions. */
export async function listFields(): Promise<CustomField[]> {
  return (await axios.get(apiUrl('/fields'))).data.fields
}
export async function createField(body: Partial<CustomField>): Promise<CustomField> {
  return (await axios.post(apiUrl('/fields'), body)).data
}
export async function deleteField(id: number): Promise<void> {
  await axios.delete(apiUrl(`/fields/${id}`))
}

/** Activities with their fees. */
export async function listActivities(): Promise<Activity[]> {
  return (await axios.get(apiUrl('/activities'))).data.activities
}
export async function createActivity(body: Omit<Activity, 'id'>): Promise<Activity> {
  return (await axios.post(apiUrl('/activities'), body)).data
}
export async function updateActivity(id: number, body: Partial<Omit<Activity, 'id'>>): Promise<Activity> {
  return (await axios.patch(apiUrl(`/activities/${id}`), body)).data
}
export async function deleteActivity(id: number): Promise<void> {
  await axios.delete(apiUrl(`/activities/${id}`))
}

/** Reminder rules of an activity. */
export async function listRules(activityId: number): Promise<ReminderRule[]> {
  return (await axios.get(apiUrl(`/activities/${activityId}/reminder-rules`))).data.rules
}
export async function createRule(activityId: number, body: Omit<ReminderRule, 'id' | 'activityId'>): Promise<ReminderRule> {
  return (await axios.post(apiUrl(`/activities/${activityId}/reminder-rules`), body)).data
}
export async function updateRule(id: number, body: Partial<Omit<ReminderRule, 'id' | 'activityId'>>): Promise<ReminderRule> {
  return (await axios.patch(apiUrl(`/reminder-rules/${id}`), body)).data
}
export async function deleteRule(id: number): Promise<void> {
  await axios.delete(apiUrl(`/reminder-rules/${id}`))
}

/** Who would get which reminder on a day. */
export async function previewReminders(date?: string): Promise<PlannedReminder[]> {
  return (await axios.get(apiUrl('/reminders/preview'), { params: { date: date || undefined } })).data.reminders
}

/** Queues a reminder run now. */
export async function runReminders(): Promise<void> {
  await axios.post(apiUrl('/reminders/run'))
}

/** App settings. */
export async function getSettings(): Promise<Settings> {
  return (await axios.get(apiUrl('/settings'))).data
}
export async function updateSettings(body: Partial<Settings>): Promise<Settings> {
  return (await axios.patch(apiUrl('/settings'), body)).data
}

/** Saved views. */
export async function listViews(): Promise<SavedView[]> {
  return (await axios.get(apiUrl('/views'))).data.views
}
export async function createView(name: string, query: SavedView['query']): Promise<SavedView> {
  return (await axios.post(apiUrl('/views'), { name, query })).data
}
export async function deleteView(id: number): Promise<void> {
  await axios.delete(apiUrl(`/views/${id}`))
}

/** Imports (or previews, with dryRun) a CSV file. */
export async function importCsv(file: File, opts: { mapping?: Record<string, string>; mode: 'create' | 'update' | 'both'; skipBadLines: boolean; dryRun: boolean }): Promise<ImportReport> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  // A file with errors answers 422 with the same report: the wizard shows it either way.
  const res = await axios.post(apiUrl('/import'), { content: btoa(binary), ...opts }, { validateStatus: (s) => s === 200 || s === 422 })
  return res.data
}

/** The logged-in account's own member record. */
export async function getSelf(): Promise<SelfView> {
  return (await axios.get(apiUrl('/me'))).data
}
export async function updateSelf(body: Record<string, unknown>): Promise<SelfView> {
  return (await axios.patch(apiUrl('/me'), body)).data
}
