import type { RegistrationsEnv } from './env.ts'
import { notify, statusMailOf } from './signup.ts'

const DAY_MS = 24 * 3600 * 1000

/**
 * Reminds confirmed participants of occurrences starting within the next day. The mail key and the
 * `reminded_at` ledger keep it to one reminder per sign-up even when the job runs again or twice.
 */
export async function sendDueReminders(env: RegistrationsEnv): Promise<number> {
  const now = env.clock()
  let sent = 0
  for (const reg of env.repo.dueReminders(now.toISOString(), new Date(now.getTime() + DAY_MS).toISOString())) {
    const event = env.event(reg.eventId)
    const occurrence = event ? env.occurrence(event, reg.occurrenceStart) : null
    if (!event || event.status === 'cancelled' || !occurrence || occurrence.status === 'cancelled') continue
    // Queue first, then record: a crash in between re-queues the same key, which the mail ledger ignores.
    await notify(env, 'reminder', reg, event)
    if (env.repo.markReminded(reg.id, now.toISOString())) sent++
  }
  return sent
}

/** Erases personal data of sign-ups whose occurrence ended more than `retentionDays` ago; counts stay. */
export function purgeExpired(env: RegistrationsEnv, retentionDays: number): number {
  const now = env.clock()
  return env.repo.purgePersonalData(new Date(now.getTime() - retentionDays * DAY_MS).toISOString(), now.toISOString())
}

/**
 * Sends the status e-mails a process did not get to queue after deciding (it died in between). The mail
 * keys make a re-send of one that did leave a no-op.
 */
export async function resendUnnotified(env: RegistrationsEnv): Promise<number> {
  let sent = 0
  for (const reg of env.repo.unnotified()) {
    const event = env.event(reg.eventId)
    const kind = statusMailOf(reg)
    if (!event || !kind) continue
    await notify(env, kind, reg, event)
    sent++
  }
  return sent
}
