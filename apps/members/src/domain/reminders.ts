import { NotFound, ValidationError } from '@maison/errors'
import type { MembersEnv, ReminderCandidate } from './repositories.ts'
import { reminderRuleInput } from './schemas.ts'
import { parseOrThrow } from './validate.ts'
import { getActivity, feeFor } from './activities.ts'
import { readSettings, today } from './settings.ts'
import { addDays, formatAmount, formatDate } from './dates.ts'
import { fill, unknownPlaceholders } from './templates.ts'
import type { Activity, IsoDate, ReminderRule, SentReminder } from './types.ts'

/** A reminder sent late is still useful for a week; older ones would only confuse. */
export const CATCH_UP_DAYS = 7

export type SkipReason = 'hidden_category' | 'no_email' | 'opted_out' | 'already_sent'

export interface PlannedReminder {
  key: string
  ruleId: number
  memberId: number
  memberNumber: string
  memberName: string
  expiresOn: IsoDate
  email: string | null
  language: 'fr' | 'en'
  subject: string
  body: string
  skip: SkipReason | null
}

/** The ledger key of a reminder; the mail's idempotency key is the same string. */
export const reminderKey = (space: string, ruleId: number, memberId: number, expiresOn: IsoDate): string =>
  `members-reminder:${space}:${ruleId}:${memberId}:${expiresOn}`

function checkTemplates(r: { templates: ReminderRule['templates'] }): void {
  const errors = (['fr', 'en'] as const).flatMap((l) => [
    ...unknownPlaceholders(r.templates[l].subject, `templates.${l}.subject`),
    ...unknownPlaceholders(r.templates[l].body, `templates.${l}.body`),
  ])
  if (errors.length) throw new ValidationError('The reminder texts use unknown placeholders.', { errors })
}

/** Reminder rules of one activity. @throws NotFound */
export function listRules(env: MembersEnv, activityId: number): ReminderRule[] {
  getActivity(env, activityId)
  return env.store.reminders.listRules(activityId)
}

/** Adds a rule "N days before/on/after expiry" to an activity. @throws NotFound, ValidationError */
export function createRule(env: MembersEnv, activityId: number, input: unknown): ReminderRule {
  const r = parseOrThrow(reminderRuleInput, input, 'reminder rule')
  checkTemplates(r)
  return env.store.transaction(() => {
    getActivity(env, activityId)
    return env.store.reminders.insertRule(activityId, r, env.clock())
  })
}

/** Changes a rule; reminders already sent stay sent. @throws NotFound, ValidationError */
export function updateRule(env: MembersEnv, ruleId: number, input: unknown): ReminderRule {
  return env.store.transaction(() => {
    const current = env.store.reminders.getRule(ruleId)
    if (!current) throw new NotFound('No such reminder rule.')
    const r = parseOrThrow(reminderRuleInput, { ...current, ...(input as object) }, 'reminder rule')
    checkTemplates(r)
    return env.store.reminders.updateRule(ruleId, r)
  })
}

/** Deletes a rule (its sent log stays). @throws NotFound */
export function deleteRule(env: MembersEnv, ruleId: number): void {
  if (!env.store.reminders.getRule(ruleId)) throw new NotFound('No such reminder rule.')
  env.store.reminders.deleteRule(ruleId)
}

function compose(space: string, activity: Activity, rule: ReminderRule, c: ReminderCandidate, associationName: string): PlannedReminder {
  const m = c.member
  const expiresOn = c.subscription.expiresOn!
  // What renewing costs: the fee for the member's category, or what is left to pay on the current one.
  const left = c.subscription.amountDueCents - c.paidCents
  const amount = left > 0 ? left : feeFor(activity, m.categoryId)?.amountCents ?? c.subscription.amountDueCents
  const lang = m.language
  const vars = {
    name: `${m.firstName} ${m.lastName}`, firstName: m.firstName, lastName: m.lastName, number: m.number, activity: c.activityName,
    expiryDate: formatDate(expiresOn, lang), amount: formatAmount(amount, lang), association: associationName,
  }
  const skip = c.categoryHidden ? 'hidden_category' : !m.email ? 'no_email' : m.remindersOptOut ? 'opted_out' : null
  return {
    key: reminderKey(space, rule.id, m.id, expiresOn), ruleId: rule.id, memberId: m.id, memberNumber: m.number,
    memberName: vars.name, expiresOn, email: m.email, language: lang,
    subject: fill(rule.templates[lang].subject, vars), body: fill(rule.templates[lang].body, vars), skip,
  }
}

/** Who gets which reminder on `day` (default today), with the reason when someone is skipped. */
export function planReminders(env: MembersEnv, space: string, day?: IsoDate): PlannedReminder[] {
  const on = day ?? today(env).today
  const { associationName } = readSettings(env)
  const out: PlannedReminder[] = []
  for (const activity of env.store.activities.list()) {
    for (const rule of env.store.reminders.listRules(activity.id)) {
      if (!rule.enabled) continue
      // Due on expiry + offset; still sent if the run happens up to CATCH_UP_DAYS late.
      const latestExpiry = addDays(on, -rule.offsetDays)
      const earliestExpiry = addDays(latestExpiry, -CATCH_UP_DAYS)
      for (const c of env.store.reminders.candidates(activity.id, earliestExpiry, latestExpiry)) out.push(compose(space, activity, rule, c, associationName))
    }
  }
  return out
}

/** The preview: planned reminders, marking those already in the ledger. */
export function previewReminders(env: MembersEnv, space: string, day?: IsoDate): PlannedReminder[] {
  return planReminders(env, space, day).map((p) => {
    if (p.skip) return p
    const sent = env.store.reminders.sentTo(p.memberId).some((s) => s.key === p.key)
    return sent ? { ...p, skip: 'already_sent' as const } : p
  })
}

export interface ReminderMail {
  to: string
  subject: string
  text: string
  key: string
}

/**
 * Decides today's reminders and hands them to the mail queue. The decision and its ledger row are one
 * transaction, so a reminder is decided once per member × rule × expiry; rows whose mail was not
 * queued yet (a worker died in between) are queued on the next run, with the same mail key. `send` gets the
 * mails batch by batch.
 */
export async function runReminders(
  env: MembersEnv,
  space: string,
  send: (mails: ReminderMail[]) => Promise<void>,
  opts: { batch?: number; onProgress?: (queued: number) => Promise<void> | void } = {},
): Promise<{ decided: number; queued: number }> {
  const now = env.clock()
  const decided = env.store.transaction(() => {
    let n = 0
    for (const p of planReminders(env, space)) {
      if (p.skip || !p.email) continue
      if (env.store.reminders.record({ key: p.key, ruleId: p.ruleId, memberId: p.memberId, expiresOn: p.expiresOn, email: p.email, subject: p.subject, body: p.body, decidedAt: now.toISOString() })) n++
    }
    return n
  })
  let queued = 0
  for (;;) {
    const rows = env.store.reminders.unqueued(opts.batch ?? 500)
    if (!rows.length) break
    // One hand-over per batch; each mail's key makes a repeated hand-over (after a crash) a no-op.
    await send(rows.map((r) => ({ to: r.email, subject: r.subject, text: r.body, key: r.key })))
    env.store.reminders.markQueued(rows.map((r) => r.id), env.clock())
    queued += rows.length
    await opts.onProgress?.(queued)
  }
  return { decided, queued }
}

/** Reminders sent to one member, newest first. @throws NotFound */
export function remindersSentTo(env: MembersEnv, memberId: number): SentReminder[] {
  if (!env.store.members.get(memberId)) throw new NotFound('No such member.')
  return env.store.reminders.sentTo(memberId)
}
